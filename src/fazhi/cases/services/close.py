"""送达, 执行, 结案 and 公示."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.rules import citation, rule

from .. import steps
from ..choices import (
    CaseStatus,
    ExecutionKind,
    ServiceMethod,
    StepKind,
)
from ..models import Case
from ..texts import yuan
from .base import _amount, _day, _due, _handler, _locked, _office, _save


@transaction.atomic
def case_serve(*, case: Case, actor: User, method: str, on: dt.date | None = None, note: str = "",
               files: Iterable = ()) -> Case:
    """送达 the decision; after the time limit it is still served, and flagged as late."""
    case = _locked(case)
    _handler(actor, case.org, "送达")
    if not case.can_serve():
        raise ValidationError("尚未作出需要送达的决定，或决定已经送达" if not case.served_on else "决定已经送达")
    if method not in ServiceMethod.values or method == ServiceMethod.ON_THE_SPOT:
        raise ValidationError({"method": "请选择送达方式"})
    on = _day(on, (case.decided_on, "决定日期"))
    due = _due("penalty-service", case.decided_on)
    case.served_on, case.service_method, case.served_late = on, method, on > due.date
    case.status = CaseStatus.SERVED
    _save(case, actor, ["served_on", "service_method", "served_late", "status"])
    steps.append(case, StepKind.SERVE, on=on, actor=actor, note=note, files=files,
                 parameters={"method": method, "due": due.date.isoformat(), "late": case.served_late})
    return case


@transaction.atomic
def case_execute(*, case: Case, actor: User, kind: str, paid_amount=0, on: dt.date | None = None, note: str = "",
                 files: Iterable = ()) -> Case:
    """执行: the fine and confiscation paid (never more than imposed), the order obeyed, or the court asked."""
    case = _locked(case)
    _handler(actor, case.org, "登记执行情况")
    if not case.can_execute():
        raise ValidationError("该决定无需执行、尚未送达或已经执行")
    if kind not in ExecutionKind.values:
        raise ValidationError({"kind": "请选择执行方式"})
    paid = _amount(paid_amount, "paid_amount")
    if paid > case.amount:
        raise ValidationError({"paid_amount": f"已缴{yuan(paid)}元超过罚款和没收违法所得合计{yuan(case.amount)}元"})
    if kind == ExecutionKind.PAID and paid != case.amount:
        raise ValidationError({"paid_amount": f"按期缴纳的，已缴金额应为罚没款合计{yuan(case.amount)}元"})
    on = _day(on, (case.served_on, "送达日期"))
    parameters = {"kind": kind, "paid": steps.money(paid)}
    if case.amount > 0:
        due = _due("penalty-payment", case.served_on)
        parameters.update(payment_due=due.date.isoformat(), late=on > due.date)
    case.executed_on, case.execution_kind, case.paid_amount = on, kind, paid
    case.status = CaseStatus.EXECUTED
    _save(case, actor, ["executed_on", "execution_kind", "paid_amount", "status"])
    steps.append(case, StepKind.EXECUTE, on=on, actor=actor, note=note, files=files, parameters=parameters)
    return case


@transaction.atomic
def case_close(*, case: Case, actor: User, on: dt.date | None = None, note: str = "", files: Iterable = ()) -> Case:
    """结案: a served decision, carried out; a transfer closes once it is made."""
    case = _locked(case)
    _handler(actor, case.org, "结案")
    if case.closed_on is not None:
        raise ValidationError("案件已经结案")
    if not case.is_decided:
        raise ValidationError("尚未作出决定，不能结案")
    if case.needs_service and case.served_on is None:
        service = rule("penalty-service")
        raise ValidationError(f"决定书尚未送达，不能结案（{citation(service)}）")
    if case.needs_execution and case.executed_on is None:
        raise ValidationError("行政处罚决定尚未执行完毕，不能结案")
    on = _day(on, (case.decided_on, "决定日期"), (case.served_on, "送达日期"), (case.executed_on, "执行日期"))
    case.closed_on, case.status = on, CaseStatus.CLOSED
    _save(case, actor, ["closed_on", "status"])
    steps.append(case, StepKind.CLOSE, on=on, actor=actor, note=note, files=files)
    return case


@transaction.atomic
def case_publish(*, case: Case, actor: User, on: dt.date | None = None) -> Case:
    """Publish a penalty decision on the public portal; on time means within the rules table's period."""
    case = _locked(case)
    _office(actor, case.org, "行政处罚决定公示")
    if not case.can_publish():
        raise ValidationError("只有已作出的行政处罚决定可以公示，且只公示一次")
    on = _day(on, (case.decided_on, "决定日期"))
    due = _due("penalty-publicity", case.decided_on)
    case.published_at, case.published_late = steps.moment(on), on > due.date
    _save(case, actor, ["published_at", "published_late"])
    steps.append(case, StepKind.PUBLISH, on=on, actor=actor,
                 parameters={"due": due.date.isoformat(), "late": case.published_late})
    return case


@transaction.atomic
def case_withdraw_publicity(*, case: Case, actor: User, reason: str, on: dt.date | None = None) -> Case:
    """Take a published decision off the portal (changed, revoked or declared void), with the reason."""
    case = _locked(case)
    _office(actor, case.org, "撤回公示")
    if not case.can_withdraw_publicity():
        raise ValidationError("该决定未公示或已撤回")
    if not reason.strip():
        raise ValidationError({"reason": "请写明撤回公示的原因"})
    on = _day(on, (timezone.localdate(case.published_at), "公示日期"))
    case.withdrawn_at, case.withdraw_reason = steps.moment(on), reason[:200]
    _save(case, actor, ["withdrawn_at", "withdraw_reason"])
    steps.append(case, StepKind.WITHDRAW, on=on, actor=actor, note=reason)
    return case
