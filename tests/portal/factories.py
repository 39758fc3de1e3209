"""Published decisions and draws for the portal's tests, made with the ORM the way the cases and
draws services leave them (the portal only reads those tables)."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from decimal import Decimal

from django.utils import timezone

from fazhi.cases.choices import CaseStatus, DecisionKind, PartyKind, PenaltyKind, Procedure
from fazhi.cases.models import Case
from fazhi.core.models import Org
from fazhi.draws.choices import DrawStatus, PickOutcome, TaskSource
from fazhi.draws.models import Draw, DrawPool, DrawTask, Pick
from fazhi.enforcement.choices import InspectionKind, InspectionResult

_numbers = itertools.count(1)


def _org(org: Org | str) -> Org:
    return org if isinstance(org, Org) else Org.objects.get(code=org)


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_case(org: Org | str, *, decided_on: dt.date | None, published_on: dt.date | None = None,
              withdrawn_on: dt.date | None = None, party_kind=PartyKind.ORGANISATION,
              party_name="示例县城关镇人民路大酒店有限公司", **fields) -> Case:
    """A penalty case of `org`: decided on `decided_on` (None: still under investigation) and published
    on `published_on` (None: not published)."""
    org = _org(org)
    n = 90000 + next(_numbers)  # clear of the demo's own case numbers
    year = (decided_on or timezone.localdate()).year
    defaults = dict(
        party_id_no="91990121MA1234ABCD" if party_kind == PartyKind.ORGANISATION else "110101199003071234",
        party_address="示例县城关镇人民路18号", cause="未取得卫生许可证擅自营业",
        facts="经查，当事人于检查当日未取得公共场所卫生许可证即开展住宿服务。",
        legal_basis="《公共场所卫生管理条例实施细则》第三十五条第一款",
        opened_on=(decided_on or timezone.localdate()) - dt.timedelta(days=30),
    )
    if decided_on:
        defaults.update(status=CaseStatus.CLOSED, decision_kind=DecisionKind.PENALTY, decided_on=decided_on,
                        penalty_kinds=[PenaltyKind.WARNING, PenaltyKind.FINE], fine_amount=Decimal("5000"),
                        decision_year=year, decision_series="penalty", decision_seq=n,
                        decision_no=f"示例县卫健罚〔{year}〕{n}号")
    defaults.update(fields)
    return Case.objects.create(
        org=org, year=year, seq=n, number=f"示例县卫健立〔{year}〕{n}号", procedure=Procedure.ORDINARY,
        party_kind=party_kind, party_name=party_name,
        published_at=moment(published_on) if published_on else None,
        withdrawn_at=moment(withdrawn_on) if withdrawn_on else None, **defaults)


def make_task(org: Org | str, name: str = "", *, source=TaskSource.NATIONAL, year: int | None = None) -> DrawTask:
    org = _org(org)
    year = year or timezone.localdate().year
    return DrawTask.objects.create(org=org, pool_org=org, year=year, name=name or f"{year}年公共场所卫生双随机抽查",
                                   source=source, sample_size=3, start_date=dt.date(year, 3, 1),
                                   due_date=dt.date(year, 11, 30))


def make_draw(task: DrawTask, *, status=DrawStatus.DRAWN, fixed_on: dt.date | None = None,
              drawn_on: dt.date | None = None, void_reason: str = "") -> Draw:
    """A draw of `task` whose pool was fixed on `fixed_on` (default today) and, when drawn, drawn on
    `drawn_on` (default the same day)."""
    fixed_on = fixed_on or timezone.localdate()
    secret = hashlib.sha256(f"secret-{next(_numbers)}".encode()).hexdigest()
    draw = Draw.objects.create(
        org=task.org, task=task, status=status, algorithm="fazhi-draw-v1",
        commitment=hashlib.sha256(secret.encode()).hexdigest(), secret=secret,
        committed_at=moment(fixed_on, 9), pool_entity_count=0, pool_officer_count=0,
        pool_hash=hashlib.sha256(f"pool-{secret}".encode()).hexdigest(), pool_fixed_at=moment(fixed_on, 10),
        void_reason=void_reason)
    DrawPool.objects.create(draw=draw, pool={"entities": [], "officers": [], "avoid": {}, "rules": {}})
    if status == DrawStatus.DRAWN:
        drawn_on = drawn_on or fixed_on
        Draw.objects.filter(pk=draw.pk).update(witness="示例县司法局 李监督", witness_input="20261122",
                                               seed=hashlib.sha256(secret.encode() * 2).hexdigest(),
                                               drawn_at=moment(drawn_on, 11))
        draw.refresh_from_db()
    return draw


def make_pick(draw: Draw, entity, officers, *, inspected_on: dt.date | None = None,
              result=InspectionResult.COMPLIANT, published_on: dt.date | None = None) -> Pick:
    """A pick of `entity` with its team; inspected on `inspected_on` and its result published on
    `published_on` when given."""
    from fazhi.enforcement.models import Inspection

    inspection = None
    if inspected_on:
        inspection = Inspection.objects.create(org=draw.org, entity=entity, date=inspected_on,
                                               kind=InspectionKind.RANDOM, result=result)
        inspection.officers.set(officers)
    pick = Pick.objects.create(
        draw=draw, rank=draw.picks.count() + 1, entity=entity, stratum=entity.credit_grade,
        outcome=PickOutcome.INSPECTED if inspection else PickOutcome.PENDING, inspection=inspection,
        settled_on=inspected_on, result_published_at=moment(published_on) if published_on else None)
    pick.officers.set(officers)
    return pick
