"""听证: the party's request, the notice of time and place, and the hearing itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import User
from fazhi.core.rules import citation, rule, rules

from .. import steps
from ..choices import (
    PENALTY_LAW,
    CaseStatus,
    StepKind,
)
from ..models import Case
from ..texts import cn_date, yuan
from .base import _day, _due, _handler, _kind_labels, _locked, _proposed, _save, _state


@transaction.atomic
def case_request_hearing(*, case: Case, actor: User, on: dt.date | None = None, note: str = "",
                         files: Iterable = ()) -> Case:
    """The party asks for a hearing: only with the right to one and within the time after the notice."""
    case = _locked(case)
    _handler(actor, case.org, "登记听证申请")
    rows = rules("penalty-hearing-request", f"hearing-amount-{case.party_kind}")
    if case.notified_on is not None and not case.is_decided and not case.hearing_right:
        hearing = rows[f"hearing-amount-{case.party_kind}"]
        amounts = "、".join(f"{label}{yuan(amount)}元" for label, amount in _proposed(case).amounts())
        raise ValidationError(
            f"拟作出的处罚不属于应当告知听证权利的情形（{_kind_labels(case.proposed_kinds)}"
            + (f"，{amounts}，均未达较大数额{yuan(hearing.number)}元" if amounts else "")
            + f"；{citation(hearing)}），当事人不享有要求听证的权利")
    if not case.can_request_hearing():
        raise _state(case, "登记听证申请")
    on = _day(on, (case.notified_on, "告知日期"))
    request = rows["penalty-hearing-request"]
    due = _due("penalty-hearing-request", case.notified_on, {"penalty-hearing-request": request})
    if on > due.date:
        raise ValidationError({"on": f"当事人应在告知后{request.number}{request.get_unit_display()}内提出听证要求，"
                                     f"截止日为{cn_date(due.date)}，已逾期（{citation(request)}）"})
    case.hearing_requested_on = on
    case.status = CaseStatus.HEARING
    _save(case, actor, ["hearing_requested_on", "status"])
    steps.append(case, StepKind.HEARING_REQUEST, on=on, actor=actor, note=note, files=files,
                 parameters={"hearing_request_due": due.date.isoformat()})
    return case


@transaction.atomic
def case_notice_hearing(*, case: Case, actor: User, hearing_on: dt.date, place: str, on: dt.date | None = None,
                        note: str = "", files: Iterable = ()) -> Case:
    """听证通知: the time and place, sent at least the rules table's number of days before the hearing."""
    case = _locked(case)
    _handler(actor, case.org, "通知听证")
    if not case.can_notice_hearing():
        raise _state(case, "通知听证")
    if not place.strip():
        raise ValidationError({"place": "请填写听证地点"})
    on = _day(on, (case.hearing_requested_on, "听证申请日期"))
    if hearing_on <= on:
        raise ValidationError({"hearing_on": "听证日期应晚于通知日期"})
    notice = rule("penalty-hearing-notice")
    latest = _due("penalty-hearing-notice", hearing_on, {"penalty-hearing-notice": notice})
    if on > latest.date:
        raise ValidationError({"hearing_on": f"应在举行听证的{notice.number}{notice.get_unit_display()}前通知当事人，"
                                             f"{cn_date(hearing_on)}举行听证须于{cn_date(latest.date)}前"
                                             f"通知（{citation(notice)}）"})
    case.hearing_notice_on, case.hearing_on = on, hearing_on
    _save(case, actor, ["hearing_notice_on", "hearing_on"])
    steps.append(case, StepKind.HEARING_NOTICE, on=on, actor=actor, note=note, files=files, parameters={
        "hearing_on": hearing_on.isoformat(), "place": place, "latest_notice": latest.date.isoformat()})
    return case


@transaction.atomic
def case_hold_hearing(*, case: Case, actor: User, presider: str, note: str, on: dt.date | None = None,
                      files: Iterable = ()) -> Case:
    """举行听证 on the day noticed, chaired by someone who did not investigate the case."""
    case = _locked(case)
    _handler(actor, case.org, "记录听证")
    if not case.can_hold_hearing():
        raise _state(case, "记录听证")
    on = _day(on, (case.hearing_notice_on, "听证通知日期"))
    if on != case.hearing_on:
        raise ValidationError({"on": f"听证应于通知的{cn_date(case.hearing_on)}举行；改期的请重新通知"})
    presider = presider.strip()
    if not presider:
        raise ValidationError({"presider": "请填写听证主持人"})
    if presider in set(case.officers.values_list("name", flat=True)):
        raise ValidationError({"presider": f"听证由行政机关指定的非本案调查人员主持，{presider}是本案承办人"
                                           f"（{PENALTY_LAW}第六十四条）"})
    if not note.strip():
        raise ValidationError({"note": "请记录听证的主要情况"})
    case.hearing_held = True
    _save(case, actor, ["hearing_held"])
    steps.append(case, StepKind.HEARING, on=on, actor=actor, note=note, files=files, parameters={"presider": presider})
    return case
