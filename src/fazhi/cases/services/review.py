"""法制审核, 集体讨论 and the extension of the time limit: what makes a decision major, and the rounds of review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core.choices import Action, RoleCode
from fazhi.core.models import User
from fazhi.core.rules import citation, rule
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user

from .. import steps
from ..choices import (
    HEAVY_PENALTIES,
    PASSING_OPINIONS,
    PENALTY_LAW,
    CaseStatus,
    DecisionKind,
    ReviewOpinion,
    StepKind,
)
from ..models import Case, LegalReview
from ..texts import cn_date, yuan
from .base import (
    _day,
    _due,
    _handler,
    _kind_labels,
    _locked,
    _no_penalty,
    _office,
    _penalty,
    _proposed,
    _resting_status,
    _save,
    _state,
)


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
