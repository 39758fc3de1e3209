"""The work plan's panel on the home page: the chosen year's tasks in the user's view by status, each
plan's completion, and the ones that need attention first (overdue, due soon, reports to file or to
review)."""

from __future__ import annotations

from collections import Counter

from .choices import TASK_STATUS_COLOURS, PlanStatus, TaskStatus
from .selectors import completion, office_orgs, pending_reports, tasks_visible, with_states

ATTENTION = [TaskStatus.OVERDUE, TaskStatus.WARNING]


def panel(user, today, year: int | None = None, unit=None) -> dict | None:
    """`unit`: a commission chosen under the user's scope, whose plans alone are shown."""
    year = year or today.year
    tasks = tasks_visible(user).filter(plan__year=year, plan__status=PlanStatus.ISSUED).order_by("due_date")
    if unit is not None:
        tasks = tasks.filter(plan__org__path__startswith=unit.path)
    rows = with_states(tasks, today)
    if not rows:
        return None
    counts = Counter(state.status for _, state in rows)
    urgent = sorted((r for r in rows if r[1].status in ATTENTION), key=lambda r: ATTENTION.index(r[1].status))
    reports_due = sorted((r for r in rows if r[1].report_due_soon), key=lambda r: r[1].next_slot.due.date)
    return {
        "template": "plans/_home_panel.html", "year": year, "total": len(rows), "plans": completion(rows),
        "counts": [(code, label, counts.get(code, 0), TASK_STATUS_COLOURS[code]) for code, label in TaskStatus.choices],
        "urgent": urgent[:6], "reports_due": reports_due[:6],
        "to_review": pending_reports(user)[:6] if office_orgs(user).exists() else [],
        # A city sees its counties' tasks too: name the commission when it is not the user's own.
        "own_commission": user.org.commission().pk if user.org_id else None,
    }
