"""Reading the activity ledgers: scoped lists, a commission's year, per-unit summaries, 述法 coverage,
the publicity-day calendar and the records that serve a plan task."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Sum

from fazhi.core.choices import Action, OrgKind
from fazhi.core.models import Org

from .choices import AccountForm
from .ledgers import ACTIVITY_LEDGERS, Ledger
from .models import Accountable, LawAccount, PublicityDay, PublicityEvent

RELATED = {"task": ("plan",), "person": ("org",), "adviser": (), "occasion": ()}


def ledger_queryset(ledger: Ledger, user, action: str = Action.VIEW):
    """A ledger's records the user may see (or change), with what a list row shows."""
    related = ["org"] + [name for name in RELATED if name in ledger.fields]
    related += [f"{name}__{deeper}" for name, more in RELATED.items() if name in ledger.fields for deeper in more]
    return ledger.model.objects.visible_to(user, action).select_related(*related)


def year_items(user, year: int, org: Org | None = None) -> list[dict]:
    """Every activity of `year` the user may see (under `org` if given), oldest first: one query a ledger."""
    items = []
    for ledger in ACTIVITY_LEDGERS:
        rows = ledger.model.objects.visible_to(user).filter(date__year=year).select_related("org")
        if org is not None:
            rows = rows.filter(org__path__startswith=org.path)
        for record in rows.only("pk", "date", "title", "org__name", "org__path"):
            items.append(
                {
                    "date": record.date,
                    "title": record.title,
                    "org": record.org.name,
                    "ledger": ledger,
                    "url": record.get_absolute_url(),
                }
            )
    items.sort(key=lambda item: (item["date"], item["ledger"].slug))
    return items


def month_grid(items: list[dict], year: int) -> list[dict]:
    """Twelve months, each with its weeks of days and the activities on each day."""
    import calendar

    by_day = defaultdict(list)
    for item in items:
        by_day[item["date"]].append(item)
    months = []
    for month in range(1, 13):
        weeks = [
            [(day, by_day.get(day, [])) if day.month == month else (None, []) for day in week]
            for week in calendar.Calendar().monthdatescalendar(year, month)
        ]
        months.append(
            {"month": month, "weeks": weeks, "count": sum(len(by_day[d]) for d in by_day if d.month == month)}
        )
    return months


def unit_summary(user, year: int, org: Org | None = None) -> list[dict]:
    """Per org: how many records of each ledger in `year` — one grouped query per ledger."""
    table = defaultdict(lambda: defaultdict(int))
    names = {}
    for ledger in ACTIVITY_LEDGERS:
        rows = ledger.model.objects.visible_to(user).filter(date__year=year)
        if org is not None:
            rows = rows.filter(org__path__startswith=org.path)
        for org_id, org_name, path, n in rows.values_list("org", "org__name", "org__path").annotate(n=Count("pk")):
            table[org_id][ledger.slug] = n
            names[org_id] = (path, org_name)
    return [
        {
            "org": names[org_id][1],
            "counts": [table[org_id][ledger.slug] for ledger in ACTIVITY_LEDGERS],
            "total": sum(table[org_id].values()),
        }
        for org_id in sorted(table, key=lambda k: names[k][0])
    ]


def account_coverage(user, year: int, org: Org | None = None) -> dict:
    """述法 coverage: each active person who must 述法, whether and how they did it in `year`."""
    people = Accountable.objects.visible_to(user).filter(is_active=True).select_related("org")
    if org is not None:
        people = people.filter(org__path__startswith=org.path)
    accounts = LawAccount.objects.filter(person=OuterRef("pk"), year=year)
    people = people.annotate(done=Exists(accounts), special=Exists(accounts.filter(form=AccountForm.SPECIAL)))
    rows = list(people)
    done = sum(1 for p in rows if p.done)
    return {
        "rows": rows,
        "expected": len(rows),
        "done": done,
        "missing": [p for p in rows if not p.done],
        "rate": round(100 * done / len(rows), 1) if rows else None,
        "principals_without_special": [p for p in rows if p.is_principal and not p.special],
    }


def publicity_calendar(user, year: int, today: dt.date) -> list[dict]:
    """The year's publicity days, each with the events the user's scope held for it."""
    held = defaultdict(lambda: {"n": 0, "materials": 0, "reached": 0})
    rows = (
        PublicityEvent.objects.visible_to(user)
        .filter(date__year=year, occasion__isnull=False)
        .values("occasion")
        .annotate(n=Count("pk"), materials=Sum("materials"), reached=Sum("reached"))
    )
    for row in rows:
        held[row["occasion"]] = row
    days = []
    for day in PublicityDay.objects.filter(is_active=True):
        start, end = day.span(year)
        state = (
            "past"
            if end < today
            else "now"
            if start <= today
            else "soon"
            if (start - today).days <= day.remind_days
            else "later"
        )
        days.append({"day": day, "start": start, "end": end, "state": state, **held[day.pk]})
    return days


def scope_orgs(user):
    """Orgs a user may narrow the year view to: commissions and their units within the user's scope."""
    return Org.objects.visible_to(user).exclude(kind=OrgKind.REGION).filter(is_active=True)
