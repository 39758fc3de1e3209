"""Queries that read tasks, draws and picks: scoped querysets, a task's progress, the publicity of results,
and the snapshot a draw's pool is made of."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Count, F, Min, OuterRef, Prefetch, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from fazhi.core.choices import Action
from fazhi.core.scoping import can, scope_filter
from fazhi.core.selectors import get_visible
from fazhi.enforcement.choices import EntityStatus
from fazhi.enforcement.models import Entity, Inspection, Officer, OfficerConflict
from fazhi.indicators.registry import rate

from .choices import DrawStatus, PickOutcome, TaskState
from .models import Draw, DrawTask, Pick


# ---------------------------------------------------------------- progress
@dataclass(frozen=True)
class Progress:
    """A draw's picks by outcome. 完成率 counts inspections; 完结率 counts every settled pick."""

    total: int = 0
    inspected: int = 0
    unable: int = 0

    @property
    def pending(self) -> int:
        return self.total - self.inspected - self.unable

    @property
    def completion_rate(self) -> float | None:
        return rate(self.inspected, self.total)

    @property
    def closure_rate(self) -> float | None:
        return rate(self.inspected + self.unable, self.total)


def progress(draw: Draw | None) -> Progress:
    if draw is None or not draw.is_drawn:
        return Progress()
    counts = draw.picks.aggregate(total=Count("pk"), inspected=Count("pk", filter=Q(outcome=PickOutcome.INSPECTED)),
                                  unable=Count("pk", filter=Q(outcome=PickOutcome.UNABLE)))
    return Progress(counts["total"], counts["inspected"], counts["unable"])


# ---------------------------------------------------------------- tasks
def _live_draws():
    return Draw.objects.filter(task=OuterRef("pk")).exclude(status=DrawStatus.VOID).order_by("-pk")


def with_progress(tasks):
    """Tasks annotated with their live draw's id and status, the picks by outcome, and the computed state:
    one query for a whole list, filterable by state."""
    live = _live_draws()
    drawn = Q(draws__status=DrawStatus.DRAWN, draws__deleted_at__isnull=True)
    return tasks.annotate(
        live_draw_id=Subquery(live.values("pk")[:1]),
        draw_status=Subquery(live.values("status")[:1]),
        pick_total=Count("draws__picks", filter=drawn),
        pick_inspected=Count("draws__picks", filter=drawn & Q(draws__picks__outcome=PickOutcome.INSPECTED)),
        pick_unable=Count("draws__picks", filter=drawn & Q(draws__picks__outcome=PickOutcome.UNABLE)),
    ).annotate(state=Case(
        When(draw_status__isnull=True, then=Value(TaskState.NOT_DRAWN)),
        When(draw_status=DrawStatus.COMMITTED, then=Value(TaskState.COMMITTED)),
        When(draw_status=DrawStatus.POOL_FIXED, then=Value(TaskState.POOL_FIXED)),
        When(pick_total__gt=Count("draws__picks", filter=drawn & ~Q(draws__picks__outcome=PickOutcome.PENDING)),
             then=Value(TaskState.IN_PROGRESS)),
        default=Value(TaskState.SETTLED), output_field=CharField()))


def row_progress(task) -> Progress:
    """The Progress of a task annotated by `with_progress`."""
    return Progress(task.pick_total, task.pick_inspected, task.pick_unable)


def tasks_visible(user, action: str = Action.VIEW):
    return DrawTask.objects.visible_to(user, action).select_related("org", "pool_org")


def get_task(user, pk, action: str = Action.VIEW) -> DrawTask:
    return get_visible(DrawTask.objects.select_related("org", "pool_org"), user, pk, action)


def live_draw(task: DrawTask) -> Draw | None:
    """The task's one draw that is not void, if any."""
    return (Draw.objects.filter(task=task).exclude(status=DrawStatus.VOID)
            .select_related("pool_fixed_by", "drawn_by").first())


def task_draws(task: DrawTask):
    """Every draw of the task, void ones included, newest first."""
    return Draw.objects.filter(task=task).order_by("-pk")


# ---------------------------------------------------------------- draws
def draws_visible(user):
    return Draw.objects.visible_to(user).select_related("task", "org")


def get_draw(user, pk, action: str = Action.VIEW, *, with_pool: bool = False) -> Draw:
    draws = Draw.objects.select_related("task__org", "task__pool_org", "org", "pool_fixed_by", "drawn_by")
    return get_visible(draws.select_related("snapshot") if with_pool else draws, user, pk, action)


