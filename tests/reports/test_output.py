"""The report as files (Word in the GB/T 9704 layout, HTML, PDF), from the page and from `fazhi report`;
its reminders; the page's queries."""

import datetime as dt
import io
import shutil

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from fazhi.core.models import User
from fazhi.reports import services
from fazhi.reports.choices import Coverage
from fazhi.reports.reminders import reminders

YEAR = 2025



def east_asian_font(paragraph) -> str:
    run = paragraph.runs[0]._element
    return run.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_the_word_file_has_the_official_layout(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    response = client.get(reverse("report_download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    title = document.paragraphs[0]
    assert title.text == report.title
    assert east_asian_font(title) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    body = next(p for p in document.paragraphs if p.text.startswith(f"{YEAR}年，"))
    assert east_asian_font(body) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28.95)
    part = next(p for p in document.paragraphs if p.text == "一、主要举措和成效")
    assert east_asian_font(part) == "黑体"
    area = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert east_asian_font(area) == "楷体_GB2312"
    footer = section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text


def test_the_html_file_holds_every_paragraph(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    html = client.get(reverse("report_download", args=[report.pk, "html"])).content.decode()
    for paragraph in report.paragraphs.filter(is_heading=False):
        assert paragraph.text in html


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_the_pdf_comes_from_libreoffice(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    response = client.get(reverse("report_download", args=[report.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_command_writes_a_citys_report_over_its_counties(tmp_path, db):
    target = tmp_path / "report.docx"
    call_command("report", org="990100.wjw", year=YEAR, format="docx", target=str(target), coverage=Coverage.REGION,
                 stdout=io.StringIO())
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "全市卫生健康系统全年" in text
    table = Document(str(target)).tables[0]
    assert table.rows[-1].cells[0].text == "合计"


def test_the_command_uses_the_report_people_edited(report, county_admin, tmp_path):
    paragraph = report.paragraphs.get(key="cases.penalties")
    services.paragraph_save(paragraph=paragraph, actor=county_admin, text="本段由法治工作管理员改写。")
    target = tmp_path / "report.html"
    call_command("report", org=report.org.code, year=YEAR, format="html", target=str(target), stdout=io.StringIO())
    assert "本段由法治工作管理员改写。" in target.read_text()


def test_the_command_names_an_unknown_org(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有机构代码"):
        call_command("report", org="nowhere", year=YEAR, target=str(tmp_path / "x.docx"))


def test_the_office_is_reminded_until_the_report_is_filed(report, county_admin, county_leader):
    soon = list(reminders(dt.date(YEAR + 1, 2, 10)))
    mine = [r for r in soon if f"annual-report:{report.org_id}:" in r["key"]]
    assert {r["title"] for r in mine} == {f"即将到期：报送上一年度法治政府建设情况报告（{YEAR}年度）"}
    assert county_admin in mine[0]["users"] and county_leader in mine[0]["users"]
    for part in ("shortcomings", "next_year"):
        services.paragraph_add(report=report, actor=county_admin, part=part, text="一是……。")
    services.report_sign(report=report, actor=county_leader)
    services.report_file(report=report, actor=county_admin, on=dt.date(YEAR + 1, 2, 9), to="县委、县政府")
    later = [r for r in reminders(dt.date(YEAR + 1, 2, 10)) if f"annual-report:{report.org_id}:" in r["key"]]
    assert later == []


def test_the_report_page_reads_in_a_bounded_number_of_queries(report, client):
    client.force_login(User.objects.get(username="xian_fazhi"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(report.get_absolute_url()).status_code == 200
    # The figures are recomputed to flag changed records: one aggregate per indicator quoted, not per paragraph.
    quoted = {f["code"] for p in report.paragraphs.all() for f in p.figures}
    assert len(queries) <= 2 * len(quoted) + 40, len(queries)


def test_the_figure_page_lists_the_records_behind_a_number(report, client, county):
    client.force_login(User.objects.get(username="xian_fazhi"))
    page = client.get(f"{reverse('report_figure')}?code=study.central_group&org={county.pk}&year={YEAR}")
    html = page.content.decode()
    assert 'data-testid="figure-records"' in html and "/activities/" in html


def test_every_number_a_report_quotes_names_its_records_and_lists_them_in_few_queries(client, county):
    from fazhi.indicators.registry import get
    from fazhi.reports.contributions import contributions

    client.force_login(User.objects.get(username="xian_fazhi"))
    codes = sorted({code for item in contributions() for code in item.indicators})
    assert [code for code in codes if get(code).records is None] == []
    for code in codes:
        url = f"{reverse('report_figure')}?code={code}&org={county.pk}&year={YEAR}"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, code
        # The session, the org, the value this year and last (an average takes a few), the list and its count:
    # never one per record.
        assert len(queries) <= 24, (code, len(queries))


def test_without_libreoffice_the_pdf_link_brings_back_the_page_with_the_reason(report, client, monkeypatch):
    from fazhi.reports import output

    monkeypatch.setattr(output, "libreoffice", lambda: None)
    client.force_login(User.objects.get(username="xian_fazhi"))
    response = client.get(reverse("report_download", args=[report.pk, "pdf"]), follow=True)
    assert response.status_code == 200
    assert "本机未安装LibreOffice" in response.content.decode() and report.title in response.content.decode()
