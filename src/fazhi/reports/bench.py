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


# ---------------------------------------------------------------- the registry against hand-written SQL
# Figures a city's report quotes, each family answered by the registry in one grouped query, and the same
# figures written by hand as one set-based SQL statement per ledger over the same rows.
HAND_CODES = ["enforcement.inspections", "enforcement.inspected_entities", "enforcement.opinions",
              "enforcement.rectify_orders", "cases.penalties", "cases.ordinary", "cases.simple", "cases.fines",
              "cases.confiscation", "study.sessions", "study.person_times", "training.sessions",
              "training.person_times", "publicity.events", "publicity.materials", "publicity.reached"]
_SUBTREE = "org_id IN (SELECT id FROM core_org WHERE path LIKE %s)"
HAND_SQL = [
    (["enforcement.inspections", "enforcement.inspected_entities", "enforcement.opinions",
      "enforcement.rectify_orders"],
     "SELECT COUNT(*), COUNT(DISTINCT entity_id), SUM(CASE WHEN opinion_no <> '' THEN 1 ELSE 0 END), "
     "SUM(CASE WHEN result = 'rectify' THEN 1 ELSE 0 END) FROM enforcement_inspection "
     f"WHERE deleted_at IS NULL AND date BETWEEN %s AND %s AND {_SUBTREE}"),
    (["cases.penalties", "cases.ordinary", "cases.simple", "cases.fines", "cases.confiscation"],
     "SELECT COUNT(*), SUM(CASE WHEN procedure = 'ordinary' THEN 1 ELSE 0 END), "
     "SUM(CASE WHEN procedure = 'simple' THEN 1 ELSE 0 END), SUM(fine_amount), SUM(confiscation_amount) "
     "FROM cases_case WHERE deleted_at IS NULL AND decision_kind = 'penalty' AND decided_on BETWEEN %s AND %s "
     f"AND {_SUBTREE}"),
    (["study.sessions", "study.person_times"],
     "SELECT COUNT(*), SUM(participants) FROM activities_studysession "
     f"WHERE deleted_at IS NULL AND date BETWEEN %s AND %s AND {_SUBTREE}"),
    (["training.sessions", "training.person_times"],
     "SELECT COUNT(*), SUM(participants) FROM activities_training "
     f"WHERE deleted_at IS NULL AND date BETWEEN %s AND %s AND {_SUBTREE}"),
    (["publicity.events", "publicity.materials", "publicity.reached"],
     "SELECT COUNT(*), SUM(materials), SUM(reached) FROM activities_publicityevent "
     f"WHERE deleted_at IS NULL AND date BETWEEN %s AND %s AND {_SUBTREE}"),
]


def _hand_sql(root, period) -> dict:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for codes, sql in HAND_SQL:
            cursor.execute(sql, [period.start, period.end, f"{root.path}%"])
            found.update(zip(codes, cursor.fetchone(), strict=True))
    return {code: value or 0 for code, value in found.items()}


def _best(func, runs: int = 5) -> tuple[float, object]:
    import time

    timings, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000, result


def report_figures_against_hand_sql():
    """The region's figures through the registry and by hand, checked equal; the ratio of their best times."""
    from decimal import Decimal

    from fazhi.indicators.registry import Period, values

    region = Org.objects.get(code="990100")
    period = Period.year(YEAR)
    registry_ms, mine = _best(lambda: values(HAND_CODES, region, period))
    hand_ms, hand = _best(lambda: _hand_sql(region, period))
    differ = [code for code in HAND_CODES if Decimal(str(mine[code])) != Decimal(str(hand[code]))]
    if differ:
        raise AssertionError(f"与手写 SQL 不一致：{differ}")
    return (f"{len(HAND_CODES)} 个数字：指标库 {registry_ms:.1f} ms，手写 SQL {hand_ms:.1f} ms，"
            f"比值 {registry_ms / hand_ms:.2f}")


def all_report_figures():
    """Every registered figure of the region for the year, as the report's Facts ask for them."""
    from fazhi.indicators.registry import Period, all_indicators, values

    found = values([i.code for i in all_indicators()], Org.objects.get(code="990100"), Period.year(YEAR))
    return f"{len(found)} 个指标"


BENCHMARKS += [
    ("report_figures_against_hand_sql", report_figures_against_hand_sql),
    ("all_report_figures", all_report_figures),
]
