"""作出决定: the gates of notice, the party's time, 两轻一免 and a major decision's review and discussion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.deadlines import WorkCalendar
from fazhi.core.models import User
from fazhi.core.rules import citation, rules
from fazhi.enforcement.choices import LenientKind
from fazhi.enforcement.models import LenientItem

from .. import steps
from ..choices import (
    PENALTY_LAW,
    SERIES_WORDS,
    CaseStatus,
    DecisionKind,
    DocumentSeries,
    StepKind,
)
from ..models import Case
from ..texts import cn_date
from .base import (
    Penalty,
    _day,
    _document_no,
    _due,
    _handler,
    _locked,
    _next_decision_seq,
    _no_penalty,
    _penalty,
    _proposed,
    _save,
    _state,
)
from .review import _latest_review, _review_problem, major_reasons

SERIES_OF = {DecisionKind.PENALTY: DocumentSeries.PENALTY, DecisionKind.LENIENT: DocumentSeries.NO_PENALTY,
             DecisionKind.UNPROVEN: DocumentSeries.NO_PENALTY, DecisionKind.TRANSFER: DocumentSeries.TRANSFER}


@transaction.atomic
def case_decide(*, case: Case, kind: str, actor: User, on: dt.date | None = None, penalty_kinds: Iterable[str] = (),
                fine=0, confiscation=0, property_value=0, lenient_item: LenientItem | None = None,
                transfer_to: str = "", facts: str = "", legal_basis: str = "", note: str = "",
                files: Iterable = ()) -> Case:
    """作出决定 (行政处罚法 第五十七条): a penalty no heavier than notified and only once the party's time has
    run; a major one only as it passed legal review (no heavier, the same kind), then collective discussion.
    A decision after the time limit is recorded as late."""
    case = _locked(case)
    _handler(actor, case.org, "作出决定")
    if not case.can_decide():
        if case.status == CaseStatus.REVIEWING:
            raise ValidationError("法制审核尚未作出意见，不能作出决定")
        raise _state(case, "作出决定")
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": "请选择决定类型"})
    on = _day(on, (case.opened_on, "立案日期"), (case.notified_on, "告知日期"), (case.hearing_on, "听证日期"),
              (case.discussed_on, "集体讨论日期"))
    party = case.party_kind
    rows = rules("penalty-decision", "penalty-statement", "penalty-hearing-request",
                  f"legal-review-amount-{party}")
    cal = steps.calendar()
    if kind == DecisionKind.PENALTY:
        penalty = _penalty(penalty_kinds, fine, confiscation, property_value)
        _check_notified(case, penalty, on, rows, cal)
    else:
        penalty = _no_penalty(penalty_kinds, fine, confiscation, property_value)
    lenient_item = _check_lenient(case, kind, lenient_item, on)
    if kind == DecisionKind.TRANSFER and not transfer_to.strip():
        raise ValidationError({"transfer_to": "请填写移送的机关"})
    reasons = major_reasons(case, kind=kind, kinds=penalty.kinds, amount=penalty.total, rows=rows)
    if reasons:
        _check_major(case, reasons, kind, penalty)
    due = _due("penalty-decision", case.opened_on, rows, cal, with_extension=case.extended)
    series = SERIES_OF[kind]
    seq = _next_decision_seq(case.org, on.year, series)
    case.decision_kind, case.penalty_kinds = kind, list(penalty.kinds)
    case.fine_amount, case.confiscation_amount = penalty.fine, penalty.confiscation
    case.property_value, case.lenient_item = penalty.property_value, lenient_item
    case.decision_series, case.decision_year, case.decision_seq = series, on.year, seq
    case.decision_no = _document_no(case.org, SERIES_WORDS[series], on.year, seq)
    case.decided_on, case.decided_late, case.is_major = on, on > due.date, bool(reasons)
    case.facts, case.legal_basis = facts or case.facts, legal_basis or case.legal_basis
    case.status = CaseStatus.DECIDED
    _save(case, actor, ["decision_kind", "penalty_kinds", "fine_amount", "confiscation_amount", "property_value",
                        "lenient_item",
                        "decision_series", "decision_year", "decision_seq", "decision_no", "decided_on",
                        "decided_late", "is_major", "facts", "legal_basis", "status"])
    steps.append(case, StepKind.DECIDE, on=on, actor=actor, note=note, files=files, parameters={
        "kind": kind, "decision_no": case.decision_no, **penalty.parameters(),
        "lenient_item": str(lenient_item) if lenient_item else "",
        "transfer_to": transfer_to, "is_major": case.is_major, "major_reasons": reasons,
        "due": due.date.isoformat(), "late": case.decided_late})
    return case


def _check_notified(case: Case, penalty: Penalty, on: dt.date, rows: dict, cal: WorkCalendar) -> None:
    """A penalty only as notified (or lighter), once the party's time has run or been given up, and never
    while a hearing the party asked for is still to be held."""
    if case.notified_on is None:
        raise ValidationError("作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知当事人"
                              f"依法享有的陈述、申辩、要求听证等权利（{PENALTY_LAW}第四十四条）")
    heavier = penalty.heavier_than(_proposed(case), "告知")
    if heavier:
        raise ValidationError(f"拟作出的处罚重于已告知的内容（{'；'.join(heavier)}），须重新告知当事人"
                              f"（{PENALTY_LAW}第四十五条）")
    if case.waived_on is None and not case.hearing_held:
        statement = _due("penalty-statement", case.notified_on, rows, cal)
        if on <= statement.date:
            limit = rows["penalty-statement"]
            raise ValidationError(f"当事人陈述、申辩的期限（{limit.describe()}）至{cn_date(statement.date)}届满，"
                                  f"届满前不得作出处罚决定，当事人书面放弃的除外（{citation(limit)}）")
        if case.hearing_right and case.hearing_requested_on is None:
            request = _due("penalty-hearing-request", case.notified_on, rows, cal)
            if on <= request.date:
                limit = rows["penalty-hearing-request"]
                raise ValidationError(f"当事人要求听证的期限（{limit.describe()}）至{cn_date(request.date)}届满，"
                                      f"届满前不得作出处罚决定，当事人书面放弃的除外（{citation(limit)}）")
    if case.hearing_requested_on is not None and case.waived_on is None and not case.hearing_held:
        request = rows["penalty-hearing-request"]
        raise ValidationError(f"当事人已要求听证，听证举行前不得作出处罚决定（{citation(request)}）")


def earlier_violations(case: Case, on: dt.date):
    """The party's violations decided before `on` (penalties, 两轻一免 and transfers), found by the registered
    entity or the ID number (统一社会信用代码 / 身份证号): a name may be shared, or written another way."""
    same = Q(entity_id=case.entity_id) if case.entity_id else Q()
    if case.party_id_no.strip():
        same |= Q(party_id_no=case.party_id_no.strip())
    if not same:
        return Case.objects.none()
    return (Case.objects.filter(same, decided_on__lte=on,
                                decision_kind__in=[DecisionKind.PENALTY, DecisionKind.LENIENT, DecisionKind.TRANSFER])
            .exclude(pk=case.pk).order_by("decided_on", "pk"))


def _check_lenient(case: Case, kind: str, item: LenientItem | None, on: dt.date) -> LenientItem | None:
    """A no-penalty decision under 两轻一免 cites the commission's list, and 首违不罚 only for a party with no
    earlier violation; a penalty may cite the list's 从轻减轻 items."""
    if item is not None:
        commission = case.org.commission() or case.org
        if not item.org.path.startswith(commission.path) or item.deleted_at is not None:
            raise ValidationError({"lenient_item": "请选择本机关公布的两轻一免清单中的事项"})
    if kind == DecisionKind.LENIENT:
        if item is None:
            raise ValidationError({"lenient_item": "不予处罚（两轻一免）须引用本机关两轻一免清单中的事项"
                                                   f"（{PENALTY_LAW}第三十三条）"})
        if item.kind == LenientKind.LIGHTER:
            raise ValidationError({"lenient_item": "从轻、减轻处罚的事项不能作为不予处罚的依据"})
        if item.kind == LenientKind.FIRST:
            earlier = list(earlier_violations(case, on).values_list("decision_no", flat=True)[:3])
            if earlier:
                raise ValidationError({"lenient_item": f"当事人此前已有违法处理记录（{'、'.join(earlier)}），不属于首次"
                                                       f"违法，不能适用首违不罚（{PENALTY_LAW}第三十三条）"})
        return item
    if kind == DecisionKind.PENALTY:
        if item is not None and item.kind != LenientKind.LIGHTER:
            raise ValidationError({"lenient_item": "该事项属于不予处罚情形，应作出不予行政处罚决定"})
        return item
    return None