def draw_picks(draw: Draw):
    """A draw's picks in rank order with their entity, drawn team, inspection and the team that inspected:
    three queries for any number."""
    return (draw.picks.select_related("entity", "inspection")
            .prefetch_related(Prefetch("officers", queryset=Officer.all_objects.order_by("pk")),
                              Prefetch("inspection__officers", queryset=Officer.all_objects.order_by("pk")))
            .order_by("rank"))


def officer_loads(draw: Draw) -> list[tuple[str, int]]:
    """How many picks each officer of the draw was sent to: the load rule keeps these within one."""
    rows = (Pick.officers.through.objects.filter(pick__draw=draw).values("officer__name", "officer_id")
            .annotate(n=Count("pick")).order_by("-n", "officer_id"))
    return [(row["officer__name"], row["n"]) for row in rows]


# ---------------------------------------------------------------- picks
def picks_visible(user, action: str = Action.VIEW):
    return Pick.objects.filter(scope_filter(user, action, path_field="draw__org__path"),
                               draw__deleted_at__isnull=True)


def get_pick(user, pk, action: str = Action.VIEW) -> Pick:
    """A pick the user may see (404 otherwise), checked for `action` on its draw (403 otherwise)."""
    try:
        pick = picks_visible(user).select_related("draw__org", "draw__task__org", "entity__org").get(pk=pk)
    except (Pick.DoesNotExist, ValueError):
        raise Http404("记录不存在或不在您的权限范围内")
    if action != Action.VIEW and not can(user, action, pick.draw.org):
        raise PermissionDenied("您无权对该记录执行此操作")
    return pick


@dataclass(frozen=True)
class Publicity:
    """Where the publicity (公示) of a draw's results stands on a day."""

    published: int = 0
    published_late: int = 0
    waiting: int = 0  # settled, not yet published
    overdue: int = 0  # of those, past their deadline
    next_due: dt.date | None = None  # the earliest deadline among those waiting


def publicity(draw: Draw | None, today: dt.date) -> Publicity:
    if draw is None or not draw.is_drawn:
        return Publicity()
    waiting = Q(result_published_at__isnull=True) & ~Q(outcome=PickOutcome.PENDING)
    row = draw.picks.aggregate(
        published=Count("pk", filter=Q(result_published_at__isnull=False)),
        late=Count("pk", filter=Q(result_published_at__date__gt=F("result_due"))),
        waiting=Count("pk", filter=waiting),
        overdue=Count("pk", filter=waiting & Q(result_due__lt=today)),
        next_due=Min("result_due", filter=waiting))
    return Publicity(row["published"], row["late"], row["waiting"], row["overdue"], row["next_due"])


# ---------------------------------------------------------------- the pool
def pool_entities(task: DrawTask, on: dt.date):
    """The entities a task draws from on `on`: of the pool org's subtree, under supervision by that day, not
    closed, of its categories and grades."""
    entities = Entity.objects.filter(org__path__startswith=task.pool_org.path, registered_on__lte=on).exclude(
        status=EntityStatus.CLOSED)
    if task.categories:
        entities = entities.filter(category__in=task.categories)
    if task.grades:
        entities = entities.filter(credit_grade__in=task.grades)
    return entities


def pool_officers(task: DrawTask, on: dt.date):
    """The officers a task's teams are drawn from: certified on `on`, of the task org's subtree."""
    return Officer.objects.certified(on).filter(org__path__startswith=task.org.path)


def pool_snapshot(task: DrawTask, on: dt.date) -> dict:
    """What `algorithm.make_pool` needs, read in four queries: entities with grades, officers, and who
    stands aside from which entity — the avoidance pairs and the team of its latest inspection up to `on`."""
    entities = pool_entities(task, on)
    officers = list(pool_officers(task, on).values_list("pk", flat=True))
    avoid = defaultdict(set)
    for entity, officer in OfficerConflict.objects.filter(entity__in=entities, officer_id__in=officers).values_list(
            "entity_id", "officer_id"):
        avoid[entity].add(officer)
    # Each entity's latest inspection, numbered within the entity by a window (a correlated subquery per
    # inspection took seconds on PostgreSQL over a 100,000-entity pool).
    newest = Window(RowNumber(), partition_by=F("entity_id"), order_by=[F("date").desc(), F("pk").desc()])
    last = (Inspection.objects.filter(entity__in=entities, date__lte=on).annotate(newest=newest)
            .filter(newest=1).values("pk"))
    for entity, officer in Inspection.officers.through.objects.filter(inspection__in=last).values_list(
            "inspection__entity_id", "officer_id"):
        avoid[entity].add(officer)
    return {"entities": list(entities.order_by("pk").values_list("pk", "credit_grade")), "officers": officers,
            "avoid": avoid}
