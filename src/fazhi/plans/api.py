"""REST API of work plans and the task ledger, scoped like the pages: a unit sees the tasks it leads
or helps with; statuses are computed for a whole page at once, never per row."""

import json
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, parser_classes
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from fazhi.core.api import codes
from fazhi.core.files import check_upload
from fazhi.core.params import int_param, optional_year

from . import extract, parsing, selectors, services, stored
from .choices import Cadence, PlanStatus, ReportStatus, TaskStatus
from .models import Plan, ProgressReport, Section, Task

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


@contextmanager
def service_errors():
    """The services' Chinese messages as DRF answers: 403 for permission, 400 for validation."""
    try:
        yield
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error))
    except DjangoValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ValidationError({NON_FIELD if k == "__all__" else k: v for k, v in errors.items()})


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PlanTaskSerializer(serializers.ModelSerializer):
    lead_name = serializers.CharField(source="lead.name", default=None, allow_null=True, read_only=True)
    lead_code = serializers.CharField(source="lead.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "number", "title", "lead_name", "lead_code", "due_date", "cadence"]


class SectionSerializer(serializers.ModelSerializer):
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "seq", "number", "title", "intro", "tasks"]


class PlanSerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=codes(PlanStatus.choices))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    default_cadence = serializers.CharField(read_only=True, help_text=codes(Cadence.choices))

    class Meta:
        model = Plan
        fields = ["id", "org", "org_code", "org_name", "year", "title", "status", "status_label", "issued_at",
                  "warn_days", "report_grace_days", "default_cadence"]


class PlanDetailSerializer(PlanSerializer):
    sections = SectionSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = PlanSerializer.Meta.fields + ["preamble", "closing", "sections"]


class TargetStateSerializer(serializers.Serializer):
    # A status.TargetProgress: the confirmed target and its value now (this period's, if not yearly).
    what = serializers.CharField(source="target.what")
    comparator = serializers.CharField(source="target.comparator")
    number = serializers.FloatField(source="target.number")
    unit = serializers.CharField(source="target.unit")
    period = serializers.CharField(source="target.period")
    indicator_code = serializers.CharField(source="target.indicator_code", help_text="留空为手工填报的目标")
    description = serializers.CharField(source="target")
    value = serializers.FloatField(allow_null=True)
    met = serializers.BooleanField()
    percent = serializers.IntegerField()


class TaskSerializer(PlanTaskSerializer):
    # `state` (a status.TaskState) is attached by TaskViewSet.with_states.
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    year = serializers.IntegerField(source="plan.year", read_only=True)
    section_title = serializers.CharField(source="section", read_only=True)
    co_unit_codes = serializers.SlugRelatedField(source="co_units", slug_field="code", many=True, read_only=True)
    status = serializers.CharField(source="state.status", read_only=True, help_text=codes(TaskStatus.choices))
    status_label = serializers.CharField(source="state.label", read_only=True)
    percent = serializers.IntegerField(source="state.percent", read_only=True)
    reasons = serializers.ListField(source="state.reasons", child=serializers.CharField(), read_only=True)
    targets = TargetStateSerializer(source="state.targets", many=True, read_only=True)
    pending_reports = serializers.IntegerField(source="state.pending_reports", read_only=True)
    next_report_due = serializers.DateField(source="state.next_slot.due.date", allow_null=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "plan", "plan_title", "year", "section", "section_title", "number", "title", "measures",
                  "lead", "lead_name", "lead_code", "co_unit_codes", "due_date", "cadence",
                  "status", "status_label", "percent", "reasons", "targets", "pending_reports", "next_report_due"]


class ProgressReportSerializer(serializers.ModelSerializer):
    task_title = serializers.CharField(source="task.title", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    status = serializers.CharField(read_only=True, help_text=codes(ReportStatus.choices))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reviewed_by_name = serializers.CharField(source="reviewed_by.full_name", default=None, allow_null=True,
                                             read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "task_title", "org", "org_name", "period_start", "period_end", "period_label",
                  "text", "completes_task", "status", "status_label", "submitted_at", "reviewed_by_name",
                  "reviewed_at", "review_comment"]


class ReportInputSerializer(serializers.Serializer):
    period_start = serializers.DateField(help_text="报送周期起")
    period_end = serializers.DateField(help_text="报送周期止")
    text = serializers.CharField(help_text="进展情况")
    completes_task = serializers.BooleanField(default=False, help_text="本次报送表示任务已全部完成")


class ReviewInputSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text="审核意见（退回时必填）")


class ParseInputSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, help_text="粘贴的工作要点文字")
    file = serializers.FileField(required=False, help_text=".docx、.pdf 或 .txt 文件")