def _check_major(case: Case, reasons: list[str], kind: str, penalty: Penalty) -> None:
    """A major decision: the latest review passed, still stands, and covers this decision; then collective
    discussion."""
    why = "；".join(reasons)
    latest = _latest_review(case)
    problem = _review_problem(case, latest)
    if problem:
        raise ValidationError(f"本案属于重大执法决定（{why}），{problem}；未经法制审核或者审核未通过的，"
                              f"不得作出决定（{PENALTY_LAW}第五十八条）")
    if latest.decision_kind != kind:
        sent = DecisionKind(latest.decision_kind).label if latest.decision_kind else "未记录送审的决定"
        raise ValidationError(f"第{latest.round}轮法制审核的送审决定为“{sent}”，拟作出的是"
                              f"“{DecisionKind(kind).label}”，须就拟作出的决定重新提交法制审核"
                              f"（{PENALTY_LAW}第五十八条）")
    reviewed = Penalty(tuple(latest.penalty_kinds), latest.fine, latest.confiscation, latest.property_value)
    heavier = penalty.heavier_than(reviewed, "法制审核通过") if kind == DecisionKind.PENALTY else []
    if heavier:
        raise ValidationError(f"拟作出的处罚重于第{latest.round}轮法制审核通过的内容（{'；'.join(heavier)}），"
                              f"须重新提交法制审核（{PENALTY_LAW}第五十八条）")
    if case.discussed_on is None or case.discussed_on < timezone.localdate(latest.reviewed_at):
        raise ValidationError(f"本案属于重大执法决定（{why}），法制审核通过后须经行政机关负责人集体讨论决定"
                              f"（{PENALTY_LAW}第五十七条第二款）")
