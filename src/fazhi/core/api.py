"""REST API of the spine. Every viewset reads through the same scoping as the pages."""

import copy
import datetime as dt

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import ParseError, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import deadlines, selectors, services
from .authentication import expires_at, token_for
from .choices import Action, TimeUnit
from .models import CalendarDay, EvidenceFile, LegalTimeLimit, Org, User
from .params import ParameterError, optional_year, year_range
from .scoping import can, can_edit_reference


def exception_handler(exc, context):
    """DRF's own answers, and a query parameter Fazhi refuses as a 400 with its Chinese message."""
    if isinstance(exc, ParameterError):
        exc = ParseError(str(exc))
    return drf_exception_handler(exc, context)


def codes(choices) -> str:
    """Choices documented in words, not as enums: another "status" enum would collide in the schema."""
    return "；".join(f"{value} {label}" for value, label in choices)


class OrgSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Org
        fields = ["id", "code", "name", "short_name", "kind", "level", "parent", "parent_code", "is_active"]


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    org_code = serializers.CharField(source="org.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "title", "org", "org_code", "roles", "is_active"]


class LegalTimeLimitSerializer(serializers.ModelSerializer):
    description = serializers.CharField(source="describe", read_only=True)

    class Meta:
        model = LegalTimeLimit
        fields = ["id", "code", "name", "number", "unit", "fixed_month", "fixed_day", "extension", "counts_back",
                  "starts_from",
                  "legal_basis", "article", "status", "note", "description"]
        read_only_fields = ["code"]

    def validate(self, attrs):
        # The model's own rules (number or fixed date, by unit) on the row as it would be saved.
        candidate = copy.copy(self.instance) if self.instance else LegalTimeLimit()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        try:
            candidate.full_clean(validate_unique=False)
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict)
        return attrs


class CalendarDaySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="schedule.year", read_only=True)

    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name", "year"]


class EvidenceFileSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    org_code = serializers.CharField(source="org.code", read_only=True)

    class Meta:
        model = EvidenceFile
        fields = ["id", "org", "org_code", "title", "description", "original_name", "sha256", "size", "mime_type",
                  "integrity", "checked_at", "created_at", "file"]
        read_only_fields = ["original_name", "sha256", "size", "mime_type", "integrity", "checked_at",
                            "created_at"]
        extra_kwargs = {"title": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only orgs the caller may add records to; others do not exist for them.
            self.fields["org"].queryset = selectors.orgs_visible(request.user, Action.CHANGE)


class DueResultSerializer(serializers.Serializer):
    code = serializers.CharField(required=False, help_text="法定时限代码；自定义期限时没有")
    start = serializers.DateField()
    due = serializers.DateField(help_text="届满日")
    provisional = serializers.BooleanField(help_text="是否按周一至周五临时计算（该年节假日安排尚未发布）")
    note = serializers.CharField(allow_blank=True)
    number = serializers.IntegerField(required=False, help_text="期限数值（自定义期限）")
    unit = serializers.CharField(required=False, help_text="期限单位（自定义期限）")


class VerifyResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    integrity = serializers.CharField(help_text="ok 完整；mismatch 内容不符；missing 文件缺失")


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField(help_text="到期时间；到期、修改密码或账号停用后须重新获取")


class TokenView(ObtainAuthToken):
    """令牌：用用户名和密码换取接口令牌，之后在请求头 Authorization: Token … 中使用。令牌到期、
    修改密码或账号停用后作废，届时重新获取。"""

    @extend_schema(request=AuthTokenSerializer, responses=TokenSerializer)
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = token_for(serializer.validated_data["user"])
        return Response({"token": token.key, "expires": expires_at(token)})



class ScopedViewSet(viewsets.GenericViewSet):
    """Lists and details come from the scoped queryset; other orgs' rows are 404."""

    def get_object(self):
        return selectors.get_visible(self.get_queryset(), self.request.user, self.kwargs["pk"])


class OrgViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """机构：您查看范围内的行政区域、卫生健康行政部门、科室和委属单位，含稳定的机构代码。"""

    serializer_class = OrgSerializer

    def get_queryset(self):
        return selectors.orgs_visible(self.request.user).select_related("parent")


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """用户：您查看范围内的账号及其角色。"""

    serializer_class = UserSerializer

    def get_queryset(self):
        return selectors.users_visible(self.request.user).distinct()


class IsSysadminOrReadOnly(permissions.BasePermission):
    message = "法定时限由本系统最上级的系统管理员维护"

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or can_edit_reference(request.user)


class LegalTimeLimitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                            viewsets.GenericViewSet):
    """法定时限与限额：全系统共用的期限和数额标准及其法律依据；最上级系统管理员可修改。"""

    serializer_class = LegalTimeLimitSerializer
    permission_classes = [permissions.IsAuthenticated, IsSysadminOrReadOnly]
    queryset = LegalTimeLimit.objects.all()
    http_method_names = ["get", "patch", "put", "head", "options"]

    @extend_schema(parameters=[OpenApiParameter("start", dt.date, required=True, description="起算日期")],
                   responses=DueResultSerializer)
    @action(detail=True, methods=["get"])
    def due(self, request, pk=None):
        """按该法定时限，从 start 起算的届满日。"""
        limit = self.get_object()
        if limit.is_threshold:
            raise ValidationError({"code": [f"“{limit.name}”是数额或人数标准，不是期限，无法计算届满日"]})
        start = _parse_date(request.query_params.get("start"))
        result = deadlines.due_for(limit.code, start)
        return Response({"code": limit.code, "start": start, "due": result.date,
                         "provisional": result.provisional, "note": result.note()})


class CalendarDayViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """节假日安排：管理员录入的放假日和调休上班日（内置数据包中的年份不在此列出）。"""

    serializer_class = CalendarDaySerializer

    def get_queryset(self):
        queryset = CalendarDay.objects.select_related("schedule")
        year = optional_year(self.request.query_params)
        return queryset.filter(schedule__year=year) if year is not None else queryset


class EvidenceFileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          mixins.DestroyModelMixin, ScopedViewSet):
    """佐证材料：上传（multipart）、查看、删除（软删除，可恢复）。"""

    serializer_class = EvidenceFileSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return EvidenceFile.objects.visible_to(self.request.user).select_related("org")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            evidence = services.evidence_upload(org=data["org"], uploaded=data["file"], title=data.get("title", ""),
                                                description=data.get("description", ""), actor=request.user)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error))
        except DjangoValidationError as error:
            raise ValidationError({"file": error.messages})
        return Response(self.get_serializer(evidence).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        if not can(self.request.user, Action.CHANGE, instance.org):
            raise PermissionDenied("无权删除该记录")
        try:
            services.record_delete(record=instance, actor=self.request.user)
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages})

    @extend_schema(request=None, responses=VerifyResultSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """重新计算文件的 SHA-256，返回完整性校验结果（需要修改权限）。"""
        evidence = selectors.get_visible(self.get_queryset(), request.user, pk, Action.CHANGE)
        return Response({"id": evidence.pk, "integrity": services.evidence_verify(evidence=evidence)})


def _parse_date(text):
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        raise ValidationError({"start": "日期格式应为 YYYY-MM-DD"})
    years = year_range()
    if day.year not in years:
        raise ValidationError({"start": f"起算日期应在{years.start}年至{years.stop - 1}年之间"})
    return day


@extend_schema(parameters=[
    OpenApiParameter("start", dt.date, required=True, description="起算日期"),
    OpenApiParameter("number", int, required=True, description="期限数值"),
    OpenApiParameter("unit", str, required=True, enum=[u for u in TimeUnit.values if u != "next_year_date"]),
], responses=DueResultSerializer)
@api_view(["GET"])
def due_date(request):
    """按工作日历计算任意期限的届满日；跨入尚未公布节假日安排的年份时标注为临时。"""
    start = _parse_date(request.query_params.get("start"))
    unit = request.query_params.get("unit", "")
    number = request.query_params.get("number", "")
    if unit not in TimeUnit.values or unit == TimeUnit.NEXT_YEAR_DATE:
        raise ValidationError({"unit": "单位应为 cal（自然日）、wd（工作日）、month 或 year"})
    if not number.isdigit() or int(number) > deadlines.MAX_PERIOD:
        raise ValidationError({"number": f"期限应为 0 至 {deadlines.MAX_PERIOD} 的整数"})
    result = deadlines.due(start, int(number), unit)
    return Response({"start": start, "number": int(number), "unit": unit, "due": result.date,
                     "provisional": result.provisional, "note": result.note()})
