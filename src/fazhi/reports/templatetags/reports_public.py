from django import template

from fazhi.reports.choices import ReportStatus
from fazhi.reports.models import AnnualReport

register = template.Library()


@register.simple_tag
def published_reports(commission):
    """A commission's annual reports on the public portal, newest first."""
    return AnnualReport.objects.filter(org=commission, status=ReportStatus.PUBLISHED).order_by("-year")
