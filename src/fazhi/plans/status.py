"""A task's status, computed — never typed — from its targets, its reports and its deadlines.

- Target values come from the indicator registry: a target linked to an indicator moves when any
  area records what the indicator counts, without this module knowing what that is.
- Report periods and their due dates come from the deadline service (working days).
- The plan's own policy (`warn_days`, `report_grace_days`) says how early to warn.

`task_states(tasks, today)` works on a list of tasks with a fixed number of queries: one for the
reports, one for the targets, and one per distinct (indicator, scope, period) asked for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from fazhi.core import deadlines
from fazhi.core.choices import TimeUnit
from fazhi.indicators import registry
from fazhi.indicators.registry import Period

from .choices import Cadence, ReportStatus, TaskStatus
from .models import ProgressReport, Target, Task
from .periods import label, task_spans

COMPARE = {
    ">=": lambda v, n: v >= n, ">": lambda v, n: v > n, "<=": lambda v, n: v <= n,
    "<": lambda v, n: v < n, "=": lambda v, n: v == n,
}


@dataclass
class TargetProgress:
    target: Target
    value: Decimal | None  # the current period's value (the year's, for a yearly target)
    met: bool
    percent: int  # 0–100, how far towards the number
    indicator: registry.Indicator | None = None
    missing_indicator: bool = False  # linked to a code no area registers (any more)


@dataclass
class ReportSlot:
    """One report period of a task: its span, its due date, and whether a report was filed."""

    start: dt.date
    end: dt.date
    due: deadlines.Due
    filed: bool


@dataclass
class TaskState:
    status: str
    targets: list[TargetProgress] = field(default_factory=list)
    slots: list[ReportSlot] = field(default_factory=list)
    completion_accepted: bool = False
    pending_reports: int = 0
    reasons: list[str] = field(default_factory=list)
    today: dt.date = dt.date.min
    warn_days: int = 0  # the plan's

    @property
    def label(self) -> str:
        return TaskStatus(self.status).label

    @property
    def percent(self) -> int:
        if self.status == TaskStatus.DONE:
            return 100
        if not self.targets:
            return 0
        return round(sum(t.percent for t in self.targets) / len(self.targets))

    @property
    def next_slot(self) -> ReportSlot | None:
        """The next report to file: the first unfiled period not yet past its due date."""
        if self.status == TaskStatus.DONE:
            return None
        return next((s for s in self.slots if not s.filed and s.due.date >= self.today), None)

    @property
    def report_due_soon(self) -> ReportSlot | None:
        """The next report, when its due date is within the plan's warning days."""
        slot = self.next_slot
        return slot if slot is not None and (slot.due.date - self.today).days <= self.warn_days else None

    @property
    def overdue_slot(self) -> ReportSlot | None:
        """The last period whose report is past due, if it was not filed (an older miss is history)."""
        passed = [s for s in self.slots if s.due.date < self.today]
        return passed[-1] if passed and not passed[-1].filed else None


class IndicatorValues:
    """Indicator values asked for while computing a batch of tasks: fetched together beforehand, one
    grouped query per family of figures and period, not one per task."""

    def __init__(self):
        self._cache: dict[tuple[str, str, Period], object] = {}

    def prefetch(self, wanted) -> None:
        """Load every (code, org, period) in `wanted` at once: per period, split by commission."""
        from fazhi.core.choices import OrgKind

        by_period: dict[Period, tuple[set, dict]] = {}
        for code, org, period in wanted:
            codes, orgs = by_period.setdefault(period, (set(), {}))
            codes.add(code)
            orgs[org.pk] = org
        for period, (codes, orgs) in by_period.items():
            commissions = [org for org in orgs.values() if org.kind == OrgKind.COMMISSION]
            if commissions:
                split = registry.values(sorted(codes), _common_root(commissions), period, by="org",
                                        among=commissions)
                for code in codes:
                    for org in commissions:
                        self._cache[code, org.path, period] = split[code][org]

    def get(self, code: str, org, period: Period):
        key = (code, org.path, period)
        if key not in self._cache:
            self._cache[key] = registry.value(code, org, period)
        return self._cache[key]


def _common_root(orgs) -> registry.Scope:
    """The smallest subtree holding all `orgs`: the longest path prefix they share."""
    paths = [org.path for org in orgs]
    shared = paths[0]
    for path in paths[1:]:
        while not path.startswith(shared):
            shared = shared[:shared.rstrip("/").rfind("/") + 1]
    return registry.Scope(shared or "/")


def _wanted(task, targets):
    for target in targets:
        if target.is_manual or target.indicator_code not in registry.registered_codes():
            continue
        for span in task_spans(task.plan.year, target.period, task.due_date):
            yield target.indicator_code, task.plan.org, Period(*span)


