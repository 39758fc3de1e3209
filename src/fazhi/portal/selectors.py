"""Every query the public portal makes.

The portal has no login, so there is no user to scope by: a page is scoped to one commission's org
subtree (the commission, its departments and units), and shows only what the law publishes —
catalogues published beforehand, certified officers, published decisions inside their retention
period, draws once their pool is fixed. Each function costs a fixed number of queries, however many
rows it returns."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from fazhi.cases.models import Case
from fazhi.core.choices import OrgKind, TimeUnit
from fazhi.core.deadlines import Due, WorkCalendar
from fazhi.core.models import LegalTimeLimit, Org
from fazhi.core.rules import citation
from fazhi.draws.choices import DrawStatus, PickOutcome
from fazhi.draws.models import Draw, Pick
from fazhi.enforcement.choices import CreditGrade, EntityCategory, InspectionResult, LenientKind, PowerKind
from fazhi.enforcement.models import CheckItem, LenientItem, Officer, Power, Practitioner

from . import procedures
from .redaction import PublicDecision, mask_numbers, mask_text, public_decision

PENALTY_RETENTION = "penalty-publicity-retention"
DRAW_RETENTION = "random-inspection-publicity-retention"
# Longer than any retention the law sets: a row that would keep entries for ever is a mistake.
MAX_RETENTION_DAYS = 100 * 366


# ---------------------------------------------------------------- commissions
def commissions() -> QuerySet[Org]:
    """The deployment's health commissions, in tree order, with the region each serves."""
    return Org.objects.filter(kind=OrgKind.COMMISSION, is_active=True).select_related("parent").order_by("path")


def commission(code: str) -> Org | None:
    """The active commission whose stable public code is `code`."""
    return Org.objects.filter(kind=OrgKind.COMMISSION, is_active=True, code=code).first()


def _in(commission: Org, field: str = "org__path") -> Q:
    return Q(**{f"{field}__startswith": commission.path})


