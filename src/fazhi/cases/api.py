"""Read-only REST API of penalty cases (with their whole-process record) and legal reviews, scoped like the
pages."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from fazhi.core.api import codes
from fazhi.core.params import int_param, optional_year

from . import selectors, steps
from .choices import CaseStatus, DecisionKind, Procedure, ReviewOpinion, ServiceMethod, StepKind
from .models import Case, CaseStep, LegalReview


class CaseStepSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=codes(StepKind.choices))
    kind_label = serializers.CharField(source="get_kind_display")
    actor_name = serializers.CharField(source="actor.full_name", default=None, allow_null=True)

    class Meta:
        model = CaseStep
        fields = ["seq", "kind", "kind_label", "on", "at", "actor", "actor_name", "note", "parameters", "prev_hash",
                  "hash"]


class DeadlineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    due = serializers.DateField(source="due.date")
    provisional = serializers.BooleanField(source="due.provisional")
    state = serializers.CharField(help_text="ok 进行中；soon 即将到期；overdue 已逾期；met 已完成")
    state_label = serializers.CharField()
    done_on = serializers.DateField(allow_null=True)
    legal_basis = serializers.CharField(source="citation")


class CaseSerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    procedure = serializers.CharField(help_text=codes(Procedure.choices))
    status = serializers.CharField(help_text=codes(CaseStatus.choices))
    status_label = serializers.CharField(source="get_status_display")
    decision_kind = serializers.CharField(help_text=codes(DecisionKind.choices))
    service_method = serializers.CharField(read_only=True, help_text=codes(ServiceMethod.choices) + "；空：尚未送达")

    class Meta:
        model = Case
        fields = ["id", "public_id", "org", "org_code", "number", "procedure", "status", "status_label", "party_kind",
                  "party_name", "cause", "source", "entity", "inspection", "opened_on", "is_major", "notified_on",
                  "proposed_kinds", "proposed_fine", "proposed_confiscation", "proposed_property", "hearing_right",
                  "hearing_held", "decision_kind", "decision_no", "decided_on", "decided_late", "penalty_kinds",
                  "fine_amount", "confiscation_amount", "property_value", "served_on", "served_late",
                  "service_method", "executed_on", "paid_amount", "closed_on", "published_at", "published_late",
                  "withdrawn_at"]


class CaseDetailSerializer(CaseSerializer):
    steps = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    log_problems = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = CaseSerializer.Meta.fields + ["facts", "legal_basis", "deadlines", "log_problems", "steps"]

    @extend_schema_field(CaseStepSerializer(many=True))
    def get_steps(self, case) -> list[dict]:
        return CaseStepSerializer(selectors.case_steps(case), many=True).data

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case) -> list[dict]:
        return DeadlineSerializer(selectors.deadlines(case, timezone.localdate()), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_log_problems(self, case) -> list[str]:
        return steps.log_problems(case)


class LegalReviewSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    opinion = serializers.CharField(help_text=codes(ReviewOpinion.choices) + "；空为待审核")
    reviewer_name = serializers.CharField(source="reviewer.full_name", default=None, allow_null=True)

    class Meta:
        model = LegalReview
        fields = ["id", "case", "case_number", "round", "submitted_at", "submitted_by", "summary", "reviewer",
                  "reviewer_name", "opinion", "reasons", "reviewed_at"]


@extend_schema_view(list=extend_schema(description="行政处罚案件列表，可按年度、状态和程序筛选。", parameters=[
    OpenApiParameter("year", int, description="年度（案号年度）"),
    OpenApiParameter("status", str, enum=CaseStatus.values, description="状态"),
    OpenApiParameter("procedure", str, enum=Procedure.values, description="程序")]))
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政处罚案件：您查看范围内的案件；详情含办案期限和全过程记录（每条记录的哈希链和所附文件的SHA-256）。"""

    def get_serializer_class(self):
        return CaseDetailSerializer if self.action == "retrieve" else CaseSerializer

    def get_queryset(self):
        cases = selectors.cases_visible(self.request.user).order_by("-opened_on", "-pk")
        year = optional_year(self.request.query_params)
        cases = cases.filter(year=year) if year else cases
        for name, choices in (("status", CaseStatus), ("procedure", Procedure)):
            wanted = self.request.query_params.get(name)
            if wanted in choices.values:
                cases = cases.filter(**{name: wanted})
        return cases

    def get_object(self):
        return selectors.get_case(self.request.user, self.kwargs["pk"])


@extend_schema_view(list=extend_schema(description="法制审核记录，可按案件和是否待审核筛选。", parameters=[
    OpenApiParameter("case", int, description="案件ID"),
    OpenApiParameter("pending", bool, description="只看待审核的")]))
class LegalReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """法制审核：您查看范围内案件的各轮法制审核及意见。"""

    serializer_class = LegalReviewSerializer

    def get_queryset(self):
        reviews = selectors.reviews_visible(self.request.user).select_related("case", "reviewer").order_by("-pk")
        case = int_param(self.request.query_params, "case")
        reviews = reviews.filter(case_id=case) if case else reviews
        if self.request.query_params.get("pending") in ("true", "1"):
            reviews = reviews.filter(opinion="")
        return reviews

    def get_object(self):
        return selectors.get_review(self.request.user, self.kwargs["pk"])
