"""Pages of plans and tasks: import with preview, targets, bulk assignment, issue, progress reports
and their review, the ledger in Excel, and the overview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import TABLER_HEX
from fazhi.core.generic import ObjectListView, xlsx_response
from fazhi.core.templatetags.fazhi import figure

from . import ledger, selectors, services, stored
from .choices import PLAN_STATUS_COLOURS, REPORT_STATUS_COLOURS, TASK_STATUS_COLOURS
from .events import describe
from .filters import PlanFilterSet, TaskFilterSet
from .forms import (
    AssignFormSet,
    LedgerImportForm,
    NewTargetForm,
    PlanImportForm,
    PlanSettingsForm,
    ReportForm,
    ReviewForm,
    TargetForm,
    TaskForm,
    TickForm,
)
from .parsing import Role, parse
from .periods import label, task_spans
from .tables import PlanTable, TaskTable


def _require_office(user, plan):
    if not selectors.can_manage_plan(user, plan):
        raise PermissionDenied("只有本委法治工作管理员可以执行此操作")


def _errors(error: ValidationError) -> list[str]:
    return error.messages


# ---------------------------------------------------------------- plans
class PlanListView(ObjectListView):
    table_class = PlanTable
    filterset_class = PlanFilterSet
    title = "工作要点"
    add_url_name = "plan_import"

    def scoped_queryset(self):
        # An aggregate drops Meta.ordering, so the order is given again.
        return selectors.plans_visible(self.request.user).annotate(
            task_count=Count("tasks", filter=Q(tasks__deleted_at__isnull=True))).order_by("-year", "org__path", "title")

    def can_add(self):
        return selectors.office_orgs(self.request.user).exists()


@login_required
def plan_import(request):
    """Step 1: a file or pasted text. Step 2: the parsed structure beside the source, each paragraph's
    role correctable (htmx re-assembles on change). Step 3: save as a draft."""
    orgs = selectors.office_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("只有法治工作管理员可以导入工作要点")
    step = request.POST.get("step")
    if step in ("preview", "save"):
        return _import_preview(request, orgs, save=step == "save")
    commission = request.user.org.commission() if request.user.org_id else None
    form = PlanImportForm(request.POST or None, request.FILES or None, orgs=orgs,
                          initial={"org": commission.pk if commission else None, "year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parsed = parse(data["text"])
        year = services.year_in(parsed.title) or data["year"]
        return _preview_page(request, data["org"], year, data["title"] or parsed.title, data["text"],
                             form.source_name, parsed)
    return render(request, "plans/import.html", {"form": form, "title": "导入工作要点", "multipart": True,
                                                 "cancel_url": reverse("plan_list")})


def _preview_page(request, org, year, title, text, source_name, parsed, errors=()):
    return render(request, "plans/import_preview.html", {
        "title": "核对识别结果", "org": org, "year": year, "plan_title": title, "text": text,
        "source_name": source_name, "parsed": parsed, "rows": list(zip(parsed.paragraphs, parsed.roles, strict=True)),
        "role_choices": Role.CHOICES, "errors": errors,
    })


def _import_preview(request, orgs, *, save: bool):
    try:
        org = orgs.get(pk=request.POST.get("org"))
    except (ValueError, orgs.model.DoesNotExist):
        raise PermissionDenied("无权为该单位导入工作要点")
    text, title = request.POST.get("text", ""), request.POST.get("plan_title", "").strip()
    roles = request.POST.getlist("role")
    parsed = parse(text, roles)
    if request.headers.get("HX-Request"):
        return render(request, "plans/_parsed.html", {"parsed": parsed})
    year = request.POST.get("year", "")
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        return _preview_page(request, org, year, title, text, request.POST.get("source_name", ""), parsed,
                             ["年度须为2000至2100之间的四位数字"])
    year = int(year)
    if save:
        try:
            plan = services.plan_import(org=org, year=year, text=text, roles=roles, title=title,
                                        source_name=request.POST.get("source_name", ""), actor=request.user)
        except ValidationError as error:
            return _preview_page(request, org, year, title, text, request.POST.get("source_name", ""), parsed,
                                 _errors(error))
        messages.success(request, f"已导入“{plan.title}”：{plan.sections.count()}个部分、{plan.tasks.count()}项任务。"
                                  "请确认量化目标、分工后下达。")
        return redirect("plan_detail", pk=plan.pk)
    return _preview_page(request, org, year, title, text, request.POST.get("source_name", ""), parsed)


@login_required
def plan_detail(request, pk):
    plan = selectors.get_plan(request.user, pk)
    sections = selectors.plan_sections(plan, request.user, timezone.localdate())
    office = selectors.can_manage_plan(request.user, plan)
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "sections": sections, "office": office,
        "unconfirmed": selectors.plan_targets(plan).filter(confirmed=False).count(),
        "no_lead": sum(1 for s in sections for task, *_ in s["rows"] if task.lead_id is None),
        "status_colours": TASK_STATUS_COLOURS,
        "plan_colour": PLAN_STATUS_COLOURS[plan.status], "next_year": plan.year + 1,
        "ledger_reader": selectors.can_read_ledger(request.user, plan),
    })


@login_required
def plan_edit(request, pk):
    plan = selectors.get_plan(request.user, pk)
    _require_office(request.user, plan)
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user,
                                 **{k: form.cleaned_data[k] for k in form.changed_data})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存")
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "core/form.html", {"form": form, "title": f"设置：{plan.title}",
                                              "cancel_url": reverse("plan_detail", args=[pk])})


@login_required
def plan_targets(request, pk):
    """Every target of the plan on one page: the office confirms, edits, maps or deletes each."""
    plan = selectors.get_plan(request.user, pk)
    _require_office(request.user, plan)
    targets = selectors.plan_targets(plan).select_related("task")
    forms = [TargetForm(request.POST or None, instance=t, prefix=f"t{t.pk}") for t in targets]
    new = NewTargetForm(request.POST or None, prefix="new", tasks=plan.tasks.all())
    if request.method == "POST":
        deleted = {int(pk) for pk in request.POST.getlist("delete") if pk.isdigit()}
        if all(f.is_valid() or f.instance.pk in deleted for f in forms) and new.is_valid():
            with transaction.atomic():
                for form in forms:
                    if form.instance.pk in deleted:
                        services.target_delete(target=form.instance, actor=request.user)
                    elif form.has_changed():
                        services.target_save(target=form.instance, actor=request.user, **form.cleaned_data)
                if new.has_changed():
                    services.target_save(actor=request.user, **new.cleaned_data)
            messages.success(request, "已保存量化目标")
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "plans/targets.html", {"plan": plan, "forms": forms, "new": new, "title": "确认量化目标",
                                                  "deleted": set(request.POST.getlist("delete"))})


@login_required
def plan_assign(request, pk):
    """Bulk assignment: every task's lead, co-units, leader, deadline and cadence on one screen."""
    plan = selectors.get_plan(request.user, pk)
    _require_office(request.user, plan)
    tasks = {t.pk: t for t in selectors.plan_tasks(plan)}
    orgs, leaders = selectors.plan_candidates(plan), selectors.plan_leaders(plan)
    initial = [{"task": t.pk, "lead": t.lead_id, "co_units": [o.pk for o in t.co_units.all()],
                "leader": t.leader_id, "due_date": t.due_date, "cadence": t.cadence} for t in tasks.values()]
    formset = AssignFormSet(request.POST or None, initial=initial, orgs=orgs, leaders=leaders)
    if request.method == "POST" and formset.is_valid():
        posted = [form.cleaned_data.get("task") for form in formset.forms]
        if sorted(posted, key=str) != sorted(tasks, key=str):  # rows are tied to tasks by id, never by position
            messages.error(request, "任务列表已有变化（其间有任务被增删），请刷新页面后重新分工；本次未保存")
        else:
            rows = [{**form.cleaned_data, "task": tasks[form.cleaned_data["task"]]} for form in formset.forms
                    if form.has_changed()]
            try:
                changed = services.tasks_assign(plan=plan, rows=rows, actor=request.user)
            except ValidationError as error:
                messages.error(request, "；".join(_errors(error)))
            else:
                messages.success(request, f"已保存分工，{changed}项任务有调整")
                return redirect("plan_detail", pk=plan.pk)
    rows = [(tasks.get(_int(form["task"].value())), form) for form in formset.forms]
    return render(request, "plans/assign.html", {"plan": plan, "title": "任务分工", "formset": formset,
                                                 "rows": [(task, form) for task, form in rows if task is not None]})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def plan_issue(request, pk):
    plan = selectors.get_plan(request.user, pk)
    try:
        services.plan_issue(plan=plan, actor=request.user)
        messages.success(request, "已下达：各牵头单位现在可以看到任务并报送进展")
    except ValidationError as error:
        messages.error(request, "不能下达：" + "；".join(_errors(error)))
    return redirect("plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_copy(request, pk):
    plan = selectors.get_plan(request.user, pk)
    try:
        copy = services.plan_copy(plan=plan, year=plan.year + 1, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(_errors(error)))
        return redirect("plan_detail", pk=plan.pk)
    messages.success(request, f"已复制为{copy.year}年草稿，请按新一年的工作修改后下达")
    return redirect("plan_detail", pk=copy.pk)


@login_required
@require_POST
def plan_delete(request, pk):
    plan = selectors.get_plan(request.user, pk)
    services.plan_delete(plan=plan, actor=request.user)
    messages.success(request, f"已删除“{plan.title}”，系统管理员可在回收站恢复")
    return redirect("plan_list")


@login_required
def plan_overview(request, pk):
    plan = selectors.get_plan(request.user, pk)
    _require_ledger_reader(request.user, plan)
    data = selectors.overview(plan, timezone.localdate())
    colours = [TABLER_HEX[TASK_STATUS_COLOURS[code]] for code, _ in data["statuses"]]  # as the badges

    def stacked(rows):
        return {"labels": [row["name"] for row in rows],
                "series": [{"name": name, "colour": colours[i], "values": [row["counts"][i] for row in rows]}
                           for i, (_, name) in enumerate(data["statuses"])]}

    charts = {"by_section": stacked(data["by_section"]), "by_lead": stacked(data["by_lead"]),
              "totals": [{"name": name, "value": count, "colour": colours[i]}
                         for i, (_, name, count) in enumerate(data["status_totals"])]}
    return render(request, "plans/overview.html", {"plan": plan, "title": f"{plan.title} · 完成情况", **data,
                                                   "charts": charts, "status_colours": TASK_STATUS_COLOURS})


def _require_ledger_reader(user, plan):
    if not selectors.can_read_ledger(user, plan):
        raise PermissionDenied("任务台账和完成情况总览供法治工作管理员和领导查看")


# ---------------------------------------------------------------- ledger
@login_required
def ledger_export(request, pk):
    plan = selectors.get_plan(request.user, pk)
    _require_ledger_reader(request.user, plan)
    per_section = request.GET.get("layout", "sections") != "single"
    content = ledger.export(plan, timezone.localdate(), user=request.user, per_section=per_section)
    return xlsx_response(content, f"{plan.title}任务台账.xlsx")


@login_required
def ledger_import(request, pk):
    plan = selectors.get_plan(request.user, pk)
    _require_office(request.user, plan)
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = ledger.import_ledger(plan=plan, data=form.cleaned_data["file"].read(), actor=request.user,
                                          today=timezone.localdate())
        except ValidationError as error:
            problems = _errors(error)
        else:
            messages.success(request, f"已导入台账：{counts['tasks']}项任务的分工有调整，新增{counts['reports']}条进展")
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "plans/ledger_import.html", {"plan": plan, "form": form, "problems": problems,
                                                        "title": "导入任务台账"})


