"""The annual report drafted from the demo county's and city's records: what it says, how edits and record
changes show, sign-off, filing and publishing, and who may do what."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core.models import Org, User
from fazhi.indicators.registry import Period, value
from fazhi.reports import services
from fazhi.reports.choices import Coverage, Part
from fazhi.reports.compose import locate
from fazhi.reports.contributions import _json
from fazhi.reports.models import AnnualReport
from fazhi.reports.wording import count, percent
from tests.conftest import login
from tests.reports.conftest import fresh_report

YEAR = 2025



def paragraph(report, key):
    return report.paragraphs.get(key=key)


def test_every_drafted_number_stands_in_its_paragraph_and_is_the_records_value(report, county):
    drafted = [p for p in report.paragraphs.all() if p.figures]
    assert len(drafted) >= 8
    for p in drafted:
        assert None not in locate(p.text, p.figures), p.text
        for figure in p.figures:
            expected = value(figure["code"], county, Period.year(figure["year"]))
            assert figure["value"] == _json(expected), figure


def test_the_enforcement_paragraph_reads_as_the_reports_write_it(report, county):
    period = Period.year(YEAR)
    text = paragraph(report, "enforcement.inspections").text
    assert f"监督检查{value('enforcement.inspections', county, period)}户次" in text
    assert f"监督覆盖率{percent(value('enforcement.coverage', county, period))}" in text
    cases = paragraph(report, "cases.penalties").text
    assert f"查处行政处罚案件{value('cases.penalties', county, period)}起" in cases
    assert f"普通程序{value('cases.ordinary', county, period)}起" in cases


def test_the_parts_come_in_the_statutory_order_with_the_areas_numbered(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    page = client.get(report.get_absolute_url()).content.decode()
    parts = ["一、主要举措和成效", "二、存在的不足和原因", "三、党政主要负责人履行推进法治建设第一责任人职责情况",
             "四、下一年度主要安排"]
    positions = [page.index(p) for p in parts]
    assert positions == sorted(positions)
    assert "（一）强化学法用法" in page and "（二）深化普法宣传" in page


def test_a_commission_without_records_gets_no_area_and_no_zero(county_admin):
    from fazhi.core import services as core_services

    empty = core_services.commission_create(parent_region=Org.objects.get(code="990121.wjw").parent.parent,
                                            region_name="空白县", level="county", code="990199")
    admin = User.objects.create(username="kong_fazhi", org=empty)
    admin.roles.add(*county_admin.roles.all())
    report = services.report_create(org=empty, year=YEAR, actor=admin)
    measures = report.paragraphs.filter(part=Part.MEASURES)
    assert not measures.exists()
    assert not any(p.figures for p in report.paragraphs.all())


def test_rounded_wording_is_a_choice_for_the_counts_people_round(county, county_admin):
    report = fresh_report(county, county_admin, approximate="余")
    period = Period.year(YEAR)
    materials = value("publicity.materials", county, period)
    assert materials >= 1000, "the demo hands out thousands of leaflets"
    rounded = count(materials, "余")
    assert rounded.endswith("余") and f"发放宣传资料{rounded}份" in paragraph(report, "activities.publicity").text
    # Inspections, cases and rates are never rounded.
    inspections = paragraph(report, "enforcement.inspections").text
    assert f"监督检查{value('enforcement.inspections', county, period)}户次" in inspections
    exact = fresh_report(county, county_admin, YEAR - 1)
    assert "余" not in "".join(p.text for p in exact.paragraphs.all())


def test_year_over_year_change_is_written_where_last_year_has_a_figure(county, county_admin):
    report = fresh_report(county, county_admin, compare_last_year=True)
    now = value("enforcement.certified_officers", county, Period.year(YEAR))
    before = value("enforcement.certified_officers", county, Period.year(YEAR - 1))
    text = paragraph(report, "enforcement.officers").text
    assert before, "the demo has officers in both years"
    assert ("同比" in text or "与上年持平" in text) and f"{now}人" in text


def test_a_typed_over_number_is_marked_and_an_edit_keeps_its_versions(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    p = paragraph(report, "enforcement.inspections")
    shown = p.figures[0]["shown"]
    edited = p.text.replace(f"{shown}户次", "9999户次", 1)
    response = client.post(reverse("paragraph_edit", args=[report.pk, p.pk]), {"text": edited})
    assert response.status_code == 302
    page = client.get(report.get_absolute_url()).content.decode()
    assert "手工改写的数字" in page and "已修改" in page
    history = client.get(reverse("report_history", args=[report.pk])).content.decode()
    assert edited in history and p.drafted_text in history


def test_a_record_added_after_the_draft_flags_the_number_and_a_redraft_takes_it_in(report, county, client):
    from fazhi.enforcement.models import Inspection
    from tests.enforcement.factories import make_entity

    client.force_login(User.objects.get(username="xian_fazhi"))
    before = value("enforcement.inspections", county, Period.year(YEAR))
    unit = Org.objects.get(code="990121.wjw.wsjds")
    Inspection.objects.create(org=unit, entity=make_entity(unit), date=dt.date(YEAR, 6, 1))
    page = client.get(report.get_absolute_url()).content.decode()
    assert "记录已变化" in page and f"{before}→{before + 1}" in page
    client.post(reverse("report_redraft", args=[report.pk]))
    assert f"{before + 1}户次" in paragraph(report, "enforcement.inspections").text


def test_an_edited_paragraph_survives_a_redraft_and_is_flagged_instead(report, county, county_admin):
    from fazhi.enforcement.models import Inspection
    from tests.enforcement.factories import make_entity

    p = paragraph(report, "enforcement.inspections")
    services.paragraph_save(paragraph=p, actor=county_admin, text=p.text + "我们做得很好。")
    unit = Org.objects.get(code="990121.wjw.wsjds")
    Inspection.objects.create(org=unit, entity=make_entity(unit), date=dt.date(YEAR, 6, 1))
    services.report_redraft(report=report, actor=county_admin)
    p.refresh_from_db()
    assert p.text.endswith("我们做得很好。")
    services.paragraph_refresh(paragraph=p, actor=county_admin)
    p.refresh_from_db()
    assert not p.is_edited and "我们做得很好" not in p.text


def test_each_number_links_to_the_records_that_make_it(report, client, county):
    client.force_login(User.objects.get(username="xian_fazhi"))
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'class="fz-figure"' in page
    url = f"{reverse('report_figure')}?code=study.central_group&org={county.pk}&year={YEAR}"
    assert url.replace("&", "&amp;") in page
    trace = client.get(url)
    assert trace.status_code == 200
    assert str(value("study.central_group", county, Period.year(YEAR))) in trace.content.decode()


def test_the_inspection_count_lists_the_inspections_behind_it(report, client, county):
    from fazhi.enforcement.models import Inspection

    client.force_login(User.objects.get(username="xian_fazhi"))
    page = client.get(f"{reverse('report_figure')}?code=enforcement.inspections&org={county.pk}&year={YEAR}")
    text = page.content.decode()
    count = value("enforcement.inspections", county, Period.year(YEAR))
    assert f"构成该数字的记录（{count}条" in text
    newest = Inspection.objects.filter(org__path__startswith=county.path, date__year=YEAR).order_by("-date").first()
    assert newest.get_absolute_url() in text


def test_another_county_neither_reads_the_report_nor_its_numbers(report, county):
    other = login("qu_fazhi")
    assert other.get(report.get_absolute_url()).status_code == 404
    trace = other.get(f"{reverse('report_figure')}?code=cases.fines&org={county.pk}&year={YEAR}")
    assert trace.status_code == 404  # as if the commission did not exist


def test_only_the_legal_affairs_office_drafts_and_only_a_leader_signs(report, county, county_leader):
    reporter = User.objects.get(username="xian_tianbao")
    with pytest.raises(PermissionDenied):
        services.report_create(org=county, year=YEAR - 1, actor=reporter)
    with pytest.raises(PermissionDenied):
        services.report_sign(report=report, actor=User.objects.get(username="xian_fazhi"))
    with pytest.raises(ValidationError, match="存在的不足和原因"):
        services.report_sign(report=report, actor=county_leader)


def signed(report, admin, leader):
    for part in (Part.SHORTCOMINGS, Part.NEXT_YEAR):
        services.paragraph_add(report=report, actor=admin, part=part, text="一是……；二是……。")
    return services.report_sign(report=report, actor=leader)


def test_a_signed_report_is_fixed_filed_and_published_on_the_portal(report, county_admin, county_leader, client):
    signed(report, county_admin, county_leader)
    p = paragraph(report, "cases.penalties")
    with pytest.raises(ValidationError, match="已签发"):
        services.paragraph_save(paragraph=p, actor=county_admin, text="改")
    with pytest.raises(ValidationError, match="年度结束后"):
        services.report_file(report=report, actor=county_admin, on=dt.date(YEAR, 12, 20), to="县委、县政府")
    services.report_file(report=report, actor=county_admin, on=dt.date(YEAR + 1, 2, 20), to="县委、县政府")
    portal = reverse("portal_report", args=[report.org.code, YEAR])
    assert client.get(portal).status_code == 404
    services.report_publish(report=report, actor=county_admin)
    public = client.get(portal).content.decode()
    assert report.title in public and p.text in public
    assert report.title in client.get(reverse("portal_commission", args=[report.org.code])).content.decode()


def test_the_due_dates_come_from_the_legal_time_limits(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    page = client.get(report.get_absolute_url()).content.decode()
    assert f"{YEAR + 1}年2月28日前" in page  # 3月1日前报送
    assert f"{YEAR + 1}年3月31日前" in page  # 4月1日前公开


def test_one_report_per_commission_and_year(report, county, county_admin):
    with pytest.raises(ValidationError, match="已有年度报告"):
        services.report_create(org=county, year=YEAR, actor=county_admin)


def test_the_form_refuses_a_unit_that_is_not_a_commission_in_chinese(db, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    unit = Org.objects.get(code="990121.wjw.wsjds")
    response = client.post(reverse("report_create"), {"org": unit.pk, "year": YEAR, "coverage": "own"})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode() or "请选择" in response.content.decode()
    assert AnnualReport.objects.filter(org=unit).count() == 0


def test_a_city_report_sums_its_counties_with_a_breakdown(db, client):
    city_admin = User.objects.get(username="shi_fazhi")
    city = city_admin.org.commission()
    report = fresh_report(city, city_admin, coverage=Coverage.REGION)
    region = city.parent
    text = paragraph(report, "enforcement.inspections").text
    assert text.startswith("强化行政监督提升执法质效。全市卫生健康系统全年")
    assert f"{value('enforcement.inspections', region, Period.year(YEAR))}户次" in text
    client.force_login(city_admin)
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'data-testid="breakdown"' in page and "示例县" in page and "合计" in page



def test_a_filing_with_a_bad_date_says_so_in_chinese_and_saves_nothing(report, county_admin, county_leader, client):
    signed(report, county_admin, county_leader)
    client.force_login(county_admin)
    response = client.post(reverse("report_file", args=[report.pk]), {"filed_on": "2026-13-40", "filed_to": "县政府"},
                           follow=True)
    assert "日期格式应为YYYY-MM-DD" in response.content.decode()
    report.refresh_from_db()
    assert report.filed_on is None
