"""Actions on penalty cases, legal review and case-file evaluation. Pages, the API and the demo all call
these; each checks the law's gate against the rules table, changes the case and appends one entry to its
whole-process record (steps.py).

Who acts: the officers (执法人员) and the legal affairs office (法治工作管理员) of the case's unit handle the
case; the office alone records collective discussion (集体讨论) and publishes decisions; reviewers (审核员)
who did not work on the case give the legal review; leaders read.

Every `on` is the business date of the step (the day the document was made or the party acted); it may not
lie in the future, and the step's record time is when it was entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from fazhi.core.choices import Action, RoleCode
from fazhi.core.deadlines import Due, WorkCalendar, due_for
from fazhi.core.models import LegalTimeLimit, Org, User
from fazhi.core.rules import citation, rule, rules
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user
from fazhi.enforcement.choices import LenientKind
from fazhi.enforcement.models import Entity, Inspection, LenientItem, Officer
from fazhi.enforcement.services import team_check

from . import steps
from .choices import (
    HEAVY_PENALTIES,
    OPEN_WORD,
    PASSING_OPINIONS,
    PENALTY_LAW,
    SERIES_WORDS,
    SIMPLE_PENALTIES,
    CaseSource,
    CaseStatus,
    DecisionKind,
    DocumentSeries,
    ExecutionKind,
    PartyKind,
    PenaltyKind,
    Procedure,
    ReviewOpinion,
    ServiceMethod,
    StepKind,
)
from .models import Case, LegalReview
from .texts import cn_date, yuan

HANDLERS = (RoleCode.OFFICER, RoleCode.LEGAL_ADMIN)


# ---------------------------------------------------------------- helpers
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


# ---------------------------------------------------------------- 立案 and investigation
@transaction.atomic
def case_open(*, org: Org, officers: Iterable[Officer], cause: str, actor: User, on: dt.date | None = None,
              entity: Entity | None = None, party_kind: str = "", party_name: str = "", party_id_no: str = "",
              party_address: str = "", source: str = CaseSource.INSPECTION, inspection: Inspection | None = None,
              facts: str = "", legal_basis: str = "", is_complex: bool = False, public_interest: bool = False,
              note: str = "", files: Iterable = ()) -> Case:
    """立案: at least two certified officers with no reason to stand aside, a number of the org's year."""
    _handler(actor, org, "立案")
    on = _day(on)
    officers = list(officers)
    _check_refs(actor, org, officers, entity, inspection, on)
    team_check(officers=officers, on=on, entity=entity)
    party = _party(entity, {"party_kind": party_kind, "party_name": party_name, "party_id_no": party_id_no,
                            "party_address": party_address})
    seq = _next_case_seq(org, on.year, Procedure.ORDINARY)
    case = Case(org=org, created_by=actor, year=on.year, seq=seq, number=_document_no(org, OPEN_WORD, on.year, seq),
                procedure=Procedure.ORDINARY, entity=entity, cause=cause, source=source, inspection=inspection,
                facts=facts, legal_basis=legal_basis, opened_on=on, is_complex=is_complex,
                public_interest=public_interest, **party)
    case.full_clean()
    as_history_user(case, actor)
    case.save()
    case.officers.set(officers)
    steps.append(case, StepKind.OPEN, on=on, actor=actor, note=note, files=files, parameters={
        "number": case.number, "party": case.party_name, "cause": cause, "officers": _officer_rows(officers),
        "inspection": inspection.pk if inspection else None})
    return case


@transaction.atomic
def case_add_evidence(*, case: Case, actor: User, note: str, on: dt.date | None = None, files: Iterable = ()) -> Case:
    """调查取证: what was gathered (笔录, 照片, 音视频), with the files."""
    case = _locked(case)
    _handler(actor, case.org, "调查取证")
    if not case.can_add_evidence():
        raise _state(case, "补充调查取证")
    files = list(files)
    if not note.strip() and not files:
        raise ValidationError({"note": "请说明取得的证据，或上传证据材料"})
    on = _day(on, (case.opened_on, "立案日期"))
    steps.append(case, StepKind.EVIDENCE, on=on, actor=actor, note=note, files=files)
    return case