# ---------------------------------------------------------------- tasks
class TaskListView(ObjectListView):
    """A unit's own tasks (and, for the office, the commission's), with the computed status."""

    table_class = TaskTable
    filterset_class = TaskFilterSet
    title = "工作任务"

    def scoped_queryset(self):
        return selectors.tasks_visible(self.request.user).order_by("-plan__year", "plan_id", "seq")

    def get_queryset(self):
        # Statuses current for today before the filter, the sort and the page read them in the database.
        return stored.current(super().get_queryset(), timezone.localdate())

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        # The progress columns need each row's full state: counted for the rows of this page only.
        shown = table.page.object_list if hasattr(table, "page") else table.rows
        selectors.tasks_in_state([row.record for row in shown], timezone.localdate())
        return table

    def export_table(self):
        rows = selectors.tasks_in_state(self.get_table_data(), timezone.localdate())
        return self.get_table_class()(rows)


@login_required
def task_detail(request, pk):
    task = selectors.get_task(request.user, pk)
    today = timezone.localdate()
    detail = selectors.task_detail(task, today)
    reports, targets = [r.pk for r in detail["reports"]], [t.target.pk for t in detail["state"].targets]
    files = selectors.linked_files(request.user, reports=reports, targets=targets)
    office = selectors.can_manage_plan(request.user, task.plan)
    return render(request, "plans/task_detail.html", {
        "task": task, **detail, "office": office, "can_report": selectors.can_report(request.user, task),
        "report_files": {pk: files[("report", pk)] for pk in reports},
        "target_files": {pk: files[("target", pk)] for pk in targets},
        "timeline": [(e, describe(e)) for e in detail["events"]], "status_colours": TASK_STATUS_COLOURS,
        "report_colours": REPORT_STATUS_COLOURS,
    })