@extend_schema_view(list=extend_schema(description="工作要点列表，可按年度筛选。",
                                       parameters=[OpenApiParameter("year", int, description="年度")]))
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """工作要点：您查看范围内的年度法治建设工作要点；详情含各部分及其中您可见的工作任务。"""

    lookup_value_regex = r"\d+"  # so that /api/plans/parse/ is not read as a plan's id

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer

    def get_queryset(self):
        plans, year = selectors.plans_visible(self.request.user), optional_year(self.request.query_params)
        return plans.filter(year=year) if year else plans

    def get_object(self):
        plan = selectors.get_plan(self.request.user, self.kwargs["pk"])
        tasks = selectors.tasks_visible(self.request.user).order_by("seq")
        prefetch_related_objects([plan], Prefetch("sections", queryset=Section.objects.order_by("seq")),
                                 Prefetch("sections__tasks", queryset=tasks))
        return plan


class TaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """工作任务：任务台账中的每项任务，含系统计算的状态、完成进度、原因、量化目标和下次报送期限。"""

    serializer_class = TaskSerializer

    def get_queryset(self):
        tasks = selectors.tasks_visible(self.request.user).prefetch_related("co_units")
        plan, year = int_param(self.request.query_params, "plan"), optional_year(self.request.query_params)
        tasks = tasks.filter(plan_id=plan) if plan else tasks
        return tasks.filter(plan__year=year) if year else tasks

    def get_object(self):
        return selectors.tasks_in_state([selectors.get_task(self.request.user, self.kwargs["pk"])],
                                        timezone.localdate())[0]

    @extend_schema(parameters=[
        OpenApiParameter("plan", int, description="工作要点ID"), OpenApiParameter("year", int, description="年度"),
        OpenApiParameter("status", str, enum=TaskStatus.values, description="计算得出的任务状态")])
    def list(self, request, *args, **kwargs):
        """任务列表，可按工作要点、年度和状态筛选。"""
        tasks, wanted = self.get_queryset(), request.query_params.get("status")
        if wanted and wanted not in TaskStatus.values:
            raise ValidationError({"status": f"状态应为：{codes(TaskStatus.choices)}"})
        tasks = stored.current(tasks, timezone.localdate())  # stale statuses recounted, then filtered in the database
        page = self.paginate_queryset(tasks.filter(status=wanted) if wanted else tasks)
        page = selectors.tasks_in_state(page, timezone.localdate())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=ReportInputSerializer, responses={201: ProgressReportSerializer})
    @action(detail=True, methods=["post"], url_path="reports")
    def reports(self, request, pk=None):
        """报送进展：牵头单位填报本任务一个报送周期的进展；completes_task 为真表示申报任务已完成。"""
        task = selectors.get_task(request.user, pk)
        data = valid(ReportInputSerializer, request.data)
        with service_errors():
            report = services.report_submit(task=task, actor=request.user, **data)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(description="进展报送列表，可按任务和审核状态筛选。", parameters=[
    OpenApiParameter("task", int, description="工作任务ID"),
    OpenApiParameter("status", str, enum=ReportStatus.values, description="审核状态")]))
class ProgressReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """进展报送：各单位就工作任务报送的进展及其审核结果；本委法治工作管理员可采纳或退回。"""

    serializer_class = ProgressReportSerializer

    def get_queryset(self):
        reports = selectors.reports_visible(self.request.user).select_related("task", "org", "reviewed_by")
        task, wanted = int_param(self.request.query_params, "task"), self.request.query_params.get("status")
        reports = reports.filter(task_id=task) if task else reports
        return reports.filter(status=wanted) if wanted in ReportStatus.values else reports

    def get_object(self):
        return selectors.get_report(self.request.user, self.kwargs["pk"])

    def review(self, request, accept: bool):
        report = self.get_object()
        comment = valid(ReviewInputSerializer, request.data)["comment"]
        with service_errors():
            report = services.report_review(report=report, accept=accept, comment=comment, actor=request.user)
        return Response(ProgressReportSerializer(report).data)

    @extend_schema(request=ReviewInputSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """采纳：本委法治工作管理员采纳待审核的进展报送，可附意见。"""
        return self.review(request, accept=True)

    @extend_schema(request=ReviewInputSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        """退回：本委法治工作管理员退回待审核的进展报送，须填写意见，由报送单位重新报送。"""
        return self.review(request, accept=False)


@extend_schema(request={"multipart/form-data": ParseInputSerializer, "application/json": ParseInputSerializer},
               responses={200: dict})
@api_view(["POST"])
@parser_classes([JSONParser, MultiPartParser, FormParser])
def plan_parse(request):
    """识别工作要点：粘贴文字（text）或上传文件（file：.docx、.pdf、.txt），返回识别出的部分、条目和量化目标，不保存。"""
    data = valid(ParseInputSerializer, request.data)
    text = data.get("text") or ""
    if data.get("file"):
        try:
            check_upload(data["file"], allowed=extract.SUFFIXES)
            text = extract.text_from_file(data["file"].name, data["file"].read())
        except DjangoValidationError as error:
            raise ValidationError({"file": error.messages})
    if not text.strip():
        raise ValidationError({"text": "请粘贴工作要点的文字，或上传 .docx、.pdf、.txt 文件"})
    # Target numbers are Decimals: sent as strings, exactly as the plan wrote them.
    return Response(json.loads(json.dumps(parsing.parse(text).to_dict(), cls=DjangoJSONEncoder)))
