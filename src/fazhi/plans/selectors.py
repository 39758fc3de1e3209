"""Queries that read plans and tasks: who sees which task, a unit's list, the overview's aggregates."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.http import Http404

from fazhi.core.choices import Action, OrgKind, RoleCode
from fazhi.core.models import Org, User
from fazhi.core.scoping import COMMISSION_ROLES, can, scope_filter

from .choices import PlanStatus, ReportStatus, TaskStatus
from .models import Plan, ProgressReport, Task
from .status import IndicatorValues, task_states

OFFICE_ROLES = (RoleCode.LEGAL_ADMIN, RoleCode.SYSADMIN)


# ---------------------------------------------------------------- who may do what
def can_manage_plan(user, plan_or_org) -> bool:
    """The legal affairs office of the plan's commission (and its system administrator): import,
    assign, confirm targets, issue, review reports."""
    org = plan_or_org.org if isinstance(plan_or_org, Plan) else plan_or_org
    if user.is_superuser:
        return True
    return user.has_role(*OFFICE_ROLES) and can(user, Action.CHANGE, org)


def can_report(user, task: Task) -> bool:
    """The lead unit's people (and the office) file progress on an issued plan's task."""
    if not task.plan.is_issued or task.lead_id is None:
        return False
    in_lead = user.org_id is not None and user.org.path.startswith(task.lead.path)
    return can_manage_plan(user, task.plan) or (in_lead and can(user, Action.CHANGE, task.lead))


def can_read_ledger(user, plan: Plan) -> bool:
    """The whole plan's ledger and overview: the office, and the commission-level roles that read it
    (leaders, reviewers; a city's for its counties too)."""
    return can_manage_plan(user, plan) or (bool(user.role_codes() & COMMISSION_ROLES)
                                           and can(user, Action.VIEW, plan.org))


def office_orgs(user):
    """Commissions whose plans `user` manages: where a plan may be imported."""
    commissions = Org.objects.visible_to(user, Action.CHANGE).filter(kind=OrgKind.COMMISSION)
    return commissions if user.is_superuser or user.has_role(*OFFICE_ROLES) else commissions.none()


# ---------------------------------------------------------------- scoped querysets
def _unit_q(user) -> Q:
    """Tasks a unit works on: it leads them or helps, in a plan that has been issued."""
    co_task_ids = Task.co_units.through.objects.filter(
        scope_filter(user, Action.VIEW, path_field="org__path")).values("task_id")
    return Q(plan__status=PlanStatus.ISSUED) & (scope_filter(user, Action.VIEW, path_field="lead__path")
                                                | Q(pk__in=co_task_ids))


def tasks_visible(user):
    """Tasks of the user's commission(s), and of any issued plan where the user's unit leads or helps."""
    return (Task.objects.filter(scope_filter(user, Action.VIEW) | _unit_q(user))
            .filter(plan__deleted_at__isnull=True)
            .select_related("plan__org", "section", "lead", "leader"))


def plans_visible(user):
    unit_plans = Task.objects.filter(_unit_q(user)).values("plan_id")
    return Plan.objects.filter(scope_filter(user, Action.VIEW) | Q(pk__in=unit_plans)).select_related("org")


def reports_visible(user):
    return ProgressReport.objects.filter(task__in=tasks_visible(user).values("pk"))


def get_task(user, pk) -> Task:
    try:
        return tasks_visible(user).get(pk=pk)
    except (Task.DoesNotExist, ValueError):
        raise Http404("任务不存在或不在您的权限范围内")


def get_plan(user, pk) -> Plan:
    try:
        return plans_visible(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError):
        raise Http404("工作要点不存在或不在您的权限范围内")


def get_report(user, pk) -> ProgressReport:
    try:
        return reports_visible(user).select_related("task__plan__org", "task__lead").get(pk=pk)
    except (ProgressReport.DoesNotExist, ValueError):
        raise Http404("进展报送不存在或不在您的权限范围内")


# ---------------------------------------------------------------- one plan
def plan_tasks(plan: Plan):
    return (plan.tasks.select_related("plan__org", "section", "lead", "leader")
            .prefetch_related("co_units", "targets").order_by("seq"))


def with_states(tasks, today: dt.date) -> list[tuple[Task, object]]:
    tasks = list(tasks)
    states = task_states(tasks, today, values=IndicatorValues())
    return [(task, states[task.pk]) for task in tasks]


def task_detail(task: Task, today: dt.date) -> dict:
    state = task_states([task], today)[task.pk]
    reports = (task.reports.select_related("org", "created_by", "reviewed_by")
               .prefetch_related("links").order_by("-submitted_at"))
    return {"state": state, "reports": reports, "events": task.events.select_related("actor")[:50],
            "co_units": list(task.co_units.all())}


def plan_candidates(plan: Plan):
    """Departments and units of the plan's commission that can lead or support a task: the active
    ones, and any the plan already uses (so that saving does not drop a unit since deactivated)."""
    used = Q(led_tasks__plan=plan) | Q(supported_tasks__plan=plan)
    return (Org.objects.filter(path__startswith=plan.org.path, kind__in=[OrgKind.DEPARTMENT, OrgKind.UNIT])
            .filter(Q(is_active=True) | Q(pk__in=Org.objects.filter(used).values("pk")))
            .order_by("kind", "sort_order", "name"))


def plan_leaders(plan: Plan):
    """People who can be a task's responsible leader: the commission's leaders first, then its staff."""
    return (User.objects.filter(org__path__startswith=plan.org.path, is_active=True)
            .annotate(is_leader=Count("roles", filter=Q(roles__code=RoleCode.LEADER)))
            .order_by("-is_leader", "org__path", "username"))


def previous_plan(plan_org: Org, year: int) -> Plan | None:
    return Plan.objects.filter(org=plan_org, year=year - 1).order_by("-status", "-pk").first()


# ---------------------------------------------------------------- overview
def overview(plan: Plan, today: dt.date) -> dict:
    """Completion by section, by lead department/unit and by any unit involved, for the overview page."""
    rows = with_states(plan_tasks(plan), today)
    statuses = [s for s, _ in TaskStatus.choices]
    by_section: dict = defaultdict(Counter)
    by_lead: dict = defaultdict(Counter)
    by_unit: dict = defaultdict(Counter)
    for task, state in rows:
        by_section[str(task.section)][state.status] += 1
        by_lead[task.lead.name if task.lead else "（未分工）"][state.status] += 1
        for org in {task.lead, *task.co_units.all()} - {None}:
            by_unit[org.name][state.status] += 1
    totals = Counter(state.status for _, state in rows)

    def table(groups):
        return [{"name": name, "counts": [counts.get(s, 0) for s in statuses], "total": sum(counts.values()),
                 "done": counts.get(TaskStatus.DONE, 0),
                 "rate": round(100 * counts.get(TaskStatus.DONE, 0) / sum(counts.values()))}
                for name, counts in groups.items()]

    return {
        "rows": rows, "statuses": TaskStatus.choices, "totals": [totals.get(s, 0) for s in statuses],
        "total": len(rows), "done": totals.get(TaskStatus.DONE, 0),
        "by_section": table(by_section), "by_lead": table(by_lead), "by_unit": table(by_unit),
        "pending_reports": ProgressReport.objects.filter(task__plan=plan, status=ReportStatus.SUBMITTED).count(),
    }


def pending_reports(user):
    """Reports waiting for the office's review, for the commissions the user manages."""
    return (reports_visible(user).filter(status=ReportStatus.SUBMITTED, task__plan__org__in=office_orgs(user))
            .select_related("task", "org").order_by("submitted_at"))

