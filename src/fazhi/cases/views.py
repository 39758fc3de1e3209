"""Pages of penalty cases, legal review and case-file evaluation. Every step is a POST that calls one
service; the case page offers only the steps the case's state and the user's role allow."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import Action, RoleCode
from fazhi.core.forms import apply_service_errors
from fazhi.core.generic import ObjectListView
from fazhi.core.models import Org
from fazhi.core.scoping import can

from . import evaluation, forms, selectors, services
from .choices import CASE_STATUS_COLOURS, EVALUATION_GRADE_COLOURS, REVIEW_OPINION_COLOURS
from .filters import CaseFilterSet, RoundFilterSet
from .tables import CaseTable, RoundTable

HANDLER, OFFICE = "handler", "office"


def may(user, case, who: str) -> bool:
    """Officers and the legal affairs office handle a case; the office alone discusses and publishes."""
    if user.is_superuser:
        return True
    roles = (RoleCode.OFFICER, RoleCode.LEGAL_ADMIN) if who == HANDLER else (RoleCode.LEGAL_ADMIN,)
    return user.has_role(*roles) and can(user, Action.CHANGE, case.org)


def may_open(user) -> bool:
    return user.is_superuser or user.has_role(RoleCode.OFFICER, RoleCode.LEGAL_ADMIN)


# ---------------------------------------------------------------- list, opening, on the spot
class CaseListView(ObjectListView):
    table_class = CaseTable
    filterset_class = CaseFilterSet
    template_name = "cases/case_list.html"
    title = "行政处罚案件"

    def scoped_queryset(self):
        return selectors.cases_visible(self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "can_open": may_open(self.request.user)}


def _party_kwargs(data: dict) -> dict:
    names = ("org", "officers", "entity", "party_kind", "party_name", "party_id_no", "party_address", "cause",
             "source", "on", "facts", "legal_basis", "note", "files")
    return {name: data[name] for name in names if name in data}


@login_required
def case_open(request):
    if not may_open(request.user):
        raise PermissionDenied("只有执法人员或法治工作管理员可以立案")
    form = forms.CaseOpenForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(actor=request.user, inspection=data["inspection"],
                                      is_complex=data["is_complex"], public_interest=data["public_interest"],
                                      **_party_kwargs(data))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已立案：{case.number}")
            return redirect(case)
    return render(request, "cases/case_form.html", {"form": form, "title": "立案", "multipart": True,
                                                    "submit_label": "立案", "cancel_url": reverse("case_list")})


@login_required
def case_on_the_spot(request):
    if not may_open(request.user):
        raise PermissionDenied("只有执法人员或法治工作管理员可以当场作出处罚决定")
    form = forms.OnTheSpotForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_on_the_spot(actor=request.user, penalty_kinds=data["penalty_kinds"],
                                             fine=data["fine"], **_party_kwargs(data))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已当场作出处罚决定并交付：{case.decision_no}")
            return redirect(case)
    return render(request, "cases/case_form.html", {
        "form": form, "title": "当场处罚（简易程序）", "multipart": True, "submit_label": "当场作出处罚决定",
        "cancel_url": reverse("case_list")})


# ---------------------------------------------------------------- the case and its steps
@dataclass(frozen=True)
class Step:
    label: str
    form: type
    service: object
    allowed: str  # the Case predicate
    who: str = HANDLER
    button: str = "提交"


STEPS = {
    "evidence": Step("调查取证", forms.EvidenceForm, services.case_add_evidence, "can_add_evidence"),
    "mark": Step("重大案件情形", forms.MarkForm, services.case_mark, "can_mark", button="保存"),
    "notify": Step("事先告知", forms.NotifyForm, services.case_notify, "can_notify", button="登记告知"),
    "statement": Step("陈述申辩", forms.StatementForm, services.case_statement, "can_state"),
    "waive": Step("放弃陈述申辩和听证", forms.WaiveForm, services.case_waive, "can_waive"),
    "hearing-request": Step("听证申请", forms.HearingRequestForm, services.case_request_hearing,
                            "can_request_hearing"),
    "hearing-notice": Step("听证通知", forms.HearingNoticeForm, services.case_notice_hearing, "can_notice_hearing"),
    "hearing": Step("举行听证", forms.HearingForm, services.case_hold_hearing, "can_hold_hearing"),
    "review": Step("提交法制审核", forms.ReviewSubmitForm, services.case_submit_review, "can_submit_review"),
    "discuss": Step("集体讨论", forms.DiscussForm, services.case_discuss, "can_discuss", who=OFFICE),
    "extend": Step("延长办案期限", forms.ExtendForm, services.case_extend, "can_extend"),
    "decide": Step("作出决定", forms.DecideForm, services.case_decide, "can_decide", button="作出决定"),
    "serve": Step("送达", forms.ServeForm, services.case_serve, "can_serve"),
    "execute": Step("执行", forms.ExecuteForm, services.case_execute, "can_execute"),
    "close": Step("结案", forms.CloseForm, services.case_close, "can_close", button="结案"),
    "publish": Step("公示", forms.PublishForm, services.case_publish, "can_publish", who=OFFICE, button="公示"),
    "withdraw": Step("撤回公示", forms.WithdrawForm, services.case_withdraw_publicity, "can_withdraw_publicity",
                     who=OFFICE, button="撤回"),
}


def _allowed_steps(user, case, bound=None) -> list[tuple[str, Step, object]]:
    """(slug, step, form) of each step the case's state and the user's role allow; `bound` is the
    (slug, form) just posted, shown again with its errors."""
    bound_slug, bound_form = bound or (None, None)
    return [(slug, step, bound_form if slug == bound_slug else step.form(case=case, prefix=slug))
            for slug, step in STEPS.items() if getattr(case, step.allowed)() and may(user, case, step.who)]


def _case_page(request, case, bound=None, status=200):
    today = timezone.localdate()
    page = selectors.case_page(case, today)
    major = services.major_reasons(case) if case.is_ordinary and not case.is_decided else []
    return render(request, "cases/case_detail.html", {
        "case": case, "title": case.number, **page, "today": today, "steps": _allowed_steps(request.user, case, bound),
        "open_step": bound[0] if bound else "", "major_now": major, "status_colour": CASE_STATUS_COLOURS[case.status],
        "opinion_colours": REVIEW_OPINION_COLOURS, "grade_colours": EVALUATION_GRADE_COLOURS,
        "can_verify": can(request.user, Action.CHANGE, case.org),
    }, status=status)


@login_required
def case_detail(request, pk):
    return _case_page(request, selectors.get_case(request.user, pk))


@login_required
@require_POST
def case_step(request, pk, step):
    case = selectors.get_case(request.user, pk)
    spec = STEPS.get(step)
    if spec is None:
        raise PermissionDenied("未知的办案环节")
    if not may(request.user, case, spec.who):
        raise PermissionDenied("您无权办理该案件的这一环节")
    form = spec.form(request.POST, request.FILES, case=case, prefix=step)
    if form.is_valid():
        try:
            spec.service(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已办理：{spec.label}")
            return redirect(case)
    return _case_page(request, case, bound=(step, form), status=400)


@login_required
@require_POST
def case_verify(request, pk):
    """Read every stored file of the record again and re-check the chain (as the evidence page's check does,
    for those who may change the case)."""
    case = selectors.get_case(request.user, pk, Action.CHANGE)
    problems = services.case_log_problems(case, rehash=True)
    if problems:
        messages.error(request, "全过程记录有问题：" + "；".join(problems))
    else:
        messages.success(request, "已重新校验：全过程记录完整，文件与记录的哈希一致")
    return redirect(case)


@login_required
def case_deadlines(request):
    today = timezone.localdate()
    rows = selectors.warnings(request.user, today)
    return render(request, "cases/deadlines.html", {"title": "办案期限预警", "rows": rows, "today": today})


# ---------------------------------------------------------------- legal review
@login_required
def review_list(request):
    queue = list(selectors.review_queue(request.user))
    return render(request, "cases/review_list.html", {
        "title": "法制审核", "queue": queue, "done": selectors.reviews_done(request.user),
        "is_reviewer": request.user.has_role(RoleCode.REVIEWER), "opinion_colours": REVIEW_OPINION_COLOURS})


@login_required
def review_detail(request, pk):
    review = selectors.get_review(request.user, pk)
    case = review.case
    allowed = review.is_pending and services.can_review(request.user, review)
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied("该轮审核已作出意见，或您不能审核本案" if not review.is_pending
                                   else "法制审核由本机关未参与本案的审核员办理")
        if form.is_valid():
            try:
                services.review_decide(review=review, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, f"已提出审核意见：{case.number}第{review.round}轮")
                return redirect("review_list")
    today = timezone.localdate()
    return render(request, "cases/review_detail.html", {
        "review": review, "case": case, "title": f"法制审核：{case.number}", "form": form, "can_decide": allowed,
        **selectors.case_page(case, today), "opinion_colours": REVIEW_OPINION_COLOURS,
        "status_colour": CASE_STATUS_COLOURS[case.status], "major_now": services.major_reasons(case)})


# ---------------------------------------------------------------- evaluation
class RoundListView(ObjectListView):
    table_class = RoundTable
    filterset_class = RoundFilterSet
    template_name = "cases/round_list.html"
    title = "案卷评查"
    add_url_name = "evaluation_round_create"

    def scoped_queryset(self):
        return selectors.rounds_visible(self.request.user)

    def can_add(self):
        return _round_orgs(self.request.user).exists()


def _round_orgs(user):
    if not (user.is_superuser or user.has_role(RoleCode.LEGAL_ADMIN)):
        return Org.objects.none()
    return Org.objects.visible_to(user, Action.CHANGE).filter(kind="commission")


@login_required
def evaluation_round_create(request):
    orgs = _round_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("案卷评查由法治工作管理员组织")
    form = forms.RoundForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = evaluation.evaluation_round_create(
                org=data["org"], year=data["year"], name=data["name"], lines=data["lines"],
                pass_score=data["pass_score"], excellent_score=data["excellent_score"], note=data["note"],
                actor=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已创建“{round_.name}”")
            return redirect(round_)
    return render(request, "cases/round_form.html", {"form": form, "title": "新建案卷评查",
                                                     "cancel_url": reverse("evaluation_round_list")})


@login_required
def evaluation_round_detail(request, pk):
    round_ = selectors.get_round(request.user, pk)
    return render(request, "cases/round_detail.html", {
        "round": round_, "title": round_.name, **selectors.round_page(round_, request.user),
        "can_score": evaluation.can_evaluate(request.user, round_), "grade_colours": EVALUATION_GRADE_COLOURS})


@login_required
def evaluation_score(request, pk, case_pk):
    round_ = selectors.get_round(request.user, pk)
    case = selectors.get_case(request.user, case_pk)
    if not evaluation.can_evaluate(request.user, round_):
        raise PermissionDenied("案卷评查由组织评查机关的法治工作管理员或审核员办理")
    done = selectors.evaluation_of(round_, case)
    checklist = list(round_.checklist.all())
    form = forms.ScoreForm(request.POST or None, checklist=checklist)
    if request.method == "POST" and done is None and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation.evaluation_score(
                evaluation_round=round_, case=case, actor=request.user, is_typical=data["is_typical"],
                comments=data["comments"], points={i.pk: data[f"points_{i.pk}"] for i in checklist},
                remarks={i.pk: data[f"remark_{i.pk}"] for i in checklist})
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已评分：{case.number}")
            return redirect(round_)
    return render(request, "cases/score.html", {
        "round": round_, "case": case, "form": form, "done": done, "title": f"评查：{case.number}",
        "grade_colours": EVALUATION_GRADE_COLOURS, "log_problems": services.case_log_problems(case, rehash=False)})
