"""Case-file evaluation (案卷评查): rounds, their checklist, the files they score and the grades.

A round belongs to the commission that organises it and scores the closed files of its year anywhere in
that commission's region: a county its own, a city every county's too ("组织开展全市案卷评查"). Evaluators
are the organiser's legal affairs office and reviewers, never an officer of the file they score.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.choices import Action, OrgKind, RoleCode
from fazhi.core.models import Org, User
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user

from . import steps
from .choices import CaseStatus, EvaluationGrade
from .models import Case, CaseEvaluation, ChecklistItem, EvaluationRound, EvaluationScore

# The default checklist a new round starts from: the usual points of a health penalty file, step by step
# through 立案、调查取证、告知、审核、决定、送达执行、归档, worth 100 in all. It is office practice, not law;
# the organiser edits the lines when creating a round.
DEFAULT_CHECKLIST = [
    ("立案", "立案审批手续完备，案由准确，在法定时限内立案", Decimal(5)),
    ("立案", "执法人员不少于两人并出示执法证件，无应当回避的情形", Decimal(5)),
    ("调查取证", "现场检查笔录、询问笔录内容完整，制作规范，当事人签字确认", Decimal(10)),
    ("调查取证", "证据收集合法、充分，音像记录和全过程记录完整可查", Decimal(15)),
    ("告知", "事先告知书载明拟处罚内容及事实、理由、依据，告知陈述申辩和听证权利", Decimal(10)),
    ("告知", "陈述、申辩得到复核，听证程序合法，期限届满后作出决定", Decimal(5)),
    ("审核", "重大执法决定经法制审核和负责人集体讨论", Decimal(10)),
    ("决定", "违法事实认定清楚，定性准确", Decimal(8)),
    ("决定", "适用法律依据正确，自由裁量适当，过罚相当", Decimal(7)),
    ("决定", "处罚决定书内容完整，文号规范，在办案期限内作出", Decimal(5)),
    ("送达执行", "依法送达，送达回证或电子送达凭证齐全", Decimal(6)),
    ("送达执行", "罚没款缴纳凭证或履行、强制执行材料齐全", Decimal(6)),
    ("归档", "案卷材料齐全，排列有序，按期结案归档", Decimal(8)),
]
TOTAL = Decimal(100)
EVALUATORS = (RoleCode.LEGAL_ADMIN, RoleCode.REVIEWER)


# ---------------------------------------------------------------- checklist lines as text
def format_lines(lines) -> str:
    """One line per item, as the create form shows them: 环节｜评查内容｜分值."""
    return "\n".join(f"{section}｜{text}｜{points.normalize():f}" for section, text, points in lines)


def parse_lines(text: str) -> list[tuple[str, str, Decimal]]:
    lines, errors = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.replace("|", "｜").split("｜")]
        if len(parts) != 3 or not all(parts):
            errors.append(f"第{number}行应写作“环节｜评查内容｜分值”")
            continue
        try:
            points = Decimal(parts[2])
        except InvalidOperation:
            errors.append(f"第{number}行的分值“{parts[2]}”不是数字")
            continue
        lines.append((parts[0][:40], parts[1][:300], points))
    if errors:
        raise ValidationError(errors)
    return lines


def check_lines(lines) -> None:
    if not lines:
        raise ValidationError("评查项目不能为空")
    for section, _text, points in lines:
        if points <= 0:
            raise ValidationError(f"“{section}”环节有分值不大于0的项目")
    total = sum((points for *_, points in lines), Decimal(0))
    if total != TOTAL:
        raise ValidationError(f"评查项目分值合计应为{TOTAL:f}分，现为{total.normalize():f}分")


# ---------------------------------------------------------------- grades and the files in a round
def grade(evaluation_round: EvaluationRound, total: Decimal) -> str:
    if total >= evaluation_round.excellent_score:
        return EvaluationGrade.EXCELLENT
    if total >= evaluation_round.pass_score:
        return EvaluationGrade.PASS
    return EvaluationGrade.FAIL


def region_path(org: Org) -> str:
    """The subtree a round of `org` evaluates: its commission's region, or the commission itself."""
    commission = org.commission() or org
    region = commission.parent
    return region.path if region is not None and region.kind == OrgKind.REGION else commission.path


