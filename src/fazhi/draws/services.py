"""Actions of 双随机 tasks, their draws and the picks. Views, the API, the demo and the commands call these.

A draw moves committed → pool_fixed → drawn, or to void before it is drawn; each step is one function
here, checked against the draw's state, the actor's scope and the rules table. The draw itself is
`algorithm.py`: these functions only gather its inputs and keep its outputs."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.core.choices import Action
from fazhi.core.deadlines import WorkCalendar, due_for
from fazhi.core.models import Org, User
from fazhi.core.rules import thresholds
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user
from fazhi.enforcement.choices import CREDIT_RATIO_RULES, CreditGrade, EntityCategory, InspectionKind
from fazhi.enforcement.models import CheckItem, Entity, Officer
from fazhi.enforcement.selectors import catalogue_visible
from fazhi.enforcement.services import inspection_save, team_problems, too_few_officers

from . import algorithm, selectors
from .choices import DrawStatus, PickOutcome, SampleMode
from .models import Draw, DrawPool, DrawTask, Pick, min_team_size

TASK_FIELDS = ("year", "name", "source", "pool_org", "categories", "grades", "mode", "sample_size", "team_size",
               "start_date", "due_date", "note")
# What the pool snapshot is made of: fixed once a draw has its pool.
POOL_FIELDS = ("pool_org", "categories", "grades", "mode", "sample_size", "team_size")
PUBLICITY_RULE = "random-inspection-publicity"


def _team_size_problem(team_size: int | None) -> str:
    return too_few_officers(team_size) if team_size is not None else ""


def _check_team_size(team_size: int | None) -> None:
    problem = _team_size_problem(team_size)
    if problem:
        raise ValidationError({"team_size": problem})


# ---------------------------------------------------------------- tasks
@transaction.atomic
def task_save(*, org: Org, actor: User, task: DrawTask | None = None, items: Iterable[CheckItem] | None = None,
              **fields) -> DrawTask:
    """Set up or correct a random-inspection task. The pool's org must be one the actor manages; once a
    draw has fixed its pool, what the pool was made of can no longer change."""
    unknown = set(fields) - set(TASK_FIELDS)
    if unknown:
        raise TypeError(f"unknown task fields: {sorted(unknown)}")
    if not can(actor, Action.CHANGE, org) or (task is not None and not can(actor, Action.CHANGE, task.org)):
        raise PermissionDenied("无权为该单位制定或修改抽查任务")
    pool_org = fields.get("pool_org", task.pool_org if task else None)
    if pool_org is not None and not can(actor, Action.CHANGE, pool_org):
        raise PermissionDenied(f"抽取范围“{pool_org.name}”不在您的管理范围内")
    if task is not None:
        draw = selectors.live_draw(task)
        changed = [name for name in POOL_FIELDS if name in fields and _differs(fields[name], getattr(task, name))]
        if draw is not None and draw.status != DrawStatus.COMMITTED and changed:
            labels = "、".join(str(DrawTask._meta.get_field(name).verbose_name) for name in changed)
            raise ValidationError(f"名录已锁定，不能再修改{labels}；如确需调整，请先作废尚未抽取的抽取")
        if draw is not None and org != task.org:
            raise ValidationError({"org": "已发起抽取的任务不能更换组织单位"})
    task = task or DrawTask(created_by=actor)
    task.org = org
    for name, value in fields.items():
        setattr(task, name, value)
    if task.team_size is None:  # the law's minimum unless the task asks for more
        task.team_size = min_team_size()
    task.categories = _codes(task.categories, EntityCategory, "categories", "监管类别")
    task.grades = _codes(task.grades, CreditGrade, "grades", "信用等级")
    errors = {}
    if task.mode == SampleMode.CREDIT and task.sample_size:
        errors["sample_size"] = "按信用等级比例抽取时，抽取数量由各等级的抽查比例计算，请不要填写"
    if task.mode == SampleMode.FIXED and not task.sample_size:
        errors["sample_size"] = "按数量抽取须填写抽取数量"
    if problem := _team_size_problem(task.team_size):
        errors["team_size"] = problem
    if task.start_date and task.year and task.start_date.year != task.year:
        errors["start_date"] = f"开始日期须在{task.year}年内"
    if errors:
        raise ValidationError(errors)
    items = list(items) if items is not None else None
    if items and catalogue_visible(CheckItem, actor).filter(pk__in=[i.pk for i in items]).count() != len(items):
        raise PermissionDenied("所选抽查事项不在您的查看范围内")
    task.full_clean()
    as_history_user(task, actor)
    task.save()
    if items is not None:
        task.items.set(items)
    return task


def _differs(new, old) -> bool:
    if isinstance(new, list | tuple | set):
        return sorted(set(new)) != sorted(set(old or []))
    return new != old


def _codes(values, choices, field: str, label: str) -> list[str]:
    values = sorted(set(values or []))
    wrong = [v for v in values if v not in choices.values]
    if wrong:
        raise ValidationError({field: f"未知的{label}：{'、'.join(map(str, wrong))}"})
    return values


# ---------------------------------------------------------------- draws
def _locked(draw: Draw) -> Draw:
    """The draw re-read under a row lock: two clicks on one step never both pass its state check."""
    return Draw.objects.select_for_update().select_related("task__org", "task__pool_org", "org").get(pk=draw.pk)


def _require_change(actor: User, draw_or_task) -> None:
    if not can(actor, Action.CHANGE, draw_or_task.org):
        raise PermissionDenied("无权操作该抽查任务的抽取")


@transaction.atomic
def draw_create(*, task: DrawTask, actor: User) -> Draw:
    """Start a draw: a secret is made now and only its hash (the commitment) is shown until the draw."""
    _require_change(actor, task)
    DrawTask.objects.select_for_update().filter(pk=task.pk).first()  # one live draw per task, even when racing
    current = selectors.live_draw(task)
    if current is not None:
        raise ValidationError(f"该任务已有一次有效的抽取（{current.get_status_display()}），不能重复抽取；"
                              "尚未抽取的可先作废")
    secret = secrets.token_hex(32)
    draw = Draw(task=task, org=task.org, created_by=actor, algorithm=algorithm.ALGORITHM, secret=secret,
                commitment=algorithm.commitment_of(secret), committed_at=timezone.now())
    draw.full_clean()
    as_history_user(draw, actor)
    draw.save()
    return draw


def credit_ratios() -> dict[str, int]:
    """Each credit grade's inspection ratio (percent) from the rules table."""
    numbers = thresholds(*CREDIT_RATIO_RULES.values())
    return {str(grade): numbers[code] for grade, code in CREDIT_RATIO_RULES.items()}