def target_progress(target: Target, *, task: Task, today: dt.date, values: IndicatorValues) -> TargetProgress:
    number = target.number
    compare = COMPARE[target.comparator]
    indicator = None
    if target.is_manual:
        value = target.manual_value
        met = value is not None and compare(value, number)
        spans_met = [met]
    else:
        try:
            indicator = registry.get(target.indicator_code)
        except KeyError:
            return TargetProgress(target, None, False, 0, missing_indicator=True)
        # The periods the task must meet the target in: those that start by its deadline.
        spans = [Period(*span) for span in task_spans(task.plan.year, target.period, task.due_date)]
        results = [values.get(target.indicator_code, task.plan.org, span) for span in spans]
        spans_met = [r is not None and compare(Decimal(str(r)), number) for r in results]
        current = next((i for i, span in enumerate(spans) if span.start <= today <= span.end), len(spans) - 1)
        value = None if results[current] is None else Decimal(str(results[current]))
        met = all(spans_met)
    if target.comparator in (">=", ">") and number:
        percent = 100 if met else min(99, int((value or 0) * 100 / number))
    else:
        percent = 100 if met else 0
    return TargetProgress(target, value, met, percent, indicator)


def report_slots(task: Task, reports: list[dict], cal: deadlines.WorkCalendar) -> list[ReportSlot]:
    """The periods the lead unit must report on: those ending after the plan was issued."""
    plan = task.plan
    if plan.issued_at is None:
        return []
    issued = timezone.localdate(plan.issued_at)
    filed = [(r["period_start"], r["period_end"]) for r in reports if r["status"] != ReportStatus.RETURNED]
    slots = []
    for start, end in task_spans(plan.year, task.cadence, task.due_date):
        if end < issued:
            continue
        # A one-off task reports when it is done, by its deadline; others a few working days after each period.
        due = (deadlines.Due(end) if task.cadence == Cadence.ONCE
               else cal.due(end, plan.report_grace_days, TimeUnit.WORKING_DAY))
        slots.append(ReportSlot(start, end, due, any(s <= end and e >= start for s, e in filed)))
    return slots


def task_states(tasks, today: dt.date) -> dict[int, TaskState]:
    """The state of every task in `tasks` (loaded with `plan__org`)."""
    tasks = list(tasks)
    ids = [t.pk for t in tasks]
    values = IndicatorValues()
    cal = deadlines.WorkCalendar()
    reports = defaultdict(list)
    for row in (ProgressReport.objects.filter(task_id__in=ids)
                .values("task_id", "period_start", "period_end", "status", "completes_task", "submitted_at")):
        reports[row["task_id"]].append(row)
    targets = defaultdict(list)
    for target in Target.objects.filter(task_id__in=ids, confirmed=True):
        targets[target.task_id].append(target)
    values.prefetch(item for task in tasks for item in _wanted(task, targets[task.pk]))
    return {task.pk: _state(task, reports[task.pk], targets[task.pk], today, values, cal) for task in tasks}


def _state(task, reports, targets, today, values, cal) -> TaskState:
    plan = task.plan
    progress = [target_progress(t, task=task, today=today, values=values) for t in targets]
    slots = report_slots(task, reports, cal)
    accepted = [r for r in reports if r["status"] == ReportStatus.ACCEPTED]
    state = TaskState(status=TaskStatus.NOT_STARTED, targets=progress, slots=slots,
                      completion_accepted=any(r["completes_task"] for r in accepted),
                      pending_reports=sum(r["status"] == ReportStatus.SUBMITTED for r in reports), today=today,
                      warn_days=plan.warn_days)
    targets_met = all(t.met for t in progress)
    unmet = [str(t.target) for t in progress if not t.met]
    if state.completion_accepted and targets_met:
        state.status = TaskStatus.DONE
        return state
    if state.completion_accepted:
        state.reasons.append("已申报完成，但目标尚未达成：" + "；".join(unmet))
    # Completion declared by the deadline and waiting for the office: the unit is not late.
    awaiting = any(r["completes_task"] and r["status"] == ReportStatus.SUBMITTED
                   and timezone.localdate(r["submitted_at"]) <= task.due_date for r in reports)
    if awaiting and today > task.due_date:
        state.status = TaskStatus.IN_PROGRESS
        state.reasons.append("已按期申报完成，等待法治工作管理员审核")
    elif today > task.due_date:
        state.status = TaskStatus.OVERDUE
        state.reasons.append(f"已超过完成时限{_day(task.due_date, year=True)}")
    elif state.overdue_slot is not None:
        slot = state.overdue_slot
        state.status = TaskStatus.OVERDUE
        state.reasons.append(f"{label(slot.start, slot.end)}进展未在{_day(slot.due.date)}前报送")
    elif (task.due_date - today).days <= plan.warn_days:
        state.status = TaskStatus.WARNING
        state.reasons.append(f"距完成时限不足{plan.warn_days}天"
                             + (f"，目标未达成：{'；'.join(unmet)}" if unmet else ""))
    elif accepted or any((t.value or 0) > 0 for t in progress):
        state.status = TaskStatus.IN_PROGRESS
    return state


def _day(day: dt.date, *, year: bool = False) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"