@transaction.atomic
def case_mark(*, case: Case, actor: User, is_complex: bool, public_interest: bool, note: str = "",
              on: dt.date | None = None) -> Case:
    """Mark (or unmark) the case as complex or of major public interest: both make its decision major."""
    case = _locked(case)
    _handler(actor, case.org, "认定重大案件情形")
    if not case.can_mark():
        raise _state(case, "调整重大案件情形")
    on = _day(on, (case.opened_on, "立案日期"))
    case.is_complex, case.public_interest = bool(is_complex), bool(public_interest)
    _save(case, actor, ["is_complex", "public_interest"])
    steps.append(case, StepKind.NOTE, on=on, actor=actor, note=note, parameters={
        "is_complex": case.is_complex, "public_interest": case.public_interest})
    return case


# ---------------------------------------------------------------- 告知, 陈述申辩 and 听证
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


# ---------------------------------------------------------------- 法制审核 and 集体讨论
def major_reasons(case: Case, *, kind: str | None = None, kinds: Iterable[str] | None = None,
                  amount: Decimal | None = None, rows: dict | None = None) -> list[str]:
    """Why a decision is a major one (重大执法决定) that needs legal review and collective discussion. Without
    a decision in hand, the intended one is judged: what the party was told."""
    kind = kind or DecisionKind.PENALTY
    kinds = list(case.proposed_kinds if kinds is None else kinds)
    amount = case.proposed_amount if amount is None else amount
    reasons = []
    if case.public_interest:
        reasons.append("涉及重大公共利益")
    if case.is_complex:
        reasons.append("案情疑难复杂、涉及多个法律关系")
    # A hearing held before a second notice still counts: look in the log when the flag was reset.
    if case.hearing_held or (case.pk and case.steps.filter(kind=StepKind.HEARING).exists()):
        reasons.append("经过听证程序")
    if kind == DecisionKind.PENALTY:
        heavy = [k for k in kinds if k in HEAVY_PENALTIES]
        if heavy:
            reasons.append(f"拟{_kind_labels(heavy)}")
        code = f"legal-review-amount-{case.party_kind}"
        review = (rows or {}).get(code) or rule(code)
        if amount >= review.number:
            reasons.append(f"罚没{yuan(amount)}元，达到法制审核数额{yuan(review.number)}元（{citation(review)}）")
    return reasons


@transaction.atomic
def case_submit_review(*, case: Case, actor: User, summary: str, on: dt.date | None = None, kind: str = "",
                       penalty_kinds: Iterable[str] | None = None, fine=0, confiscation=0, property_value=0,
                       files: Iterable = ()) -> LegalReview:
    """Send the intended decision to legal review: a new round, the case waits for the opinion. The round keeps
    the decision sent (kind, penalty and amounts); without one, it is the penalty the party was told of."""
    case = _locked(case)
    _handler(actor, case.org, "提交法制审核")
    if not case.can_submit_review():
        raise _state(case, "提交法制审核")
    if not summary.strip():
        raise ValidationError({"summary": "请写明拟作出的决定、主要事实、证据和依据"})
    on = _day(on, (case.opened_on, "立案日期"))
    if not kind:
        if case.notified_on is None:
            raise ValidationError({"kind": "请选择送审的决定类型"})
        kind, penalty = DecisionKind.PENALTY, _proposed(case)
    elif kind not in DecisionKind.values:
        raise ValidationError({"kind": "请选择送审的决定类型"})
    elif kind == DecisionKind.PENALTY:
        penalty = _penalty(case.proposed_kinds if penalty_kinds is None else penalty_kinds, fine, confiscation,
                           property_value)
        heavier = penalty.heavier_than(_proposed(case), "已告知") if case.notified_on else []
        if heavier:
            raise ValidationError(f"送审的处罚重于已告知当事人的内容（{'；'.join(heavier)}），须先重新告知"
                                  f"（{PENALTY_LAW}第四十五条）")
    else:
        penalty = _no_penalty(penalty_kinds, fine, confiscation, property_value)
    top = case.reviews.aggregate(top=Max("round"))["top"] or 0
    review = LegalReview(case=case, round=top + 1, submitted_at=steps.moment(on), submitted_by=actor, summary=summary,
                         decision_kind=kind, penalty_kinds=list(penalty.kinds), fine=penalty.fine,
                         confiscation=penalty.confiscation, property_value=penalty.property_value)
    review.full_clean()
    as_history_user(review, actor)
    review.save()
    case.status = CaseStatus.REVIEWING
    _save(case, actor, ["status"])
    steps.append(case, StepKind.REVIEW_SUBMIT, on=on, actor=actor, note=summary, files=files,
                 parameters={"round": review.round, "kind": kind, **penalty.parameters()})
    return review