@login_required
def task_edit(request, pk):
    task = selectors.get_task(request.user, pk)
    _require_office(request.user, task.plan)
    form = TaskForm(request.POST or None, orgs=selectors.plan_candidates(task.plan),
                    leaders=selectors.plan_leaders(task.plan),
                    initial={"title": task.title, "measures": task.measures, "lead": task.lead_id,
                             "co_units": [o.pk for o in task.co_units.all()], "leader": task.leader_id,
                             "due_date": task.due_date, "cadence": task.cadence})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_assign(task=task, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "已保存任务")
            return redirect("task_detail", pk=task.pk)
    return render(request, "core/form.html", {"form": form, "title": f"编辑任务：{task.number}{task.title}",
                                              "cancel_url": reverse("task_detail", args=[pk])})


@login_required
@require_POST
def task_delete(request, pk):
    task = selectors.get_task(request.user, pk)
    try:
        services.task_delete(task=task, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(_errors(error)))
        return redirect("task_detail", pk=task.pk)
    messages.success(request, f"已删除任务“{task.title}”，系统管理员可在回收站恢复")
    return redirect("plan_detail", pk=task.plan_id)


def _report_periods(task):
    """The periods a report may cover, with their labels."""
    return [(start, end, label(start, end)) for start, end in task_spans(task.plan.year, task.cadence, task.due_date)]