# ---------------------------------------------------------------- retention
def retention_start(code: str, today: dt.date, cal: WorkCalendar | None = None) -> dt.date:
    """The earliest publication date whose retention period (rules row `code`) still runs on `today`.

    An entry published on day d stays up while the period counted from d has not ended; the period's end
    only moves later as d does, so the first day still running is found by bisection over the working-day
    calendar — the list pages can then filter with one comparison in the database."""
    limit = LegalTimeLimit.objects.get(code=code)
    cal = cal or WorkCalendar()

    def runs(start: dt.date) -> bool:
        end = cal.due(start, limit.number or 0, limit.unit, month=limit.fixed_month, day=limit.fixed_day)
        return end.date >= today

    if not runs(today):
        return today + dt.timedelta(days=1)
    back = 1
    while runs(today - dt.timedelta(days=back)):  # step back until a date whose period has ended
        back *= 2
        if back > MAX_RETENTION_DAYS:
            raise ValueError(f"{code}: the retention period never ends")
    ended, running = today - dt.timedelta(days=back), today - dt.timedelta(days=back // 2)
    while (running - ended).days > 1:
        middle = ended + (running - ended) // 2
        ended, running = (ended, middle) if runs(middle) else (middle, running)
    return running


def since(day: dt.date) -> dt.datetime:
    """The first moment of `day` in the deployment's time zone: publication times compare with it."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class Window:
    """The publication times of entries still on the portal today under one retention rule: from the
    first moment of the earliest publication date whose period still runs to the end of today."""

    code: str
    start: dt.datetime
    end: dt.datetime
    cal: WorkCalendar = field(compare=False, repr=False)

    def holds(self, moment: dt.datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    def q(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.start, f"{field_name}__lt": self.end})

    def ends(self, published_on: dt.date) -> Due:
        """The last day an entry published on `published_on` stays up."""
        limit = LegalTimeLimit.objects.get(code=self.code)
        return self.cal.due(published_on, limit.number or 0, limit.unit, month=limit.fixed_month,
                            day=limit.fixed_day)


def window(code: str, today: dt.date, cal: WorkCalendar | None = None) -> Window:
    cal = cal or WorkCalendar()
    return Window(code, since(retention_start(code, today, cal)), since(today + dt.timedelta(days=1)), cal)


# ---------------------------------------------------------------- published beforehand (事前公开)
@dataclass
class Unit:
    """An enforcing unit of the commission and how many certified officers act in it."""

    org: Org
    officers: int = 0


@dataclass
class RuleLine:
    """One legal number as published: its name, value, from when it runs and its legal basis."""

    name: str
    value: str
    starts_from: str
    basis: str


@dataclass
class PublishedStep:
    title: str
    text: str
    rules: list[RuleLine] = field(default_factory=list)


def certified_officers(commission: Org, today: dt.date) -> list[Officer]:
    """Officers of the subtree in post with a certificate valid today (执法人员 published beforehand)."""
    return list(Officer.objects.certified(today).filter(_in(commission)).select_related("org")
                .order_by("org__path", "name", "pk"))


def enforcing_units(commission: Org, officers: list[Officer]) -> list[Unit]:
    """The units of the subtree where certified officers act, in tree order."""
    units: dict[int, Unit] = {}
    for officer in officers:
        units.setdefault(officer.org_id, Unit(officer.org)).officers += 1
    return sorted(units.values(), key=lambda unit: unit.org.path)


def _grouped(rows, kinds) -> list[tuple[str, list]]:
    """Rows grouped under the labels of `kinds`, in the order the vocabulary declares them."""
    by_kind: dict[str, list] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    return [(kind.label, by_kind[kind.value]) for kind in kinds if kind.value in by_kind]


def powers(commission: Org) -> list[tuple[str, list[Power]]]:
    """The 权责清单 by kind of power."""
    return _grouped(Power.objects.filter(_in(commission)).order_by("sort_order", "pk"), PowerKind)


def random_check_items(commission: Org) -> list[CheckItem]:
    """The 随机抽查事项清单: the items a random inspection checks."""
    return list(CheckItem.objects.filter(_in(commission), is_random=True).order_by("category", "pk"))


def lenient_items(commission: Org) -> list[tuple[str, list[LenientItem]]]:
    """The 两轻一免清单 by kind."""
    return _grouped(LenientItem.objects.filter(_in(commission)).order_by("pk"), LenientKind)


def _amount(limit: LegalTimeLimit, number: int) -> str:
    """3个工作日, 90自然日, 6个月, 3,000元: the number with its unit as a sentence writes it."""
    if limit.unit == TimeUnit.WORKING_DAY:
        return f"{number}个工作日"
    return f"{number:,}{limit.get_unit_display()}"


def rule_line(limit: LegalTimeLimit) -> RuleLine:
    number = limit.number or 0
    if limit.is_threshold:
        return RuleLine(limit.name, _amount(limit, number), "", citation(limit))
    if limit.unit == TimeUnit.NEXT_YEAR_DATE:
        value = limit.describe()
    elif limit.counts_back:
        value = f"至少提前{_amount(limit, number)}"
    else:
        value = _amount(limit, number)
        if limit.extension:
            value += f"，经批准可延长{_amount(limit, limit.extension)}"
    return RuleLine(limit.name, value, limit.starts_from, citation(limit))


def published_procedures() -> dict:
    """执法流程 and 救济途径 with each step's legal numbers read from the rules table (one query)."""
    limits = {limit.code: limit for limit in LegalTimeLimit.objects.filter(code__in=procedures.rule_codes())}

    def publish(step: procedures.Step) -> PublishedStep:
        # A row an administrator removed is left out rather than shown with a number from nowhere.
        return PublishedStep(step.title, step.text, [rule_line(limits[code]) for code in step.rules if code in limits])

    return {
        "procedures": [{"key": p.key, "title": p.title, "intro": p.intro, "steps": [publish(s) for s in p.steps]}
                       for p in procedures.PROCEDURES],
        "remedies": publish(procedures.REMEDIES),
    }


# ---------------------------------------------------------------- published afterwards: decisions
def _published_cases(commission: Org, shown: Window) -> QuerySet[Case]:
    return (Case.objects.filter(_in(commission), shown.q("published_at"), decided_on__isnull=False,
                                withdrawn_at__isnull=True)
            .select_related("org", "entity", "lenient_item")
            .prefetch_related(Prefetch("entity__practitioners", queryset=Practitioner.objects.only("entity", "name")))
            .order_by("-published_at", "-pk"))


def published_decisions(commission: Org, today: dt.date) -> QuerySet[Case]:
    """Penalty decisions of the subtree that are published, not withdrawn and still inside the
    retention period counted from their publication date; newest first."""
    return _published_cases(commission, window(PENALTY_RETENTION, today))


def decisions(cases) -> list[PublicDecision]:
    return [public_decision(case) for case in cases]


def decision_page(commission: Org, public_id: uuid.UUID, today: dt.date) -> dict | None:
    """One published decision of the commission and the day its publicity ends, or None."""
    shown = window(PENALTY_RETENTION, today)
    case = _published_cases(commission, shown).filter(public_id=public_id).first()
    if case is None:
        return None
    decision = public_decision(case)
    return {"decision": decision, "until": shown.ends(decision.published_on)}


# ---------------------------------------------------------------- published afterwards: random inspections
def _public_draws(shown: Window, commission: Org | None = None) -> QuerySet[Draw]:
    fresh_result = Exists(Pick.objects.filter(shown.q("result_published_at"), draw=OuterRef("pk")))
    # A draw is public from its commitment on: the secret's hash is out before anybody knows the pool.
    draws = Draw.objects.filter(task__deleted_at__isnull=True).exclude(commitment="").filter(
        Q(status__in=[DrawStatus.COMMITTED, DrawStatus.POOL_FIXED])
        | Q(status=DrawStatus.DRAWN) & (shown.q("drawn_at") | fresh_result)
        | Q(status=DrawStatus.VOID) & shown.q("committed_at"))
    if commission is not None:
        draws = draws.filter(_in(commission))
    return (draws.select_related("task")
            .annotate(pick_count=Count("picks"),
                      published_count=Count("picks", filter=shown.q("picks__result_published_at")))
            .order_by("-committed_at", "-pk"))


def public_draws(today: dt.date, commission: Org | None = None) -> QuerySet[Draw]:
    """Draws the public may see: from the commitment (the secret's hash), then with the pool's hash once
    it is fixed, until the retention period has passed since the draw and since the last result
    published. A voided draw stays visible, with its reason, for the same period."""
    return _public_draws(window(DRAW_RETENTION, today), commission)


def public_draw(public_id: uuid.UUID, today: dt.date) -> Draw | None:
    """A public draw of any commission, for its record file."""
    return public_draws(today).filter(public_id=public_id).first()


@dataclass(frozen=True)
class PublicPick:
    """A picked entity as published: its name and category, the team's names, and the result once
    it is published and while its period runs."""

    rank: int
    entity: str
    category: str
    officers: list[str]
    # What the column says: the published result, or where the pick stands until then.
    result: str
    result_date: dt.date | None = None
    published_on: dt.date | None = None


def _result(pick: Pick) -> str:
    if pick.outcome == PickOutcome.UNABLE:
        return f"{PickOutcome.UNABLE.label}：{mask_text(pick.unable_reason)}"
    if pick.inspection_id and pick.inspection.result:
        return InspectionResult(pick.inspection.result).label
    return PickOutcome(pick.outcome).label


def _unpublished(pick: Pick, shown: Window) -> str:
    if pick.result_published_at is not None and pick.result_published_at < shown.start:
        return "公示期已满"
    return "待检查" if pick.outcome == PickOutcome.PENDING else "待公示"


def public_picks(draw: Draw, shown: Window) -> list[PublicPick]:
    """The picks of a drawn draw with their teams and, per pick, the published result."""
    if draw.status != DrawStatus.DRAWN:
        return []
    team = Officer.all_objects.only("name").order_by("name", "pk")
    rows = (draw.picks.select_related("entity", "inspection")
            .prefetch_related(Prefetch("officers", queryset=team)).order_by("rank"))
    picks = []
    for pick in rows:
        published = shown.holds(pick.result_published_at)
        picks.append(PublicPick(
            rank=pick.rank, entity=pick.entity.name, category=EntityCategory(pick.entity.category).label,
            officers=[officer.name for officer in pick.officers.all()],
            result=_result(pick) if published else _unpublished(pick, shown),
            result_date=(pick.inspection.date if pick.inspection_id else pick.settled_on) if published else None,
            published_on=timezone.localdate(pick.result_published_at) if published else None))
    return picks


def task_facts(draw: Draw) -> dict:
    """The task's categories and credit grades by their labels, and the size of the fixed pool."""
    labels, grades = dict(EntityCategory.choices), dict(CreditGrade.choices)
    return {"categories": [labels.get(c, c) for c in draw.task.categories] or ["全部类别"],
            "grades": [grades.get(g, g) for g in draw.task.grades] or ["全部等级"],
            "pool_entities": draw.pool_entity_count or 0, "pool_officers": draw.pool_officer_count or 0}


def draw_page(commission: Org, public_id: uuid.UUID, today: dt.date) -> dict | None:
    """A public draw of the commission with its task, pool figures and picks, or None."""
    shown = window(DRAW_RETENTION, today)
    draw = _public_draws(shown, commission).prefetch_related("task__items").filter(public_id=public_id).first()
    if draw is None:
        return None
    return {"draw": draw, "facts": task_facts(draw), "items": draw.task.items.all(),
            "picks": public_picks(draw, shown), "witness": mask_numbers(draw.witness),
            "void_reason": mask_numbers(draw.void_reason)}


def public_record(draw: Draw) -> dict:
    """The draw record as the portal publishes it: numbers masked in what people wrote (the witness's
    signature, the reason for voiding). The witness's input stays as typed: the seed is made from it."""
    from fazhi.draws.record import draw_record

    record = draw_record(draw)
    for key in ("witness", "void_reason"):
        if record.get(key):
            record[key] = mask_numbers(record[key])
    return record


# ---------------------------------------------------------------- the commission's page
RECENT = 10


def commission_page(commission: Org, today: dt.date) -> dict:
    """Everything on a commission's 执法公示 page."""
    cal = WorkCalendar()
    officers = certified_officers(commission, today)
    cases = _published_cases(commission, window(PENALTY_RETENTION, today, cal))
    draws = _public_draws(window(DRAW_RETENTION, today, cal), commission)
    return {
        "units": enforcing_units(commission, officers),
        "officers": officers,
        "powers": powers(commission),
        "check_items": random_check_items(commission),
        "lenient_items": lenient_items(commission),
        **published_procedures(),
        "decisions": decisions(cases[:RECENT]),
        "decision_count": cases.count(),
        "draws": list(draws[:RECENT]),
        "draw_count": draws.count(),
    }