def can_review(user: User, review: LegalReview) -> bool:
    """A reviewer of the case's commission who is not one of its officers."""
    return (user.has_role(RoleCode.REVIEWER) and can(user, Action.CHANGE, review.case.org)
            and not review.case.officers.filter(user=user).exists())


@transaction.atomic
def review_decide(*, review: LegalReview, actor: User, opinion: str, reasons: str = "",
                  on: dt.date | None = None) -> LegalReview:
    """The reviewer's opinion: 同意, 修改后同意 or 不同意, with reasons for the last two."""
    review = LegalReview.objects.select_for_update().select_related("case__org").get(pk=review.pk)
    case = _locked(review.case)
    if not actor.has_role(RoleCode.REVIEWER) or not can(actor, Action.CHANGE, case.org):
        raise PermissionDenied("法制审核由本机关的审核员办理")
    if case.officers.filter(user=actor).exists():
        raise PermissionDenied("本案承办人不能审核本案")
    if not review.is_pending:
        raise ValidationError("该轮法制审核已经作出意见")
    if opinion not in ReviewOpinion.values:
        raise ValidationError({"opinion": "请选择审核意见"})
    if opinion != ReviewOpinion.AGREE and not reasons.strip():
        raise ValidationError({"reasons": "修改后同意或不同意须写明理由"})
    on = _day(on, (timezone.localdate(review.submitted_at), "送审日期"))
    review.reviewer, review.opinion, review.reasons = actor, opinion, reasons
    review.reviewed_at = steps.moment(on)
    review.full_clean()
    as_history_user(review, actor)
    review.save(update_fields=["reviewer", "opinion", "reasons", "reviewed_at"])
    case.status = _resting_status(case)
    _save(case, actor, ["status"])
    steps.append(case, StepKind.REVIEW, on=on, actor=actor, note=reasons,
                 parameters={"round": review.round, "opinion": opinion})
    return review


def _latest_review(case: Case) -> LegalReview | None:
    return case.reviews.order_by("-round").first()


def _review_problem(case: Case, latest: LegalReview | None) -> str:
    """Why the latest review does not clear the case for discussion and decision, or empty when it does."""
    if latest is None:
        return "尚未提交法制审核"
    if latest.opinion not in PASSING_OPINIONS:
        return "最近一轮法制审核意见为不同意" if latest.opinion == ReviewOpinion.DISAGREE else "法制审核尚未作出意见"
    submitted = case.steps.filter(kind=StepKind.REVIEW_SUBMIT, parameters__round=latest.round).values("seq")
    if case.steps.filter(kind=StepKind.NOTIFY, parameters__renotice=True, seq__gt=submitted[:1]).exists():
        return f"第{latest.round}轮法制审核通过后重新告知了当事人，须就新的告知内容重新提交法制审核"
    return ""


@transaction.atomic
def case_discuss(*, case: Case, actor: User, attendees: str, conclusion: str, on: dt.date | None = None,
                 files: Iterable = ()) -> Case:
    """集体讨论 by the agency's leaders, recorded by the legal affairs office; a major case only once its
    latest legal review has passed."""
    case = _locked(case)
    _office(actor, case.org, "集体讨论")
    if not case.can_discuss():
        raise _state(case, "记录集体讨论")
    if not attendees.strip():
        raise ValidationError({"attendees": "请填写参加集体讨论的负责人"})
    if not conclusion.strip():
        raise ValidationError({"conclusion": "请填写集体讨论的结论"})
    on = _day(on, (case.opened_on, "立案日期"))
    reasons = major_reasons(case)
    if reasons:
        latest = _latest_review(case)
        problem = _review_problem(case, latest)
        if problem:
            raise ValidationError(f"本案属于重大执法决定（{'；'.join(reasons)}），{problem}；须经法制审核通过后再集体"
                                  f"讨论（{PENALTY_LAW}第五十八条）")
        if on < timezone.localdate(latest.reviewed_at):
            raise ValidationError({"on": "集体讨论应在法制审核通过之后"})
    case.discussed_on = on
    _save(case, actor, ["discussed_on"])
    steps.append(case, StepKind.DISCUSSION, on=on, actor=actor, note=conclusion, files=files,
                 parameters={"attendees": attendees, "major": bool(reasons)})
    return case


