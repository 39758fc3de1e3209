"""REST API of 双随机 tasks and draws: read-only, scoped like the pages. A draw's secret appears only once it
is drawn; its full pool is in the draw record (`record` action), not in every listing."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api import codes
from fazhi.core.params import int_param, optional_year

from . import selectors
from .choices import DrawStatus, PickOutcome, SampleMode, TaskSource, TaskState
from .models import Draw, DrawTask, Pick
from .record import draw_record


class DrawTaskSerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    pool_org_code = serializers.CharField(source="pool_org.code", read_only=True)
    source = serializers.CharField(read_only=True, help_text=codes(TaskSource.choices))
    mode = serializers.CharField(read_only=True, help_text=codes(SampleMode.choices))
    state = serializers.CharField(read_only=True, help_text=codes(TaskState.choices))
    live_draw = serializers.IntegerField(source="live_draw_id", read_only=True, allow_null=True,
                                         help_text="有效抽取的ID（未抽取为空）")
    picks = serializers.IntegerField(source="pick_total", read_only=True, help_text="抽中户数")
    inspected = serializers.IntegerField(source="pick_inspected", read_only=True, help_text="已检查户数")
    unable = serializers.IntegerField(source="pick_unable", read_only=True, help_text="无法检查户数")
    completion_rate = serializers.SerializerMethodField(help_text="完成率（%）：已检查 ÷ 抽中")
    closure_rate = serializers.SerializerMethodField(help_text="完结率（%）：（已检查 + 无法检查）÷ 抽中")

    class Meta:
        model = DrawTask
        fields = ["id", "year", "name", "source", "org", "org_code", "org_name", "pool_org", "pool_org_code",
                  "categories", "grades", "mode", "sample_size", "team_size", "start_date", "due_date", "state",
                  "live_draw", "picks", "inspected", "unable", "completion_rate", "closure_rate"]

    def get_completion_rate(self, task) -> float | None:
        return selectors.row_progress(task).completion_rate

    def get_closure_rate(self, task) -> float | None:
        return selectors.row_progress(task).closure_rate


class PickSerializer(serializers.ModelSerializer):
    entity_name = serializers.CharField(source="entity.name", read_only=True)
    officers = serializers.SerializerMethodField(help_text="检查组：[{id, name, certificate_no}]")
    outcome = serializers.CharField(read_only=True, help_text=codes(PickOutcome.choices))

    class Meta:
        model = Pick
        fields = ["id", "rank", "entity", "entity_name", "stratum", "officers", "outcome", "inspection",
                  "unable_reason", "settled_on", "result_due", "result_published_at"]

    def get_officers(self, pick) -> list[dict]:
        return [{"id": o.pk, "name": o.name, "certificate_no": o.certificate_no} for o in pick.officers.all()]


class DrawSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text=codes(DrawStatus.choices))
    task_name = serializers.CharField(source="task.name", read_only=True)
    secret = serializers.SerializerMethodField(help_text="系统随机数，抽取后公开")

    class Meta:
        model = Draw
        fields = ["id", "public_id", "task", "task_name", "status", "algorithm", "commitment", "committed_at",
                  "pool_hash", "pool_entity_count", "pool_officer_count", "pool_fixed_at", "witness",
                  "witness_input", "secret", "seed", "drawn_at", "void_reason"]

    def get_secret(self, draw) -> str | None:
        return draw.secret if draw.is_drawn else None


class DrawDetailSerializer(DrawSerializer):
    picks = serializers.SerializerMethodField(help_text="抽中对象，按抽中顺序")

    class Meta(DrawSerializer.Meta):
        fields = DrawSerializer.Meta.fields + ["picks"]

    def get_picks(self, draw) -> list[dict]:
        return PickSerializer(selectors.draw_picks(draw), many=True).data if draw.is_drawn else []


@extend_schema_view(list=extend_schema(description="双随机抽查任务列表，可按年度、来源筛选。", parameters=[
    OpenApiParameter("year", int, description="年度"),
    OpenApiParameter("source", str, enum=TaskSource.values, description="任务来源")]))
class DrawTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """双随机抽查任务：抽取范围与规则、状态、抽中户数、完成率和完结率。"""

    serializer_class = DrawTaskSerializer

    def get_queryset(self):
        tasks = selectors.with_progress(selectors.tasks_visible(self.request.user)).order_by("-year", "-pk")
        year, source = optional_year(self.request.query_params), self.request.query_params.get("source")
        tasks = tasks.filter(year=year) if year else tasks
        return tasks.filter(source=source) if source in TaskSource.values else tasks


@extend_schema_view(list=extend_schema(description="随机抽取列表，可按任务筛选。",
                                       parameters=[OpenApiParameter("task", int, description="抽查任务ID")]))
class DrawViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """随机抽取：随机数承诺、名录哈希、监督人输入、随机种子；详情含抽中对象、检查组和检查结果。"""

    def get_serializer_class(self):
        return DrawDetailSerializer if self.action == "retrieve" else DrawSerializer

    def get_queryset(self):
        draws = selectors.draws_visible(self.request.user).order_by("-pk")
        task = int_param(self.request.query_params, "task")
        return draws.filter(task_id=task) if task else draws

    def get_object(self):
        return selectors.get_draw(self.request.user, self.kwargs["pk"])

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def record(self, request, pk=None):
        """抽取记录：可用公开核验程序重新计算的完整记录（含名录），格式 fazhi-draw-record 第1版。"""
        draw = selectors.get_draw(request.user, pk, with_pool=True)
        return Response(draw_record(draw))
