"""Pages of the annual report: the list, drafting, the draft with its linked numbers, editing a paragraph,
sign-off, filing, publishing, downloads, versions and where a number comes from."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import Action
from fazhi.core.forms import apply_service_errors
from fazhi.core.models import Org
from fazhi.core.params import year_param
from fazhi.core.scoping import can
from fazhi.core.selectors import get_visible, history_entries
from fazhi.indicators.registry import Period, Scope, commissions_of, get, value, values

from . import output, selectors, services
from .choices import Part
from .forms import FilingForm, NewParagraphForm, ParagraphForm, ReportForm, SettingsForm
from .models import AnnualReport, Paragraph
from .outline import outline


def _refused(request, report, form):
    """A side form of the report page (settings, filing) that did not validate: its messages on the page."""
    for problems in form.errors.values():
        for problem in problems:
            messages.error(request, problem)
    return redirect(report)


def _flash(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def report_list(request):
    reports = selectors.reports_visible(request.user).order_by("-year", "org__path")
    return render(request, "reports/report_list.html", {
        "title": "法治政府建设年度报告", "reports": reports,
        "can_add": selectors.writable_commissions(request.user).exists()})


@login_required
def report_create(request):
    orgs = selectors.writable_commissions(request.user)
    if not orgs.exists():
        raise PermissionDenied("年度报告由卫生健康委（局）的法治工作管理员起草")
    form = ReportForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(org=data["org"], year=data["year"], actor=request.user,
                                            coverage=data["coverage"], approximate=data["approximate"],
                                            compare_last_year=data["compare_last_year"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "已根据本年度记录生成报告初稿，请逐段审阅修改")
            return redirect(report)
    return render(request, "core/form.html", {"title": "起草年度报告", "form": form,
                                              "cancel_url": "/reports/"})


@login_required
def report_detail(request, pk):
    report = selectors.get_report(request.user, pk)
    paragraphs = list(report.paragraphs.all())
    editable = report.is_editable and can(request.user, Action.CHANGE, report.org)
    return render(request, "reports/report_detail.html", {
        "title": report.title, "report": report, "blocks": outline(report, paragraphs),
        "views": selectors.paragraph_views(report, paragraphs), "editable": editable,
        "can_change": can(request.user, Action.CHANGE, report.org),
        "can_sign": services.may_sign(request.user, report),
        "prompts": selectors.prompts(report, timezone.localdate()) if editable else None,
        "dues": selectors.due_dates(report), "parts": [c for c in Part.choices if c[0] != Part.INTRO],
        "settings_form": SettingsForm(initial={"coverage": report.coverage, "approximate": report.approximate,
                                               "compare_last_year": report.compare_last_year}),
        "filing_form": FilingForm(initial={"filed_on": timezone.localdate()}),
        "pdf": output.libreoffice() is not None})


def _paragraph(request, pk, paragraph_pk) -> Paragraph:
    report = selectors.get_report(request.user, pk, Action.CHANGE)
    return get_object_or_404(Paragraph.objects.select_related("report__org"), pk=paragraph_pk, report=report)


@login_required
def paragraph_edit(request, pk, paragraph_pk):
    paragraph = _paragraph(request, pk, paragraph_pk)
    form = ParagraphForm(request.POST or None, initial={"text": paragraph.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.paragraph_save(paragraph=paragraph, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect(f"{paragraph.report.get_absolute_url()}#p{paragraph.pk}")
    return render(request, "reports/paragraph_form.html", {
        "title": "修改段落", "form": form, "paragraph": paragraph, "report": paragraph.report})


@login_required
def paragraph_add(request, pk):
    report = selectors.get_report(request.user, pk, Action.CHANGE)
    form = NewParagraphForm(request.POST or None, initial={"part": request.GET.get("part", Part.SHORTCOMINGS)})
    if request.method == "POST" and form.is_valid():
        try:
            paragraph = services.paragraph_add(report=report, actor=request.user, part=form.cleaned_data["part"],
                                               text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect(f"{report.get_absolute_url()}#p{paragraph.pk}")
    return render(request, "reports/paragraph_form.html", {"title": "添加段落", "form": form, "report": report,
                                                            "prompts": selectors.prompts(report, timezone.localdate())})


def _act(request, report, action, done: str, **kwargs):
    try:
        action(report=report, actor=request.user, **kwargs)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, done)
    return redirect(report)


@login_required
@require_POST
def paragraph_remove(request, pk, paragraph_pk):
    paragraph = _paragraph(request, pk, paragraph_pk)
    try:
        services.paragraph_remove(paragraph=paragraph, actor=request.user)
    except ValidationError as error:
        _flash(request, error)
    return redirect(paragraph.report)


@login_required
@require_POST
def paragraph_refresh(request, pk, paragraph_pk):
    paragraph = _paragraph(request, pk, paragraph_pk)
    try:
        services.paragraph_refresh(paragraph=paragraph, actor=request.user)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, "已按最新记录重新生成该段")
    return redirect(f"{paragraph.report.get_absolute_url()}#p{paragraph.pk}")


@login_required
@require_POST
def report_redraft(request, pk):
    report = selectors.get_report(request.user, pk, Action.CHANGE)
    return _act(request, report, services.report_redraft,
                "已按最新记录更新未修改的段落；修改过的段落保留原文，变化的数字已标出")


@login_required
@require_POST
def report_settings(request, pk):
    report = selectors.get_report(request.user, pk, Action.CHANGE)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, form)
    return _act(request, report, services.report_settings, "已按新的写法重新生成未修改的段落", **form.cleaned_data)


@login_required
@require_POST
def report_status(request, pk, action):
    actions = {"sign": (services.report_sign, "报告已签发"), "unsign": (services.report_unsign, "已撤回签发"),
               "publish": (services.report_publish, "报告已在公开门户发布"),
               "withdraw": (services.report_withdraw, "报告已从公开门户撤下")}
    if action not in actions:
        raise Http404("没有这个操作")
    report = selectors.get_report(request.user, pk)
    service, done = actions[action]
    return _act(request, report, service, done)


@login_required
@require_POST
def report_file(request, pk):
    report = selectors.get_report(request.user, pk, Action.CHANGE)
    form = FilingForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, form)
    return _act(request, report, services.report_file, "已登记报送", on=form.cleaned_data["filed_on"],
                to=form.cleaned_data["filed_to"])


@login_required
def report_download(request, pk, fmt):
    report = selectors.get_report(request.user, pk)
    if fmt not in output.FORMATS:
        raise Http404("没有这种格式")
    try:
        content = output.render(report, fmt)
    except output.OutputUnavailable as error:
        # Back on the report page with the reason, not a bare error page.
        messages.error(request, str(error))
        return redirect(report)
    response = HttpResponse(content, content_type=output.FORMATS[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(output.filename(report, fmt))}"
    return response


@login_required
def report_history(request, pk):
    report = selectors.get_report(request.user, pk)
    history = Paragraph.history.filter(report_id=report.pk).select_related("history_user").order_by("-history_date")
    return render(request, "reports/report_history.html", {
        "title": "修改记录", "report": report, "entries": history[:300],
        "report_entries": _in_words(history_entries(report))})


def _in_words(rows: list[dict]) -> list[dict]:
    """The report's changes as the page shows them: each field by its Chinese name, a status by its label."""
    fields = {f.name: f for f in AnnualReport._meta.fields}
    for row in rows:
        row["changes"] = [(fields[name].verbose_name if name in fields else name, _shown(fields.get(name), before),
                           _shown(fields.get(name), after)) for name, before, after in row["changes"]]
    return rows


def _shown(field, value):
    if isinstance(value, bool):
        return "是" if value else "否"
    if field is not None and field.choices and value is not None:
        return dict(field.flatchoices).get(value, value)
    return value


@login_required
def figure(request):
    """Where a report's number comes from: the indicator, its value for the scope and year, each
    commission's share, and the records behind it."""
    try:
        indicator = get(request.GET.get("code", ""))
    except KeyError:
        raise Http404("没有这个指标")
    org = get_visible(Org.objects.all(), request.user, request.GET.get("org") or 0)
    year = year_param(request.GET)
    period = Period.year(year)
    commissions = commissions_of(org)
    records = indicator.records(Scope(org.path), period) if indicator.records else None
    split = values([indicator.code], org, period, by="org", among=commissions)[indicator.code]
    return render(request, "reports/figure.html", {
        "title": indicator.name, "indicator": indicator, "org": org, "year": year,
        "value": value(indicator.code, org, period), "last": value(indicator.code, org, Period.year(year - 1)),
        "rows": [(c, split[c]) for c in commissions] if len(commissions) > 1 else [],
        "records": records[:200] if records is not None else None,
        "record_count": records.count() if records is not None else None})