@transaction.atomic
def case_extend(*, case: Case, actor: User, approver: str, reason: str, on: dt.date | None = None,
                files: Iterable = ()) -> Case:
    """延长办案期限: only where the rules give an extension, asked before the time runs out, approved."""
    case = _locked(case)
    _handler(actor, case.org, "延长办案期限")
    if not case.can_extend():
        raise _state(case, "延长办案期限")
    limit = rule("penalty-decision")
    if not limit.extension:
        raise ValidationError(f"{citation(limit)}规定的办案期限为{limit.describe()}，未规定可以延长；"
                              "本省规章另有规定的，请系统管理员在法定时限中填写可延长的期限")
    if not approver.strip():
        raise ValidationError({"approver": "请填写批准延长的负责人"})
    if not reason.strip():
        raise ValidationError({"reason": "请写明延长的理由"})
    on = _day(on, (case.opened_on, "立案日期"))
    due = _due("penalty-decision", case.opened_on, {"penalty-decision": limit})
    if on > due.date:
        raise ValidationError({"on": f"办案期限已于{cn_date(due.date)}届满，不能再延长（{citation(limit)}）"})
    extended = _due("penalty-decision", case.opened_on, {"penalty-decision": limit}, with_extension=True)
    case.extended = True
    _save(case, actor, ["extended"])
    steps.append(case, StepKind.EXTEND, on=on, actor=actor, note=reason, files=files, parameters={
        "approver": approver, "due": due.date.isoformat(), "extended_due": extended.date.isoformat()})
    return case


# ---------------------------------------------------------------- 决定
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


# ---------------------------------------------------------------- 简易程序
@transaction.atomic
def case_on_the_spot(*, org: Org, officers: Iterable[Officer], cause: str, penalty_kinds: Iterable[str],
                     actor: User, fine=0, on: dt.date | None = None, entity: Entity | None = None,
                     party_kind: str = "", party_name: str = "", party_id_no: str = "", party_address: str = "",
                     source: str = CaseSource.INSPECTION, inspection: Inspection | None = None, facts: str = "",
                     legal_basis: str = "", note: str = "", files: Iterable = ()) -> Case:
    """当场处罚 (简易程序): a warning and/or a fine within the statutory ceiling for the party's kind, by two
    certified officers, decided and handed over on the spot."""
    _handler(actor, org, "当场作出处罚决定")
    on = _day(on)
    penalty = _penalty(penalty_kinds, fine, 0)
    kinds, fine = list(penalty.kinds), penalty.fine
    others = [k for k in kinds if k not in SIMPLE_PENALTIES]
    if others:
        raise ValidationError({"penalty_kinds": f"简易程序只能给予警告或者罚款，{_kind_labels(others)}应适用普通程序"})
    party = _party(entity, {"party_kind": party_kind, "party_name": party_name, "party_id_no": party_id_no,
                            "party_address": party_address})
    if party["party_kind"] not in ("individual", "organisation"):
        raise ValidationError({"party_kind": "请选择当事人类型"})
    limit = rule(f"simple-fine-{party['party_kind']}")
    if fine > limit.number:
        raise ValidationError({"fine": f"当场罚款{yuan(fine)}元超过对{limit.starts_from}当场处罚的限额"
                                       f"{yuan(limit.number)}元（{citation(limit)}），应适用普通程序"})
    officers = list(officers)
    _check_refs(actor, org, officers, entity, inspection, on)
    team_check(officers=officers, on=on, entity=entity)
    seq = _next_case_seq(org, on.year, Procedure.SIMPLE)
    number = _document_no(org, SERIES_WORDS[DocumentSeries.ON_THE_SPOT], on.year, seq)
    case = Case(org=org, created_by=actor, year=on.year, seq=seq, number=number, procedure=Procedure.SIMPLE,
                entity=entity, cause=cause, source=source, inspection=inspection, facts=facts,
                legal_basis=legal_basis, opened_on=on, status=CaseStatus.SERVED, decision_kind=DecisionKind.PENALTY,
                penalty_kinds=kinds, fine_amount=fine, decision_series=DocumentSeries.ON_THE_SPOT,
                decision_year=on.year, decision_seq=seq, decision_no=number, decided_on=on, served_on=on,
                service_method=ServiceMethod.ON_THE_SPOT, **party)
    case.full_clean()
    as_history_user(case, actor)
    case.save()
    case.officers.set(officers)
    steps.append(case, StepKind.ON_THE_SPOT, on=on, actor=actor, note=note, files=files, parameters={
        "decision_no": number, "party": case.party_name, "cause": cause, "officers": _officer_rows(officers),
        "penalty_kinds": kinds, "fine": steps.money(fine), "served": ServiceMethod.ON_THE_SPOT,
        "limit": steps.money(limit.number)})
    return case


# ---------------------------------------------------------------- 送达, 执行, 结案
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


# ---------------------------------------------------------------- 公示
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
