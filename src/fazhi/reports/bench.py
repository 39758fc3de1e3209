"""Benchmarks of the annual report, run by `make bench` on the city-scale demo: a city's report over its
counties drafted from the records, written as Word, and its page with every number checked against the
records."""

from django.utils import timezone

from fazhi.core.bench import _page
from fazhi.core.models import Org

from . import compose, docx
from .choices import Coverage
from .models import AnnualReport

YEAR = timezone.localdate().year - 1


def _city_report() -> AnnualReport:
    city = Org.objects.get(code="990100.wjw")
    return AnnualReport(org=city, year=YEAR, title=compose.title_for(city, YEAR), coverage=Coverage.REGION)


def city_report_draft():
    rows = compose.draft(_city_report())
    return f"{len(rows)} 段，{sum(len(r['figures']) for r in rows)} 个数字"


def city_report_docx():
    from fazhi.core.models import User
    from fazhi.reports import services

    report = AnnualReport.objects.filter(org__code="990100.wjw", year=YEAR).first()
    if report is None:
        report = services.report_create(org=Org.objects.get(code="990100.wjw"), year=YEAR,
                                        actor=User.objects.get(username="shi_fazhi"), coverage=Coverage.REGION)
    return f"{len(docx.render(report)):,} 字节"


def city_report_page():
    report = AnnualReport.objects.get(org__code="990100.wjw", year=YEAR)
    return _page("shi_fazhi", report.get_absolute_url())


BENCHMARKS = [
    ("city_report_draft", city_report_draft),
    ("city_report_docx", city_report_docx),
    ("city_report_page", city_report_page),
]
