"""Values kept in the database because lists filter and sort by them (a case's next legal deadline), and
that follow from other records, the rules table and the holiday calendar.

The service that changes a value's inputs keeps it current; what every value depends on — a legal time
limit or a year's holiday schedule — refreshes them all here. Apps register their refreshers with
`@refresher(name)`: `refresh(queryset=None) -> rows changed`. `fazhi refresh-stored` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save

_REFRESHERS: dict[str, Callable] = {}


def refresher(name: str):
    def register(func):
        _REFRESHERS[name] = func
        return func

    return register


def refresh_all() -> dict[str, int]:
    """Recompute every stored value from its inputs; {name: rows changed}."""
    from .areas import area_modules

    for _ in area_modules("stored"):
        pass  # importing each app's stored.py registers its refreshers
    return {name: func() for name, func in sorted(_REFRESHERS.items())}


_deferred: list[bool] = []


@contextmanager
def deferred():
    """Rules saved inside refresh the stored values once, at the end, not after each row (seeding a table of
    rules whose later rows the refreshers need)."""
    _deferred.append(False)
    try:
        yield
    finally:
        changed = _deferred.pop()
    if changed:
        transaction.on_commit(refresh_all)


def _rules_changed(sender, **kwargs):
    if _deferred:
        _deferred[-1] = True
        return
    transaction.on_commit(refresh_all)


def connect() -> None:
    from .models import CalendarDay, HolidayYear, LegalTimeLimit

    for model in (LegalTimeLimit, HolidayYear, CalendarDay):
        post_save.connect(_rules_changed, sender=model, dispatch_uid=f"stored-{model.__name__}-save")
        post_delete.connect(_rules_changed, sender=model, dispatch_uid=f"stored-{model.__name__}-delete")
