"""Queries that read plans and tasks: who sees which task, a unit's list, the overview's aggregates."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404

from fazhi.core.choices import Action, OrgKind, RoleCode
from fazhi.core.models import EvidenceFile, Org, User
from fazhi.core.scoping import COMMISSION_ROLES, can, scope_filter

from .choices import PlanStatus, ReportStatus, TaskStatus
from .models import Plan, ProgressReport, Target, Task
from .status import task_states

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


def _one(queryset, pk, what: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404(f"{what}不存在或不在您的权限范围内")


def get_task(user, pk) -> Task:
    return _one(tasks_visible(user), pk, "任务")


def get_plan(user, pk) -> Plan:
    return _one(plans_visible(user), pk, "工作要点")


def get_report(user, pk) -> ProgressReport:
    return _one(reports_visible(user).select_related("task__plan__org", "task__lead"), pk, "进展报送")


def get_target(user, pk) -> Target:
    return _one(Target.objects.filter(task__in=tasks_visible(user).values("pk")).select_related("task"), pk, "目标")


# ---------------------------------------------------------------- one plan
def plan_tasks(plan: Plan):
    return (plan.tasks.select_related("plan__org", "section", "lead", "leader")
            .prefetch_related("co_units", "targets").order_by("seq"))


def with_states(tasks, today: dt.date) -> list[tuple[Task, object]]:
    tasks = list(tasks)
    states = task_states(tasks, today)
    return [(task, states[task.pk]) for task in tasks]


def tasks_in_state(tasks, today: dt.date, status: str | None = None) -> list[Task]:
    """The tasks, each with its computed `state`; with `status`, only those in it (status is not stored,
    so it is filtered here, after computing)."""
    rows = with_states(tasks, today)
    for task, state in rows:
        task.state = state
    return [task for task, state in rows if not status or state.status == status]


def plan_sections(plan: Plan, user, today: dt.date) -> list[dict]:
    """The plan page: the sections with the tasks the user may see, each with its state and, per target
    (confirmed or not), its progress."""
    sections = []
    for task, state in with_states(plan_tasks(plan).filter(pk__in=tasks_visible(user).values("pk")), today):
        if not sections or sections[-1]["section"].pk != task.section_id:
            sections.append({"section": task.section, "rows": []})
        progress = {p.target.pk: p for p in state.targets}
        sections[-1]["rows"].append((task, state, [(t, progress.get(t.pk)) for t in task.targets.all()]))
    return sections


def plan_targets(plan: Plan):
    """The targets of the plan's live tasks."""
    return Target.objects.filter(task__plan=plan, task__deleted_at__isnull=True)


def linked_files(user, *, reports=(), targets=()) -> dict[tuple[str, int], list[EvidenceFile]]:
    """Evidence files attached to progress reports and manual targets that `user` may see, in one
    query, keyed ("report", pk) or ("target", pk)."""
    types = ContentType.objects.get_for_models(ProgressReport, Target)
    kinds = {types[ProgressReport].pk: "report", types[Target].pk: "target"}
    files = EvidenceFile.objects.visible_to(user).filter(
        Q(content_type=types[ProgressReport], object_id__in=list(reports))
        | Q(content_type=types[Target], object_id__in=list(targets)))
    grouped = defaultdict(list)
    for item in files:
        grouped[(kinds[item.content_type_id], item.object_id)].append(item)
    return grouped


def accepted_reports(plan: Plan) -> dict[int, list[ProgressReport]]:
    """Each task's accepted reports, newest period first: the ledger's 进展情况."""
    accepted = defaultdict(list)
    for report in (ProgressReport.objects.filter(task__plan=plan, status=ReportStatus.ACCEPTED)
                   .order_by("-period_end", "-submitted_at")):
        accepted[report.task_id].append(report)
    return accepted


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
                 "rate": round(100 * counts.get(TaskStatus.DONE, 0) / sum(counts.values()))}
                for name, counts in groups.items()]

    return {
        "statuses": TaskStatus.choices, "total": len(rows),
        "status_totals": [(code, name, totals.get(code, 0)) for code, name in TaskStatus.choices],
        "by_section": table(by_section), "by_lead": table(by_lead), "by_unit": table(by_unit),
        "pending_reports": ProgressReport.objects.filter(task__plan=plan, status=ReportStatus.SUBMITTED).count(),
    }


def pending_reports(user):
    """Reports waiting for the office's review, for the commissions the user manages."""
    return (reports_visible(user).filter(status=ReportStatus.SUBMITTED, task__plan__org__in=office_orgs(user))
            .select_related("task", "org").order_by("submitted_at"))



def completion(rows: list[tuple[Task, object]]) -> list[dict]:
    """Each plan among `rows` (tasks with their states) with its tasks counted by status and the share
    done, as the overview counts them."""
    plans: dict = {}
    for task, state in rows:
        plans.setdefault(task.plan_id, {"plan": task.plan, "counts": Counter()})["counts"][state.status] += 1
    result = []
    for row in sorted(plans.values(), key=lambda r: (r["plan"].org.path, r["plan"].title)):
        total, done = sum(row["counts"].values()), row["counts"][TaskStatus.DONE]
        result.append({"plan": row["plan"], "total": total, "done": done, "rate": round(100 * done / total),
                       "counts": [(code, label, row["counts"][code]) for code, label in TaskStatus.choices]})
    return result
