"""Indicator values over the API, scoped like the page."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from fazhi.core.params import year_param

from .selectors import chosen_org, indicator_rows


class IndicatorValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    area = serializers.CharField()
    synonyms = serializers.ListField(child=serializers.CharField())
    value = serializers.FloatField(allow_null=True)


class IndicatorViewSet(viewsets.ViewSet):
    """指标：每项指标在某机构及其下级、某年度的数值（默认为您的查看范围和今年）。"""

    serializer_class = IndicatorValueSerializer

    @extend_schema(parameters=[OpenApiParameter("org", int, description="机构ID，默认为您的查看范围"),
                               OpenApiParameter("year", int, description="年份，默认为今年")],
                   responses=IndicatorValueSerializer(many=True))
    def list(self, request):
        org = chosen_org(request.user, request.query_params.get("org"))
        if org is None:
            return Response([])
        rows = indicator_rows(org, year_param(request.query_params), with_previous=False)
        data = [{"code": r["indicator"].code, "name": r["indicator"].name, "unit": r["indicator"].unit,
                 "area": r["indicator"].area, "synonyms": list(r["indicator"].synonyms), "value": r["value"]}
                for r in rows]
        return Response(IndicatorValueSerializer(data, many=True).data)
