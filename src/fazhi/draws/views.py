"""Pages of 双随机 tasks: the list, the form, the task with its draw and picks, the draw record, and the
steps — each a POST that calls one service, flashes what happened and goes back to the task."""

from __future__ import annotations

import json
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import Action
from fazhi.core.forms import apply_service_errors
from fazhi.core.generic import ObjectListView
from fazhi.core.rules import rule
from fazhi.core.scoping import can

from . import selectors, services
from .choices import DRAW_STATUS_COLOURS, PICK_OUTCOME_COLOURS, TASK_STATE_COLOURS, SampleMode, TaskState
from .filters import DrawTaskFilterSet
from .forms import PickInspectForm, RunForm, TaskForm, UnableForm, VoidForm, task_defaults, task_orgs
from .record import draw_record, record_filename
from .tables import DrawTaskTable


def _messages(error: ValidationError) -> str:
    return "；".join(error.messages)


# ---------------------------------------------------------------- tasks
class DrawTaskListView(ObjectListView):
    table_class = DrawTaskTable
    filterset_class = DrawTaskFilterSet
    template_name = "draws/task_list.html"
    title = "双随机抽查任务"
    add_url_name = "draw_task_add"

    def scoped_queryset(self):
        # Aggregates drop Meta.ordering, so the order is given again.
        return selectors.with_progress(selectors.tasks_visible(self.request.user)).order_by(
            "-year", "-start_date", "-pk")

    def can_add(self):
        return task_orgs(self.request.user).exists()


def _task_fields(data: dict) -> dict:
    return {name: data[name] for name in services.TASK_FIELDS}


@login_required
def task_add(request):
    orgs = task_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied("您无权制定抽查任务")
    today = timezone.localdate()
    initial = {"year": today.year, "team_size": rule("enforcement-min-officers").number,
               **task_defaults(request.user, orgs)}
    form = TaskForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_save(org=data["org"], items=data["items"], actor=request.user, **_task_fields(data))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已创建抽查任务“{task.name}”。下一步：发起抽取，生成随机数承诺")
            return redirect("draw_task_detail", pk=task.pk)
    return render(request, "draws/form.html", {"form": form, "title": "新增抽查任务",
                                               "cancel_url": reverse("draw_task_list")})


@login_required
def task_edit(request, pk):
    task = selectors.get_task(request.user, pk, Action.CHANGE)
    form = TaskForm(request.POST or None, user=request.user, task=task)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.task_save(task=task, org=data["org"], items=data["items"], actor=request.user,
                               **_task_fields(data))
        except ValidationError as error:
            task.refresh_from_db()
            apply_service_errors(form, error)
        else:
            messages.success(request, "已保存")
            return redirect("draw_task_detail", pk=task.pk)
    return render(request, "draws/form.html", {"form": form, "title": f"编辑：{task.name}",
                                               "cancel_url": reverse("draw_task_detail", args=[task.pk])})


@login_required
def task_detail(request, pk):
    task = selectors.get_task(request.user, pk)
    draw = selectors.live_draw(task)
    today = timezone.localdate()
    can_change = can(request.user, Action.CHANGE, task.org)
    publicity_rule = rule(services.PUBLICITY_RULE)
    ratios = services.credit_ratios() if task.mode == SampleMode.CREDIT else None
    progress = selectors.progress(draw)
    return render(request, "draws/task_detail.html", {
        "task": task, "draw": draw, "title": task.name, "can_change": can_change,
        "state": _state(draw, progress), "progress": progress,
        "publicity": selectors.publicity(draw, today), "publicity_rule": publicity_rule,
        "picks": selectors.draw_picks(draw) if draw is not None and draw.is_drawn else [],
        "past_draws": selectors.task_draws(task).exclude(pk=draw.pk if draw else None),
        "ratios": ratios, "items": task.items.order_by("pk"), "today": today,
        "run_form": RunForm(), "void_form": VoidForm(), "unable_form": UnableForm(),
        "state_colours": TASK_STATE_COLOURS, "draw_colours": DRAW_STATUS_COLOURS,
        "outcome_colours": PICK_OUTCOME_COLOURS,
    })


def _state(draw, progress) -> TaskState:
    if draw is None:
        return TaskState.NOT_DRAWN
    if not draw.is_drawn:
        return TaskState(draw.status)
    return TaskState.IN_PROGRESS if progress.pending else TaskState.SETTLED


