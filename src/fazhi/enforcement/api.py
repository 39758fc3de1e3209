"""REST API of the enforcement registers, read-only and scoped like the pages: officers with their
certificate state, supervised entities, and inspections with their teams and items."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.exceptions import ValidationError

from fazhi.core.api import ScopedViewSet, codes
from fazhi.core.params import int_param, optional_year

from . import selectors
from .choices import CertificateState, CreditGrade, EntityCategory, FollowUp, InspectionKind, InspectionResult
from .models import Entity, Inspection, Officer


class OfficerSerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    certificate_state = serializers.SerializerMethodField(help_text=codes(CertificateState.choices))
    certified_today = serializers.SerializerMethodField(help_text="今天能否执法：在岗且证件有效")

    class Meta:
        model = Officer
        fields = ["id", "org", "org_code", "org_name", "name", "position", "certificate_no", "issuing_body",
                  "issued_on", "valid_until", "status", "certificate_state", "certified_today"]

    def get_certificate_state(self, obj) -> str:
        return obj.certificate_state(timezone.localdate())

    def get_certified_today(self, obj) -> bool:
        return obj.certified_on(timezone.localdate())


class EntitySerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    category = serializers.CharField(read_only=True, help_text=codes(EntityCategory.choices))
    credit_grade = serializers.CharField(read_only=True, help_text=codes(CreditGrade.choices))

    class Meta:
        model = Entity
        fields = ["id", "public_id", "org", "org_code", "name", "category", "credit_code", "licence_no",
                  "licence_valid_until", "address", "legal_person", "phone", "is_individual", "status",
                  "registered_on", "credit_grade", "graded_on"]


class InspectionSerializer(serializers.ModelSerializer):
    org_code = serializers.CharField(source="org.code", read_only=True)
    entity_name = serializers.CharField(source="entity.name", read_only=True)
    kind = serializers.CharField(read_only=True, help_text=codes(InspectionKind.choices))
    result = serializers.CharField(read_only=True, help_text=codes(InspectionResult.choices))
    follow_up = serializers.CharField(read_only=True, help_text=codes(FollowUp.choices))
    officer_names = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = ["id", "org", "org_code", "entity", "entity_name", "date", "kind", "officers", "officer_names",
                  "items", "findings", "result", "opinion_no", "rectify_by", "follow_up", "follow_up_on",
                  "follow_up_note"]

    def get_officer_names(self, obj) -> list[str]:
        return [officer.name for officer in obj.officers.all()]


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("certified_on", str, description="只列该日（YYYY-MM-DD）持有效证件的在岗人员")]))
class OfficerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """执法人员：行政执法证、证件状态和今天能否执法。"""

    serializer_class = OfficerSerializer

    def get_queryset(self):
        queryset = selectors.officers_visible(self.request.user).order_by("org__path", "name")
        day = self.request.query_params.get("certified_on", "")
        if day:
            try:
                queryset = queryset.certified(dt.date.fromisoformat(day))
            except ValueError:
                raise ValidationError({"certified_on": "日期格式应为 YYYY-MM-DD"})
        return queryset


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("category", str, description=codes(EntityCategory.choices)),
    OpenApiParameter("q", str, description="名称、信用代码、许可证号或地址中包含的文字")]))
class EntityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """监管对象库：类别、许可、地址、信用等级。"""

    serializer_class = EntitySerializer

    def get_queryset(self):
        queryset = selectors.entities_visible(self.request.user).order_by("org__path", "name")
        params = self.request.query_params
        if params.get("category"):
            queryset = queryset.filter(category=params["category"])
        if params.get("q", "").strip():
            queryset = queryset.filter(selectors.entity_matches(params["q"]))
        return queryset


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("year", int, description="检查年度"),
    OpenApiParameter("entity", int, description="监管对象编号")]))
class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """监督检查：对象、日期、执法人员、检查事项、结果、卫生监督意见书和复查。"""

    serializer_class = InspectionSerializer

    def get_queryset(self):
        queryset = (selectors.inspections_visible(self.request.user).prefetch_related("officers", "items")
                    .order_by("-date", "-pk"))
        if (year := optional_year(self.request.query_params)) is not None:
            queryset = queryset.filter(date__year=year)
        if (entity := int_param(self.request.query_params, "entity")) is not None:
            queryset = queryset.filter(entity_id=entity)
        return queryset
