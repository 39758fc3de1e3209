"""What the case services share: who may act, the step's date, locking, saving, numbering and the penalty's
kinds and amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max

from fazhi.core.choices import Action, RoleCode
from fazhi.core.deadlines import Due, WorkCalendar, due_for
from fazhi.core.models import LegalTimeLimit, Org, User
from fazhi.core.rules import citation
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user
from fazhi.enforcement.models import Entity, Inspection, Officer

from .. import steps
from ..choices import (
    HEAVY_PENALTIES,
    CaseStatus,
    PartyKind,
    PenaltyKind,
)
from ..models import Case
from ..texts import yuan

HANDLERS = (RoleCode.OFFICER, RoleCode.LEGAL_ADMIN)


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value or 0))
    except InvalidOperation:
        raise ValidationError({field: "请填写金额（元）"})
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: "金额须为不小于0的数，最多两位小数（元）"})
    return amount


def _due(code: str, start: dt.date, rows: dict | None = None, cal: WorkCalendar | None = None, **kwargs) -> Due:
    return due_for(code, start, cal=cal or steps.calendar(), limit=(rows or {}).get(code), **kwargs)


def _handler(actor: User, org: Org, what: str) -> None:
    if actor.is_superuser:
        return
    if not (actor.has_role(*HANDLERS) and can(actor, Action.CHANGE, org)):
        raise PermissionDenied(f"只有本单位的执法人员或法治工作管理员可以{what}")


def _office(actor: User, org: Org, what: str) -> None:
    if actor.is_superuser:
        return
    if not (actor.has_role(RoleCode.LEGAL_ADMIN) and can(actor, Action.CHANGE, org)):
        raise PermissionDenied(f"{what}由本机关法治工作管理员（法制机构）办理")


def _day(on: dt.date | None, *after: tuple[dt.date | None, str]) -> dt.date:
    """The step's business date: today when not given, never in the future, never before what it follows."""
    on = on or steps.today()
    if on > steps.today():
        raise ValidationError({"on": "日期不能晚于今天"})
    for earlier, label in after:
        if earlier is not None and on < earlier:
            raise ValidationError({"on": f"日期不能早于{label}（{earlier:%Y-%m-%d}）"})
    return on


def _locked(case: Case) -> Case:
    """The case row, re-read under a lock: two people acting at once take turns."""
    return Case.objects.select_for_update().select_related("org").get(pk=case.pk)


def _save(case: Case, actor: User, fields: list[str]) -> None:
    # Validate what changes; the rest was valid when saved.
    case.full_clean(exclude=[f.name for f in Case._meta.fields if f.name not in fields])
    as_history_user(case, actor)
    case.save(update_fields=[*fields, "updated_at"])


def _state(case: Case, what: str) -> ValidationError:
    return ValidationError(f"案件当前状态为“{case.get_status_display()}”，不能{what}")


def _kind_labels(kinds: Iterable[str]) -> str:
    return "、".join(PenaltyKind(k).label for k in kinds)


@dataclass(frozen=True)
class Penalty:
    """A penalty's kinds and amounts in yuan: the fine, the confiscated income and the value of the confiscated
    illegal property."""

    kinds: tuple[str, ...] = ()
    fine: Decimal = Decimal(0)
    confiscation: Decimal = Decimal(0)
    property_value: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        """罚没数额: fine and confiscation together, what the legal review list counts."""
        return self.fine + self.confiscation + self.property_value

    def amounts(self) -> list[tuple[str, Decimal]]:
        """Each amount the hearing threshold weighs on its own (行政处罚法 第六十三条)."""
        return [(label, amount) for label, amount in (
            ("罚款", self.fine), ("没收违法所得", self.confiscation), ("没收非法财物价值", self.property_value))
            if amount > 0]

    def heavier_than(self, other: Penalty, told: str) -> list[str]:
        """How this penalty goes beyond `other` (what was `told`: 告知 or 法制审核), in Chinese."""
        heavier = []
        extra = [k for k in self.kinds if k not in other.kinds]
        if extra:
            heavier.append(f"增加了{_kind_labels(extra)}")
        for label, mine, theirs in (("罚款", self.fine, other.fine),
                                    ("没收违法所得", self.confiscation, other.confiscation),
                                    ("没收非法财物价值", self.property_value, other.property_value)):
            if mine > theirs:
                heavier.append(f"{label}{yuan(mine)}元高于{told}的{yuan(theirs)}元")
        return heavier

    def parameters(self) -> dict:
        return {"penalty_kinds": list(self.kinds), "fine": steps.money(self.fine),
                "confiscation": steps.money(self.confiscation), "property_value": steps.money(self.property_value)}


def _proposed(case: Case) -> Penalty:
    return Penalty(tuple(case.proposed_kinds), case.proposed_fine, case.proposed_confiscation, case.proposed_property)


