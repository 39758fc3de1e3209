"""行政处罚事先告知, 陈述申辩 and the party's written waiver."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import User
from fazhi.core.rules import citation, rules

from .. import steps
from ..choices import (
    PENALTY_LAW,
    CaseStatus,
    StepKind,
)
from ..models import Case
from ..texts import cn_date
from .base import (
    Penalty,
    _day,
    _due,
    _handler,
    _hearing_reason,
    _kind_labels,
    _locked,
    _penalty,
    _proposed,
    _resting_status,
    _save,
    _state,
)


@transaction.atomic
def case_notify(*, case: Case, penalty_kinds: Iterable[str], actor: User, fine=0, confiscation=0,
                property_value=0, on: dt.date | None = None, note: str = "", files: Iterable = ()) -> Case:
    """行政处罚事先告知: the intended penalty, the time to state a defence and, where the penalty is heavy
    or an amount large, the right to a hearing. A second notice is only for a heavier penalty (a lighter one
    is decided on the first notice), never while a hearing the party asked for is still to be held; it starts
    the party's time again and needs a new legal review."""
    case = _locked(case)
    _handler(actor, case.org, "告知")
    if not case.can_notify():
        raise _state(case, "告知")
    on = _day(on, (case.opened_on, "立案日期"))
    penalty = _penalty(penalty_kinds, fine, confiscation, property_value)
    hearing_code = f"hearing-amount-{case.party_kind}"
    rows = rules("penalty-statement", "penalty-hearing-request", hearing_code)
    renotice = case.notified_on is not None
    if renotice:
        _check_renotice(case, penalty, on, rows)
    reason = _hearing_reason(case, penalty, rows[hearing_code])
    cal = steps.calendar()
    statement_due = _due("penalty-statement", on, rows, cal)
    request_due = _due("penalty-hearing-request", on, rows, cal) if reason else None
    case.notified_on, case.proposed_kinds = on, list(penalty.kinds)
    case.proposed_fine, case.proposed_confiscation = penalty.fine, penalty.confiscation
    case.proposed_property = penalty.property_value
    case.hearing_right = bool(reason)
    case.waived_on = case.hearing_requested_on = case.hearing_notice_on = case.hearing_on = None
    case.hearing_held = False
    case.status = CaseStatus.NOTIFIED
    _save(case, actor, ["notified_on", "proposed_kinds", "proposed_fine", "proposed_confiscation",
                        "proposed_property", "hearing_right", "waived_on", "hearing_requested_on",
                        "hearing_notice_on", "hearing_on", "hearing_held", "status"])
    steps.append(case, StepKind.NOTIFY, on=on, actor=actor, note=note, files=files, parameters={
        **penalty.parameters(), "hearing_right": case.hearing_right, "hearing_reason": reason,
        "renotice": renotice, "statement_due": statement_due.date.isoformat(),
        "hearing_request_due": request_due.date.isoformat() if request_due else None})
    return case


def _check_renotice(case: Case, penalty: Penalty, on: dt.date, rows: dict) -> None:
    """A second notice: only to make the penalty heavier, and not while a requested hearing is pending."""
    if case.hearing_requested_on is not None and case.waived_on is None and not case.hearing_held:
        raise ValidationError(f"当事人已于{cn_date(case.hearing_requested_on)}要求听证，听证举行前不能重新告知；"
                              f"请先依法组织听证（{citation(rows['penalty-hearing-request'])}）")
    if not penalty.heavier_than(_proposed(case), "已告知"):
        raise ValidationError(f"拟作出的处罚不重于{cn_date(case.notified_on)}已告知的内容"
                              f"（{_kind_labels(case.proposed_kinds)}），无需重新告知，可直接作出不重于告知内容的决定；"
                              f"只有加重处罚的，才须重新告知（{PENALTY_LAW}第四十五条）")


@transaction.atomic
def case_statement(*, case: Case, actor: User, note: str, on: dt.date | None = None, files: Iterable = ()) -> Case:
    """陈述申辩: what the party said in their defence, and whether it came within the time given."""
    case = _locked(case)
    _handler(actor, case.org, "记录陈述申辩")
    if not case.can_state():
        raise _state(case, "记录陈述申辩")
    if not note.strip():
        raise ValidationError({"note": "请记录当事人陈述、申辩的主要内容"})
    on = _day(on, (case.notified_on, "告知日期"))
    due = _due("penalty-statement", case.notified_on)
    steps.append(case, StepKind.STATEMENT, on=on, actor=actor, note=note, files=files,
                 parameters={"within_period": on <= due.date, "statement_due": due.date.isoformat()})
    return case


@transaction.atomic
def case_waive(*, case: Case, actor: User, files: Iterable, on: dt.date | None = None, note: str = "") -> Case:
    """The party gives up statement and hearing in writing; a hearing asked for is thereby withdrawn."""
    case = _locked(case)
    _handler(actor, case.org, "记录放弃陈述申辩和听证")
    if not case.can_waive():
        raise _state(case, "记录放弃陈述申辩和听证")
    files = list(files)
    if not files:
        raise ValidationError({"files": "放弃陈述、申辩和听证须有当事人签署的书面材料，请上传"})
    on = _day(on, (case.notified_on, "告知日期"))
    case.waived_on = on
    case.status = _resting_status(case)
    _save(case, actor, ["waived_on", "status"])
    steps.append(case, StepKind.WAIVER, on=on, actor=actor, note=note, files=files)
    return case