@transaction.atomic
def draw_fix_pool(*, draw: Draw, actor: User, on: dt.date | None = None) -> Draw:
    """Snapshot and hash the pool: the task's entities (not closed) and the officers certified `on` the day
    (today), with the avoidance each officer owes each entity. Refuses a pool that cannot give the picks."""
    draw = _locked(draw)
    _require_change(actor, draw)
    if not draw.can_fix_pool():
        raise ValidationError(f"该抽取{draw.get_status_display()}，不能再锁定名录")
    task = draw.task
    _check_team_size(task.team_size)
    snapshot = selectors.pool_snapshot(task, on or timezone.localdate())
    try:
        pool = algorithm.make_pool(**snapshot, mode=task.mode, n=task.sample_size, team_size=task.team_size,
                                   ratios=credit_ratios() if task.mode == SampleMode.CREDIT else None)
    except algorithm.DrawError as error:
        raise ValidationError(f"不能锁定名录：{error}")
    DrawPool.objects.create(draw=draw, pool=pool)
    draw.pool_hash = algorithm.pool_hash(pool)
    draw.pool_entity_count, draw.pool_officer_count = len(pool["entities"]), len(pool["officers"])
    draw.pool_fixed_at, draw.pool_fixed_by, draw.status = timezone.now(), actor, DrawStatus.POOL_FIXED
    as_history_user(draw, actor)
    draw.save(update_fields=["pool_hash", "pool_entity_count", "pool_officer_count", "pool_fixed_at",
                             "pool_fixed_by", "status", "updated_at"])
    return draw


