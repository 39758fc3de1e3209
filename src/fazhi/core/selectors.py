"""Queries that read the spine: scoped lookups and the dashboard's aggregates."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .choices import Action, DayKind, RuleStatus
from .models import Org, Record, User
from .scoping import can, scope_filter


def get_visible(queryset, user, pk, action: str = Action.VIEW):
    """The row `pk` if `user` may see it (404 otherwise), checked for `action` (403 otherwise)."""
    model = queryset.model
    try:
        obj = queryset.filter(scope_filter(user, Action.VIEW, path_field=model.scope_path_field)).get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise Http404("记录不存在或不在您的权限范围内")
    if action != Action.VIEW and not can(user, action, obj if model is Org else obj.org):
        raise PermissionDenied("您无权对该记录执行此操作")
    return obj


def orgs_visible(user, action: str = Action.VIEW):
    return Org.objects.visible_to(user, action)


def users_visible(user):
    return User.objects.filter(scope_filter(user, Action.VIEW)).select_related("org").prefetch_related("roles")


def scope_root(user) -> Org | None:
    """The top org of the user's view: used as the default subtree of dashboards and indicators."""
    visible = Org.objects.visible_to(user)
    return visible.order_by("path").first()


def record_models() -> list[type[Record]]:
    """Every concrete business-record model (subclasses of Record) of every app."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Record)]


def deleted_records(user, limit_per_model: int = 200) -> list:
    """Soft-deleted records in the user's restore scope, newest first."""
    rows = []
    for model in record_models():
        for obj in (model.all_objects.filter(deleted_at__isnull=False)
                    .filter(scope_filter(user, Action.RESTORE)).select_related("org", "deleted_by")
                    .order_by("-deleted_at")[:limit_per_model]):
            rows.append(obj)
    return sorted(rows, key=lambda o: o.deleted_at, reverse=True)


def history_target(user, content_type_id: int, pk: int):
    """The record whose history is asked for, if it is in the user's view scope (deleted ones too).
    Every tracked model is found through the scoping function by the org that owns it; a model that
    does not say who owns it is refused, so a new tracked model cannot leak by being forgotten."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404("记录类型不存在")
    # Only models registered with django-simple-history (not its own historical tables).
    if model not in tracked_models() or not hasattr(model, "scope_path_field"):
        raise Http404("该记录类型没有变更记录")
    if model.scope_path_field is None:  # reference data the whole deployment shares
        try:
            return model._base_manager.get(pk=pk)
        except model.DoesNotExist:
            raise Http404("记录不存在")
    return get_visible(model._base_manager.all(), user, pk)


def tracked_models() -> list[type]:
    """Every model whose changes are kept (registered with django-simple-history)."""
    from django.apps import apps

    return [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


def dashboard(user, year: int) -> dict:
    """What the home page shows of the spine: the reference data to check."""
    from . import deadlines
    from .models import LegalTimeLimit

    next_source = deadlines.WorkCalendar().source(year + 1)
    return {
        "next_year": year + 1,
        "next_year_provisional": next_source in deadlines.PROVISIONAL_SOURCES,
        "next_year_statutory": next_source == "statutory",
        "unconfirmed_limits": LegalTimeLimit.objects.exclude(status=RuleStatus.CONFIRMED).count(),
    }


def home_panels(user, today, year: int | None = None, unit: Org | None = None) -> list[dict]:
    """Panels the areas add to the home page: each app's `home.py` may offer `panel(user, today, year,
    unit)` for the year chosen and the commission chosen under the user's scope (None: the whole scope)."""
    from .areas import area_modules

    return [panel for module in area_modules("home") if (panel := module.panel(user, today, year, unit))]


def calendar_year(year: int) -> dict:
    """A year's holiday schedule as shown on the calendar page, from whichever source knows it."""
    import datetime as dt

    from . import deadlines
    from .models import HolidayYear

    cal = deadlines.WorkCalendar()
    source = cal.source(year)
    schedule = HolidayYear.objects.filter(year=year).first()
    if schedule:
        rows = [(d.date, d.get_kind_display(), d.name) for d in schedule.days.all()]
    elif source == "package":
        rows = [(d, DayKind(k).label, n) for d, k, n in deadlines.package_schedule(year)]
    elif source == "statutory":
        rows = [(d, DayKind.HOLIDAY.label, n) for d, n in sorted(cal.statutory_days(year).items())]
    else:
        rows = []
    return {"year": year, "source": source, "source_label": deadlines.SOURCE_LABELS[source],
            "provisional": source in deadlines.PROVISIONAL_SOURCES, "schedule": schedule, "rows": rows,
            "workdays": cal.workdays_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))}


HIDDEN_IN_HISTORY = {"id", "updated_at", "path"}


def history_entries(record) -> list[dict]:
    """A record's history, newest first, each entry with its changes against the one before."""
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))
    labels: dict = {}
    rows = []
    for index, entry in enumerate(entries):
        previous = entries[index + 1] if index + 1 < len(entries) else None
        kind = {"+": "新建", "-": "彻底删除"}.get(entry.history_type, "修改")
        if previous is not None and hasattr(entry, "deleted_at"):
            if entry.deleted_at and not previous.deleted_at:
                kind = "删除"
            elif previous.deleted_at and not entry.deleted_at:
                kind = "恢复"
        rows.append({"entry": entry, "kind": kind,
                     "changes": history_changes(entry, previous, labels) if previous else []})
    return rows


def history_changes(entry, previous, labels: dict) -> list[tuple[str, object, object]]:
    """(field, before, after) of one history entry against the one before it. Unlike
    simple-history's diff_against, this includes non-editable fields such as 删除人/删除时间."""
    changes = []
    for field in entry.tracked_fields:
        if field.name in HIDDEN_IN_HISTORY:
            continue
        old, new = getattr(previous, field.attname), getattr(entry, field.attname)
        if old != new:
            if field.is_relation:
                old, new = _related_label(field, old, labels), _related_label(field, new, labels)
            changes.append((field.name, old, new))
    changes += [(c.field, "、".join(map(str, c.old)) if isinstance(c.old, list) else c.old,
                 "、".join(map(str, c.new)) if isinstance(c.new, list) else c.new)
                for c in entry.diff_against(previous, included_fields=[f.name for f in entry._history_m2m_fields]
                                            ).changes]
    return changes


def _related_label(field, pk, labels: dict):
    if pk is None:
        return None
    key = (field.related_model, pk)
    if key not in labels:
        related = field.related_model._base_manager.filter(pk=pk).first()
        labels[key] = str(related) if related is not None else pk
    return labels[key]
