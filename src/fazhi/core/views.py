"""Pages of the spine: orgs, users, time limits, calendar, evidence, history, trash."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import deadlines, selectors, services
from .choices import NOTIFICATION_COLOURS, Action, OrgKind
from .filters import EvidenceFileFilterSet, LegalTimeLimitFilterSet, OrgFilterSet, UserFilterSet
from .forms import DueDateForm, EvidenceUploadForm, LegalTimeLimitForm, OrgForm, ScheduleImportForm, UserForm
from .generic import ObjectDetailView, ObjectListView
from .models import EvidenceFile, LegalTimeLimit, Org, User
from .params import year_param
from .scoping import can, can_edit_reference, is_sysadmin
from .tables import EvidenceFileTable, LegalTimeLimitTable, OrgTable, UserTable


# ---------------------------------------------------------------- orgs
class OrgListView(ObjectListView):
    table_class = OrgTable
    filterset_class = OrgFilterSet
    title = "机构"
    add_url_name = "org_add"

    def scoped_queryset(self):
        return selectors.orgs_visible(self.request.user).select_related("parent")

    def can_add(self):
        return is_sysadmin(self.request.user)


class OrgDetailView(ObjectDetailView):
    model = Org
    template_name = "core/org_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        context["children"] = org.children.all()
        context["users"] = org.users.prefetch_related("roles").filter(is_active=True)
        context["can_edit"] = is_sysadmin(self.request.user) and can(self.request.user, Action.CHANGE, org)
        return context


@login_required
def org_edit(request, pk=None):
    if not is_sysadmin(request.user):
        raise PermissionDenied("只有系统管理员可以维护机构")
    org = selectors.get_visible(Org.objects.all(), request.user, pk, Action.CHANGE) if pk else None
    parents = selectors.orgs_visible(request.user, Action.CHANGE)
    form = OrgForm(request.POST or None, instance=org, parents=parents)
    if request.method == "POST" and form.is_valid():
        if org is None:
            data = form.cleaned_data
            try:
                org = services.org_create(parent=data["parent"], kind=data["kind"], level=data["level"],
                                          name=data["name"], short_name=data["short_name"], code=data["code"],
                                          sort_order=data["sort_order"], actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
        else:
            org = form.save()
        if not form.errors:
            messages.success(request, f"已保存机构“{org.name}”")
            return redirect("org_detail", pk=org.pk)
    return render(request, "core/form.html", {"form": form, "title": "编辑机构" if org else "新建机构",
                                              "cancel_url": reverse("org_list")})


# ---------------------------------------------------------------- users
class UserListView(ObjectListView):
    table_class = UserTable
    filterset_class = UserFilterSet
    title = "用户"
    add_url_name = "user_add"

    def scoped_queryset(self):
        return selectors.users_visible(self.request.user).distinct()

    def can_add(self):
        return is_sysadmin(self.request.user)


class UserDetailView(ObjectDetailView):
    model = User
    template_name = "core/user_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = is_sysadmin(self.request.user) and can(self.request.user, Action.CHANGE,
                                                                    self.object.org)
        return context


@login_required
def user_edit(request, pk=None):
    if not is_sysadmin(request.user):
        raise PermissionDenied("只有系统管理员可以维护用户")
    people = User.objects.all() if request.user.is_superuser else User.objects.filter(is_superuser=False)
    person = selectors.get_visible(people, request.user, pk, Action.CHANGE) if pk else None
    form = UserForm(request.POST or None, instance=person,
                    orgs=selectors.orgs_visible(request.user, Action.CHANGE).exclude(kind=OrgKind.REGION))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = form.save()
        messages.success(request, f"已保存用户“{person}”")
        return redirect("user_detail", pk=person.pk)
    return render(request, "core/form.html", {"form": form, "title": "编辑用户" if person else "新建用户",
                                              "cancel_url": reverse("user_list")})


# ---------------------------------------------------------------- legal time limits
class LegalTimeLimitListView(ObjectListView):
    table_class = LegalTimeLimitTable
    filterset_class = LegalTimeLimitFilterSet
    title = "法定时限与限额"
    paginate_by = 50

    def scoped_queryset(self):
        # Reference data of the deployment: the same law for every org.
        return LegalTimeLimit.objects.all()


class LegalTimeLimitDetailView(ObjectDetailView):
    model = LegalTimeLimit
    template_name = "core/time_limit_detail.html"
    context_object_name = "limit"

    def get_object(self, queryset=None):
        try:
            return LegalTimeLimit.objects.get(pk=self.kwargs["pk"])
        except LegalTimeLimit.DoesNotExist:
            raise Http404("法定时限不存在")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        if not self.object.is_threshold:
            context["example"] = deadlines.due_for(self.object.code, today)
        context["today"] = today
        context["can_edit"] = can_edit_reference(self.request.user)
        return context


@login_required
def time_limit_edit(request, pk):
    if not can_edit_reference(request.user):
        raise PermissionDenied("法定时限由本系统最上级的系统管理员维护")
    try:
        limit = LegalTimeLimit.objects.get(pk=pk)
    except LegalTimeLimit.DoesNotExist:
        raise Http404("法定时限不存在")
    form = LegalTimeLimitForm(request.POST or None, instance=limit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"已保存“{limit.name}”，变更已记入历史")
        return redirect("time_limit_detail", pk=limit.pk)
    return render(request, "core/form.html", {"form": form, "title": f"修改法定时限：{limit.name}",
                                              "cancel_url": reverse("time_limit_detail", args=[pk])})


# ---------------------------------------------------------------- calendar
@login_required
def calendar_year(request):
    today = timezone.localdate()
    year = min(max(year_param(request.GET), 2004), 2100)
    context = {
        **selectors.calendar_year(year),
        "years": range(today.year - 2, today.year + 3), "form": DueDateForm(initial={"start": today}),
        "is_admin": can_edit_reference(request.user),
    }
    return render(request, "core/calendar.html", context)


@login_required
def calendar_import(request):
    if not can_edit_reference(request.user):
        raise PermissionDenied("节假日安排由本系统最上级的系统管理员录入")
    form = ScheduleImportForm(request.POST or None, request.FILES or None,
                              initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule = services.holiday_schedule_import(year=data["year"], source=data["source"],
                                                        text=data["text"], actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error("text", message)
        else:
            messages.success(request, f"已录入{schedule.year}年节假日安排，共{schedule.days.count()}天")
            return redirect(f"{reverse('calendar')}?year={schedule.year}")
    return render(request, "core/form.html", {"form": form, "title": "录入节假日安排",
                                              "cancel_url": reverse("calendar"), "multipart": True})


@login_required
@require_POST
def calendar_from_package(request, year):
    if not can_edit_reference(request.user):
        raise PermissionDenied("节假日安排由本系统最上级的系统管理员录入")
    try:
        services.holiday_schedule_from_package(year=year, actor=request.user)
        messages.success(request, f"已将数据包中的{year}年安排复制为可编辑的安排")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect(f"{reverse('calendar')}?year={year}")


@login_required
def due_date(request):
    """The due-date calculator (an htmx partial on the calendar page)."""
    form = DueDateForm(request.GET or None)
    result = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["limit"]:
                result = deadlines.due_for(data["limit"].code, data["start"])
            else:
                result = deadlines.due(data["start"], data["number"], data["unit"])
        except (ValueError, OverflowError):
            form.add_error(None, "日期超出可计算范围")
    return render(request, "core/_due_result.html", {"form": form, "result": result})


# ---------------------------------------------------------------- evidence files
class EvidenceListView(ObjectListView):
    table_class = EvidenceFileTable
    filterset_class = EvidenceFileFilterSet
    title = "佐证材料"
    add_url_name = "evidence_upload"

    def scoped_queryset(self):
        return EvidenceFile.objects.visible_to(self.request.user).select_related("org", "created_by")

    def can_add(self):
        return selectors.orgs_visible(self.request.user, Action.CHANGE).exists()


class EvidenceDetailView(ObjectDetailView):
    model = EvidenceFile
    template_name = "core/evidence_detail.html"
    context_object_name = "evidence"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = can(self.request.user, Action.CHANGE, self.object.org)
        return context


@login_required
def evidence_upload(request):
    orgs = selectors.orgs_visible(request.user, Action.CHANGE).exclude(kind=OrgKind.REGION)
    if not orgs.exists():
        raise PermissionDenied("您没有可上传材料的机构")
    form = EvidenceUploadForm(request.POST or None, request.FILES or None, orgs=orgs,
                              initial={"org": request.user.org_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence = services.evidence_upload(org=data["org"], uploaded=data["file"], title=data["title"],
                                                description=data["description"], actor=request.user)
        except ValidationError as error:
            # File checks belong beside the file field; anything else above the form.
            form.add_error(None if hasattr(error, "error_dict") else "file", error.messages)
        else:
            messages.success(request, f"已上传“{evidence.title}”，SHA-256 已登记")
            return redirect("evidence_detail", pk=evidence.pk)
    return render(request, "core/form.html", {"form": form, "title": "上传佐证材料", "multipart": True,
                                              "cancel_url": reverse("evidence_list")})


@login_required
def evidence_download(request, pk):
    evidence = selectors.get_visible(EvidenceFile.objects.all(), request.user, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("文件已不在存储中")
    response = FileResponse(handle, content_type=evidence.mime_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(evidence.original_name)}"
    return response


@login_required
@require_POST
def evidence_verify(request, pk):
    evidence = selectors.get_visible(EvidenceFile.objects.all(), request.user, pk, Action.CHANGE)
    status = services.evidence_verify(evidence=evidence)
    if status == "ok":
        messages.success(request, "校验通过：文件内容与登记的 SHA-256 一致")
    else:
        messages.error(request, f"校验未通过：{evidence.get_integrity_display()}")
    return redirect("evidence_detail", pk=pk)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = selectors.get_visible(EvidenceFile.objects.all(), request.user, pk, Action.CHANGE)
    try:
        services.record_delete(record=evidence, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("evidence_detail", pk=pk)
    messages.success(request, f"已删除“{evidence.title}”，系统管理员可在回收站恢复")
    return redirect("evidence_list")


# ---------------------------------------------------------------- notifications
@login_required
def notification_list(request):
    rows = request.user.notifications.all()[:200]
    return render(request, "core/notifications.html", {"rows": rows, "title": "消息提醒",
                                                       "colours": NOTIFICATION_COLOURS})


@login_required
def notification_open(request, pk):
    """Mark one message read and go where it points."""
    notification = get_object_or_404(request.user.notifications, pk=pk)
    services.notifications_read(user=request.user, pks=[notification.pk])
    return redirect(notification.url or "notification_list")


@login_required
@require_POST
def notifications_read(request):
    count = services.notifications_read(user=request.user)
    messages.success(request, f"已将{count}条消息标为已读")
    return redirect("notification_list")


# ---------------------------------------------------------------- API documentation
METHOD_LABELS = {"get": "读取", "post": "新增/操作", "put": "修改", "patch": "部分修改", "delete": "删除"}


@login_required
def api_docs(request):
    """The API's endpoints in Chinese, generated from the same OpenAPI schema integrators download."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = [
        {"path": path, "method": method.upper(), "action": METHOD_LABELS.get(method, method),
         "summary": (operation.get("description") or "").strip().splitlines()[0:1]}
        for path, operations in schema["paths"].items() for method, operation in operations.items()
    ]
    return render(request, "core/api_docs.html", {"endpoints": endpoints, "title": "接口文档"})


# ---------------------------------------------------------------- history and trash
@login_required
def history(request, content_type_id, pk):
    record = selectors.history_target(request.user, content_type_id, pk)
    entries = selectors.history_entries(record)
    fields = {f.name: f.verbose_name for f in record._meta.fields}
    return render(request, "core/history.html", {"record": record, "entries": entries, "fields": fields,
                                                 "model_name": record._meta.verbose_name})


@login_required
def trash(request):
    if not is_sysadmin(request.user):
        raise PermissionDenied("只有系统管理员可以查看回收站")
    rows = [{"obj": obj, "ct": ContentType.objects.get_for_model(obj).pk} for obj in
            selectors.deleted_records(request.user)]
    return render(request, "core/trash.html", {"rows": rows})


@login_required
@require_POST
def trash_restore(request, content_type_id, pk):
    record = selectors.history_target(request.user, content_type_id, pk)
    if not getattr(record, "is_deleted", False):
        raise Http404("该记录未被删除")
    try:
        services.record_restore(record=record, actor=request.user)
    except ValidationError as error:
        messages.error(request, f"不能恢复“{record}”：" + "；".join(error.messages))
    else:
        messages.success(request, f"已恢复“{record}”")
    return redirect("trash")
