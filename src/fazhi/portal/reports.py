"""A published annual report on the public portal: /public/<commission code>/reports/<year>/."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.reports.choices import ReportStatus
from fazhi.reports.models import AnnualReport
from fazhi.reports.outline import outline, signature_date

from . import selectors as portal
from .views import not_found


@require_safe
def report_page(request, code, year):
    org = portal.commission(code)
    report = AnnualReport.objects.filter(org=org, year=year, status=ReportStatus.PUBLISHED).first() if org else None
    if report is None:
        return not_found(request)
    return render(request, "portal/report_detail.html", {
        "commission": org, "report": report, "blocks": outline(report), "date": signature_date(report)})