@transaction.atomic
def draw_run(*, draw: Draw, witness: str, witness_input: str, actor: User) -> Draw:
    """Draw: the seed joins the committed secret, the pool's hash and the witness's input; the algorithm
    picks the entities and their teams; everything is saved at once or not at all."""
    draw = _locked(draw)
    _require_change(actor, draw)
    if draw.status == DrawStatus.COMMITTED:
        raise ValidationError("名录尚未锁定，不能抽取：请先锁定名录")
    if not draw.can_run():
        raise ValidationError(f"该抽取{draw.get_status_display()}，不能再次抽取")
    witness, witness_input = (witness or "").strip(), (witness_input or "").strip()
    errors = {}
    if not witness:
        errors["witness"] = "请填写现场监督人"
    if not witness_input:
        errors["witness_input"] = "请由监督人当场给出一个数字或一段文字"
    if errors:
        raise ValidationError(errors)
    if algorithm.pool_hash(draw.pool) != draw.pool_hash:
        raise ValidationError("名录快照与锁定时的哈希不一致，不能抽取")
    seed = algorithm.derive_seed(draw.secret, draw.pool_hash, witness_input)
    try:
        rows = algorithm.run(draw.pool, seed)
    except algorithm.DrawError as error:
        raise ValidationError(_draw_failure(error, draw))
    draw.witness, draw.witness_input, draw.seed = witness, witness_input, seed
    draw.drawn_at, draw.drawn_by, draw.status = timezone.now(), actor, DrawStatus.DRAWN
    draw.full_clean()
    as_history_user(draw, actor)
    draw.save(update_fields=["witness", "witness_input", "seed", "drawn_at", "drawn_by", "status", "updated_at"])
    picks = bulk_create_with_history(
        [Pick(draw=draw, rank=row["rank"], entity_id=row["entity"], stratum=row["stratum"]) for row in rows],
        Pick, default_user=actor, batch_size=500)
    by_rank = {pick.rank: pick.pk for pick in picks}
    Pick.officers.through.objects.bulk_create(
        [Pick.officers.through(pick_id=by_rank[row["rank"]], officer_id=officer)
         for row in rows for officer in row["officers"]], batch_size=1000)
    return draw


def _draw_failure(error: algorithm.DrawError, draw: Draw) -> str:
    if error.entity is None:
        return f"无法抽取：{error}"
    entity = Entity.all_objects.filter(pk=error.entity).first()
    name = entity.name if entity else f"ID {error.entity}"
    return (f"无法抽取：监管对象“{name}”回避后可派的执法人员只有{error.eligible}人，不足每组"
            f"{draw.pool['rules']['team_size']}人。本次未抽取；请作废后补充执法人员或核实回避关系，再重新组织")


@transaction.atomic
def draw_void(*, draw: Draw, reason: str, actor: User) -> Draw:
    """Abandon a draw before it is drawn, with the reason; it stays on record. A drawn draw is final."""
    draw = _locked(draw)
    _require_change(actor, draw)
    if draw.status == DrawStatus.DRAWN:
        raise ValidationError("已抽取的结果不能作废，也不能重新抽取")
    if not draw.can_void():
        raise ValidationError(f"该抽取{draw.get_status_display()}，不能作废")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"void_reason": "请写明作废原因"})
    draw.status, draw.void_reason = DrawStatus.VOID, reason
    draw.full_clean()
    as_history_user(draw, actor)
    draw.save(update_fields=["status", "void_reason", "updated_at"])
    return draw