def _penalty(kinds, fine, confiscation, property_value=0) -> Penalty:
    """Penalty kinds and amounts that agree with each other: a fine with an amount, an amount with its kind."""
    chosen = []
    for kind in kinds or ():
        if kind not in PenaltyKind.values:
            raise ValidationError({"penalty_kinds": f"未知的处罚种类“{kind}”"})
        if kind not in chosen:
            chosen.append(str(kind))
    fine, confiscation = _amount(fine, "fine"), _amount(confiscation, "confiscation")
    property_value = _amount(property_value, "property_value")
    if not chosen:
        raise ValidationError({"penalty_kinds": "请选择处罚种类"})
    if (fine > 0) != (PenaltyKind.FINE in chosen):
        raise ValidationError({"fine": "罚款金额大于0的须选择“罚款”，选择“罚款”的须填写罚款金额"})
    if (confiscation > 0) != (PenaltyKind.CONFISCATE_INCOME in chosen):
        raise ValidationError({"confiscation": "没收违法所得金额大于0的须选择“没收违法所得”，反之亦然"})
    if (property_value > 0) != (PenaltyKind.CONFISCATE_PROPERTY in chosen):
        raise ValidationError({"property_value": "没收非法财物的须填写财物价值（元），填写价值的须选择“没收非法财物”"})
    return Penalty(tuple(chosen), fine, confiscation, property_value)


def _no_penalty(penalty_kinds, fine, confiscation, property_value) -> Penalty:
    """A decision other than a penalty carries no kinds and no amounts."""
    if (list(penalty_kinds or ()) or _amount(fine, "fine") or _amount(confiscation, "confiscation")
            or _amount(property_value, "property_value")):
        raise ValidationError({"penalty_kinds": "不予行政处罚或移送的决定不能有处罚种类和罚没金额"})
    return Penalty()


def _hearing_reason(case: Case, penalty: Penalty, hearing: LegalTimeLimit) -> str:
    """Why the party may ask for a hearing: a heavy penalty, or a fine, confiscated income or confiscated
    property each of a large amount on its own (较大数额); empty when none."""
    heavy = [k for k in penalty.kinds if k in HEAVY_PENALTIES]
    if heavy:
        return f"拟{_kind_labels(heavy)}（{citation(hearing)}）"
    large = [f"{label}{yuan(amount)}元" for label, amount in penalty.amounts() if amount >= hearing.number]
    if large:
        return f"拟{'、'.join(large)}，达到较大数额{yuan(hearing.number)}元（{citation(hearing)}）"
    return ""


def _prefix(org: Org) -> str:
    commission = org.commission() or org
    return commission.short_name or commission.name


def _lock_org(org: Org) -> None:
    # Numbers are handed out one at a time per org: the org row is the lock.
    list(Org.objects.select_for_update().filter(pk=org.pk).values_list("pk"))


def _next_case_seq(org: Org, year: int, procedure: str) -> int:
    _lock_org(org)
    top = Case.all_objects.filter(org=org, year=year, procedure=procedure).aggregate(top=Max("seq"))["top"]
    return (top or 0) + 1


def _next_decision_seq(org: Org, year: int, series: str) -> int:
    _lock_org(org)
    top = (Case.all_objects.filter(org=org, decision_year=year, decision_series=series)
           .aggregate(top=Max("decision_seq"))["top"])
    return (top or 0) + 1


def _document_no(org: Org, word: str, year: int, seq: int) -> str:
    return f"{_prefix(org)}{word}〔{year}〕{seq}号"


def _officer_rows(officers: Iterable[Officer]) -> list[dict]:
    return [{"name": o.name, "certificate_no": o.certificate_no} for o in officers]


def _check_refs(actor: User, org: Org, officers: list[Officer], entity: Entity | None,
                inspection: Inspection | None, on: dt.date) -> None:
    commission = org.commission() or org
    for officer in officers:
        if not (can(actor, Action.VIEW, officer.org) and officer.org.path.startswith(commission.path)):
            raise ValidationError({"officers": f"{officer.name}不是本机关的执法人员"})
    if entity is not None and not can(actor, Action.VIEW, entity.org):
        raise PermissionDenied("无权对该监管对象立案")
    if inspection is not None:
        if not can(actor, Action.VIEW, inspection.org):
            raise PermissionDenied("无权引用该监督检查")
        if entity is not None and inspection.entity_id != entity.pk:
            raise ValidationError({"inspection": "来源检查的监管对象与当事人不一致"})
        if inspection.date > on:
            raise ValidationError({"inspection": "来源检查的日期晚于立案日期"})


def _party(entity: Entity | None, fields: dict) -> dict:
    """The party's particulars, filled in from the register where the form left them empty. The kind is the
    register's: it sets the on-the-spot ceiling and the hearing and review amounts, so a form may not change it."""
    if entity is None:
        return fields
    filled = dict(fields)
    filled["party_name"] = fields.get("party_name") or entity.name
    filled["party_id_no"] = fields.get("party_id_no") or entity.credit_code
    filled["party_address"] = fields.get("party_address") or entity.address
    registered = PartyKind.INDIVIDUAL if entity.is_individual else PartyKind.ORGANISATION
    if fields.get("party_kind") and fields["party_kind"] != registered:
        raise ValidationError({"party_kind": f"当事人类型应与监管对象库登记一致：{entity.name}登记为"
                                             f"“{registered.label}”；登记有误的，请先更正监管对象信息"})
    filled["party_kind"] = registered.value
    return filled


def _resting_status(case: Case) -> str:
    """Where a case stands between steps: hearing asked for, notified, or still investigating."""
    if case.hearing_requested_on is not None and case.waived_on is None:
        return CaseStatus.HEARING
    if case.notified_on is not None:
        return CaseStatus.NOTIFIED
    return CaseStatus.INVESTIGATING


def case_log_problems(case: Case, *, rehash: bool = True) -> list[str]:
    """What is wrong with the case's whole-process record (chain, entries, files), in Chinese."""
    return steps.log_problems(case, rehash=rehash)