def pool(evaluation_round: EvaluationRound):
    """The closed files a round may score: closed in its year, anywhere in its organiser's region."""
    return Case.objects.filter(org__path__startswith=region_path(evaluation_round.org), status=CaseStatus.CLOSED,
                               closed_on__year=evaluation_round.year)


def can_evaluate(user: User, evaluation_round: EvaluationRound) -> bool:
    return user.is_superuser or (user.has_role(*EVALUATORS) and can(user, Action.CHANGE, evaluation_round.org))


# ---------------------------------------------------------------- services
@transaction.atomic
def evaluation_round_create(*, org: Org, year: int, name: str, actor: User, lines=None, pass_score=None,
                            excellent_score=None, note: str = "") -> EvaluationRound:
    """A round of case-file evaluation with its checklist (DEFAULT_CHECKLIST unless other lines are given)."""
    if not (actor.is_superuser or (actor.has_role(RoleCode.LEGAL_ADMIN) and can(actor, Action.CHANGE, org))):
        raise PermissionDenied("案卷评查由本机关法治工作管理员组织")
    lines = DEFAULT_CHECKLIST if lines is None else list(lines)
    check_lines(lines)
    evaluation_round = EvaluationRound(org=org, year=year, name=name, note=note, created_by=actor)
    if pass_score is not None:
        evaluation_round.pass_score = pass_score
    if excellent_score is not None:
        evaluation_round.excellent_score = excellent_score
    if evaluation_round.excellent_score > TOTAL:
        raise ValidationError({"excellent_score": f"优秀分数线不能高于满分{TOTAL:f}分"})
    evaluation_round.full_clean()
    as_history_user(evaluation_round, actor)
    evaluation_round.save()
    items = [ChecklistItem(round=evaluation_round, seq=n, section=section, text=text, max_points=points)
             for n, (section, text, points) in enumerate(lines, start=1)]
    for item in items:
        item.full_clean(exclude=["round"])
    ChecklistItem.objects.bulk_create(items)
    return evaluation_round


@transaction.atomic
def evaluation_score(*, evaluation_round: EvaluationRound, case: Case, points: dict, actor: User,
                     remarks: dict | None = None, is_typical: bool = False, comments: str = "",
                     on: dt.date | None = None) -> CaseEvaluation:
    """Score one closed file on every line of the round's checklist; a deduction needs its reason. The
    grade follows from the total and the round's thresholds."""
    if not can_evaluate(actor, evaluation_round):
        raise PermissionDenied("案卷评查由组织评查机关的法治工作管理员或审核员办理")
    if not pool(evaluation_round).filter(pk=case.pk).exists():
        raise ValidationError(f"只能评查{evaluation_round.year}年已结案、属于本次评查范围的案卷")
    if case.officers.filter(user=actor).exists():
        raise PermissionDenied("评查人不能评查自己承办的案卷")
    if CaseEvaluation.objects.filter(round=evaluation_round, case=case).exists():
        raise ValidationError("该案卷在本次评查中已评分")
    remarks = remarks or {}
    scores, errors = [], {}
    for item in evaluation_round.checklist.all():
        try:
            value = Decimal(str(points.get(item.pk, "")))
        except InvalidOperation:
            errors[f"points_{item.pk}"] = "请填写得分"
            continue
        remark = str(remarks.get(item.pk, "") or "").strip()
        if value < 0 or value > item.max_points:
            errors[f"points_{item.pk}"] = f"得分应在0至{item.max_points.normalize():f}分之间"
        elif value < item.max_points and not remark:
            errors[f"remark_{item.pk}"] = "扣分的须写明理由"
        scores.append(EvaluationScore(item=item, points=value, remark=remark[:300]))
    if errors:
        raise ValidationError(errors)
    total = sum((s.points for s in scores), Decimal(0))
    on = on or steps.today()
    record = CaseEvaluation(round=evaluation_round, case=case, evaluator=actor, total=total,
                            grade=grade(evaluation_round, total), is_typical=is_typical, comments=comments,
                            evaluated_at=steps.moment(on))
    record.full_clean()
    as_history_user(record, actor)
    record.save()
    for score in scores:
        score.evaluation = record
    EvaluationScore.objects.bulk_create(scores)
    return record