def _linkable_records(user, task):
    """Recent records of the task's units and commission that can show the work, grouped by type."""
    groups = []
    for model in services.linkable_models():
        rows = (model.objects.visible_to(user).filter(org__path__startswith=task.plan.org.path)
                .order_by("-created_at")[:50])
        ct = ContentType.objects.get_for_model(model)
        choices = [(f"{ct.pk}:{r.pk}", str(r)) for r in rows]
        if choices:
            groups.append((model._meta.verbose_name, choices))
    return groups


@login_required
def report_new(request, pk):
    task = selectors.get_task(request.user, pk)
    if not selectors.can_report(request.user, task):
        raise PermissionDenied("只有牵头单位可以报送该任务的进展")
    spans = _report_periods(task)
    state = selectors.task_detail(task, timezone.localdate())["state"]
    slot = state.next_slot or state.overdue_slot
    initial = f"{slot.start:%Y-%m-%d}|{slot.end:%Y-%m-%d}" if slot else None
    form = ReportForm(request.POST or None, request.FILES or None, periods=spans,
                      records=_linkable_records(request.user, task), initial={"period": initial})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            links = [services.resolve_link(actor=request.user, content_type_id=ct, object_id=pk)
                     for ct, _, pk in (value.partition(":") for value in data["links"])]
            services.report_submit(task=task, period_start=data["period"][0], period_end=data["period"][1],
                                   text=data["text"], completes_task=data["completes_task"], links=links,
                                   uploads=data["files"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "已报送，等待法治工作管理员审核")
            return redirect("task_detail", pk=task.pk)
    return render(request, "core/form.html", {"form": form, "title": f"报送进展：{task.number}{task.title}",
                                              "multipart": True, "cancel_url": reverse("task_detail", args=[pk])})


@login_required
@require_POST
def report_review(request, pk):
    report = selectors.get_report(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审核参数无效")
    else:
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.report_review(report=report, accept=accept, comment=form.cleaned_data["comment"],
                                   actor=request.user)
        except ValidationError as error:
            messages.error(request, "；".join(_errors(error)))
        else:
            messages.success(request, "已采纳该进展" if accept else "已退回，牵头单位将收到意见")
    return redirect(reverse("task_detail", args=[report.task_id]) + f"#report-{report.pk}")


@login_required
def target_tick(request, pk):
    target = selectors.get_target(request.user, pk)
    task = selectors.get_task(request.user, target.task_id)
    if not selectors.can_report(request.user, task):
        raise PermissionDenied("只有牵头单位可以填报目标完成情况")
    form = TickForm(request.POST or None, request.FILES or None,
                    initial={"value": figure(target.manual_value) if target.manual_value is not None else None,
                             "note": target.manual_note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_tick(target=target, value=data["value"], note=data["note"], uploads=data["files"],
                                 actor=request.user)
        except ValidationError as error:
            for field, messages_ in getattr(error, "message_dict", {"__all__": error.messages}).items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, "已填报目标完成情况")
            return redirect("task_detail", pk=task.pk)
    return render(request, "core/form.html", {"form": form, "title": f"填报目标完成情况：{target}", "multipart": True,
                                              "cancel_url": reverse("task_detail", args=[task.pk])})
