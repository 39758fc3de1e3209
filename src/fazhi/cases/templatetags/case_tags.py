"""How a case's amounts and log entries read on its pages."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch

from ..choices import DecisionKind, ExecutionKind, ReviewOpinion, ServiceMethod, StepKind
from ..texts import penalty_text
from ..texts import yuan as _yuan

register = template.Library()


@register.filter
def yuan(value) -> str:
    return _yuan(value)


def _penalty(kinds, fine, confiscation, property_value=0) -> str:
    return penalty_text(kinds, fine, confiscation, property_value)


def _logged(p: dict) -> str:
    """The penalty a log entry's parameters name."""
    return penalty_text(p.get("penalty_kinds"), p.get("fine"), p.get("confiscation"), p.get("property_value"))


@register.filter
def submitted_text(review) -> str:
    """The decision a round of legal review was sent with."""
    if not review.decision_kind:
        return ""
    text = DecisionKind(review.decision_kind).label
    if review.penalty_kinds:
        text += "：" + _penalty(review.penalty_kinds, review.fine, review.confiscation, review.property_value)
    return text


@register.filter
def proposed_text(case) -> str:
    return "拟" + _penalty(case.proposed_kinds, case.proposed_fine, case.proposed_confiscation, case.proposed_property)


@register.filter
def decided_text(case) -> str:
    return _penalty(case.penalty_kinds, case.fine_amount, case.confiscation_amount, case.property_value)


def _label(choices, value) -> str:
    return choices(value).label if value in choices.values else str(value or "")


@register.filter
def step_text(step) -> str:
    """One line saying what a log entry recorded, from its parameters."""
    p, kind = step.parameters or {}, step.kind
    if kind in (StepKind.OPEN, StepKind.ON_THE_SPOT):
        team = "、".join(o.get("name", "") for o in p.get("officers", []))
        text = f"{p.get('number') or p.get('decision_no', '')}，当事人{p.get('party', '')}，承办人{team}"
        if kind == StepKind.ON_THE_SPOT:
            text += f"；{_penalty(p.get('penalty_kinds'), p.get('fine'), 0)}，当场交付"
        return text
    if kind == StepKind.NOTIFY:
        text = "拟" + _logged(p)
        text += f"；陈述、申辩期限至{p.get('statement_due', '')}"
        if p.get("hearing_right"):
            text += f"；告知听证权利（{p.get('hearing_reason', '')}），要求听证期限至{p.get('hearing_request_due', '')}"
        return ("重新告知：" if p.get("renotice") else "") + text
    if kind == StepKind.STATEMENT:
        return "在期限内提出" if p.get("within_period") else "期限届满后提出"
    if kind == StepKind.HEARING_NOTICE:
        return f"听证定于{p.get('hearing_on', '')}在{p.get('place', '')}举行（最迟通知日{p.get('latest_notice', '')}）"
    if kind == StepKind.HEARING:
        return f"主持人：{p.get('presider', '')}"
    if kind == StepKind.REVIEW_SUBMIT:
        text = f"第{p.get('round', '')}轮"
        if p.get("kind"):
            text += f"，送审{_label(DecisionKind, p['kind'])}"
        return text + (f"：{_logged(p)}" if p.get("penalty_kinds") else "")
    if kind == StepKind.REVIEW:
        return f"第{p.get('round', '')}轮：{_label(ReviewOpinion, p.get('opinion'))}"
    if kind == StepKind.DISCUSSION:
        return f"参加：{p.get('attendees', '')}"
    if kind == StepKind.EXTEND:
        return f"批准人：{p.get('approver', '')}；办案期限由{p.get('due', '')}延至{p.get('extended_due', '')}"
    if kind == StepKind.DECIDE:
        text = f"{p.get('decision_no', '')}：{_label(DecisionKind, p.get('kind'))}"
        if p.get("penalty_kinds"):
            text += "，" + _logged(p)
        if p.get("lenient_item"):
            text += f"（{p['lenient_item']}）"
        if p.get("transfer_to"):
            text += f"，移送{p['transfer_to']}"
        if p.get("is_major"):
            text += "；重大执法决定"
        return text + ("；超过办案期限" if p.get("late") else "")
    if kind == StepKind.SERVE:
        return _label(ServiceMethod, p.get("method")) + ("；超过送达期限" if p.get("late") else "")
    if kind == StepKind.EXECUTE:
        return f"{_label(ExecutionKind, p.get('kind'))}，已缴{_yuan(p.get('paid'))}元" + (
            "；逾期缴纳" if p.get("late") else "")
    if kind == StepKind.PUBLISH:
        return f"公示期限至{p.get('due', '')}" + ("；超期公示" if p.get("late") else "")
    if kind == StepKind.NOTE and "is_complex" in p:
        marks = [label for key, label in (("is_complex", "案情疑难复杂"), ("public_interest", "涉及重大公共利益"))
                 if p.get(key)]
        return "重大案件情形：" + ("、".join(marks) if marks else "无")
    return ""


@register.filter
def url_of(record) -> str:
    """A related record's page, or nothing when there is none (a party not in the register) or while that
    part of the area is not installed."""
    if record is None:
        return ""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""