# ---------------------------------------------------------------- picks
def _settle_checks(pick: Pick, actor: User, on: dt.date, field: str) -> Pick:
    pick = Pick.objects.select_for_update().select_related("draw__org", "draw__task__org", "entity__org").get(
        pk=pick.pk)
    draw = pick.draw
    if not can(actor, Action.CHANGE, draw.org):
        raise PermissionDenied("无权登记该抽查任务的检查结果")
    if not draw.is_drawn:
        raise ValidationError("该抽取尚未完成，不能登记检查结果")
    if pick.outcome != PickOutcome.PENDING:
        raise ValidationError(f"该监管对象已登记为“{pick.get_outcome_display()}”，不能重复登记")
    drawn_on = timezone.localdate(draw.drawn_at)
    if on < drawn_on:
        raise ValidationError({field: f"日期不能早于抽取日期（{drawn_on:%Y-%m-%d}）"})
    return pick


def _settle(pick: Pick, actor: User, on: dt.date, cal: WorkCalendar | None = None) -> None:
    pick.settled_on = on
    pick.result_due = due_for(PUBLICITY_RULE, on, cal=cal).date
    pick.full_clean()
    as_history_user(pick, actor)
    pick.save()


@transaction.atomic
def pick_inspect(*, pick: Pick, date: dt.date, actor: User, officers: Iterable[Officer] | None = None,
                 items: Iterable[CheckItem] | None = None, uploads: Iterable = (), team_change_reason: str = "",
                 **inspection) -> Pick:
    """Register the inspection of a picked entity (a 双随机 inspection), by the drawn team unless others are
    named, with the reason; the officers must come from the task's own roster."""
    pick = _settle_checks(pick, actor, date, "date")
    draw = pick.draw
    team = list(pick.officers.all())
    officers = list(officers) if officers is not None else team
    roster = set(Officer.objects.filter(pk__in=[o.pk for o in officers], org__path__startswith=draw.task.org.path)
                 .values_list("pk", flat=True))
    strangers = [o.name for o in officers if o.pk not in roster]
    if strangers:
        raise ValidationError({"officers": f"{'、'.join(strangers)}不属于本任务单位的执法人员，不能参加本次抽查"})
    team_change_reason = (team_change_reason or "").strip()
    changed = {o.pk for o in officers} != {o.pk for o in team}
    if changed and not team_change_reason:
        errors = {"team_change_reason": ["检查人员与随机抽取的检查组不同，请写明调整原因，如：回避、病假、证件暂扣"]}
        if problems := team_problems(officers=officers, on=date, entity=pick.entity):
            errors["officers"] = problems
        raise ValidationError(errors)
    items = list(items) if items is not None else list(draw.task.items.all())
    entity_org = pick.entity.org
    org = entity_org if can(actor, Action.CHANGE, entity_org) else draw.org
    record = inspection_save(org=org, officers=officers, items=items, actor=actor, uploads=uploads,
                             entity=pick.entity, date=date, kind=InspectionKind.RANDOM, **inspection)
    pick.outcome, pick.inspection, pick.unable_reason = PickOutcome.INSPECTED, record, ""
    pick.team_change_reason = team_change_reason if changed else ""
    _settle(pick, actor, date)
    return pick


@transaction.atomic
def pick_unable(*, pick: Pick, reason: str, actor: User, on: dt.date | None = None) -> Pick:
    """Settle a pick that could not be inspected (停业, 注销, 查无此户…): it counts as 完结, not as 完成."""
    on = on or timezone.localdate()
    pick = _settle_checks(pick, actor, on, "settled_on")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"unable_reason": "请写明无法检查的原因，如停业、注销、查无此户"})
    pick.outcome, pick.unable_reason = PickOutcome.UNABLE, reason
    _settle(pick, actor, on)
    return pick


@transaction.atomic
def draw_publish_results(*, draw: Draw, actor: User) -> int:
    """Publish (公示) the results of every settled pick not yet published; returns how many."""
    _require_change(actor, draw)
    if not draw.is_drawn:
        raise ValidationError("尚未抽取，没有可公示的结果")
    picks = list(draw.picks.select_for_update().exclude(outcome=PickOutcome.PENDING)
                 .filter(result_published_at__isnull=True))
    if not picks:
        raise ValidationError("没有待公示的检查结果：已办结的结果均已公示")
    now = timezone.now()
    for pick in picks:
        pick.result_published_at = now
    bulk_update_with_history(picks, Pick, ["result_published_at"], default_user=actor)
    return len(picks)
