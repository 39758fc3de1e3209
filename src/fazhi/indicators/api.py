"""Indicator values over the API, scoped like the page."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from fazhi.core.models import Org
from fazhi.core.selectors import get_visible, scope_root

from .registry import Period, all_indicators, value


class IndicatorValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    area = serializers.CharField()
    synonyms = serializers.ListField(child=serializers.CharField())
    value = serializers.FloatField(allow_null=True)


class IndicatorViewSet(viewsets.ViewSet):
    """Every indicator with its value for an org subtree and a year (default: your scope, this year)."""

    serializer_class = IndicatorValueSerializer

    @extend_schema(parameters=[OpenApiParameter("org", int, description="机构ID，默认为您的查看范围"),
                               OpenApiParameter("year", int, description="年份，默认为今年")],
                   responses=IndicatorValueSerializer(many=True))
    def list(self, request):
        try:
            year = int(request.query_params.get("year", timezone.localdate().year))
        except ValueError:
            year = timezone.localdate().year
        org_id = request.query_params.get("org")
        org = get_visible(Org.objects.all(), request.user, org_id) if org_id else scope_root(request.user)
        if org is None:
            return Response([])
        period = Period.year(year)
        data = [{"code": i.code, "name": i.name, "unit": i.unit, "area": i.area, "synonyms": list(i.synonyms),
                 "value": value(i.code, org, period)} for i in all_indicators()]
        return Response(IndicatorValueSerializer(data, many=True).data)