# ---------------------------------------------------------------- the draw's steps
@login_required
@require_POST
def draw_create(request, pk):
    task = selectors.get_task(request.user, pk, Action.CHANGE)
    try:
        draw = services.draw_create(task=task, actor=request.user)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, f"已生成系统随机数并公布其哈希（承诺值 {draw.commitment[:16]}…）。下一步：锁定名录")
    return redirect("draw_task_detail", pk=task.pk)


@login_required
@require_POST
def draw_fix_pool(request, pk):
    draw = selectors.get_draw(request.user, pk, Action.CHANGE)
    try:
        draw = services.draw_fix_pool(draw=draw, actor=request.user)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, f"名录已锁定：监管对象{draw.pool_entity_count}户、"
                                  f"执法人员{draw.pool_officer_count}人，名录哈希 {draw.pool_hash[:16]}…。"
                                  "下一步：请监督人给出输入后抽取")
    return redirect("draw_task_detail", pk=draw.task_id)


@login_required
@require_POST
def draw_run(request, pk):
    draw = selectors.get_draw(request.user, pk, Action.CHANGE)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, "不能抽取：" + "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("draw_task_detail", pk=draw.task_id)
    try:
        draw = services.draw_run(draw=draw, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, f"已抽取{draw.picks.count()}户监管对象并分派检查组；系统随机数和随机种子已公开，"
                                  "任何人可下载抽取记录核验")
    return redirect("draw_task_detail", pk=draw.task_id)


@login_required
@require_POST
def draw_void(request, pk):
    draw = selectors.get_draw(request.user, pk, Action.CHANGE)
    try:
        services.draw_void(draw=draw, reason=request.POST.get("void_reason", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, "已作废本次抽取，作废原因已记录；可重新发起抽取")
    return redirect("draw_task_detail", pk=draw.task_id)


@login_required
@require_POST
def draw_publish(request, pk):
    draw = selectors.get_draw(request.user, pk, Action.CHANGE)
    try:
        count = services.draw_publish_results(draw=draw, actor=request.user)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, f"已公示{count}户的检查结果")
    return redirect("draw_task_detail", pk=draw.task_id)


@login_required
def draw_detail(request, pk):
    draw = selectors.get_draw(request.user, pk)
    return render(request, "draws/draw_detail.html", {
        "draw": draw, "task": draw.task, "title": f"抽取记录：{draw.task.name}",
        "picks": selectors.draw_picks(draw) if draw.is_drawn else [],
        "loads": selectors.officer_loads(draw) if draw.is_drawn else [],
        "draw_colours": DRAW_STATUS_COLOURS,
    })


@login_required
def draw_record_download(request, pk):
    """The draw record as a JSON file, the same the public portal offers."""
    draw = selectors.get_draw(request.user, pk, with_pool=True)
    body = json.dumps(draw_record(draw), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(record_filename(draw))}"
    return response


# ---------------------------------------------------------------- picks
@login_required
def pick_inspect(request, pk):
    pick = selectors.get_pick(request.user, pk, Action.CHANGE)
    form = PickInspectForm(request.POST or None, request.FILES or None, pick=pick, user=request.user,
                           initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.pick_inspect(pick=pick, actor=request.user, uploads=data.pop("files"), **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已登记对“{pick.entity.name}”的双随机抽查")
            return redirect(reverse("draw_task_detail", args=[pick.draw.task_id]) + f"#pick-{pick.pk}")
    return render(request, "draws/form.html", {
        "form": form, "title": f"登记检查：{pick.entity.name}", "pick": pick, "multipart": True,
        "cancel_url": reverse("draw_task_detail", args=[pick.draw.task_id]) + f"#pick-{pick.pk}"})


@login_required
@require_POST
def pick_unable(request, pk):
    pick = selectors.get_pick(request.user, pk, Action.CHANGE)
    try:
        services.pick_unable(pick=pick, reason=request.POST.get("unable_reason", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, _messages(error))
    else:
        messages.success(request, f"已登记“{pick.entity.name}”无法检查")
    return redirect(reverse("draw_task_detail", args=[pick.draw.task_id]) + f"#pick-{pick.pk}")
