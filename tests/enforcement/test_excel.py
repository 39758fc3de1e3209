"""The register in Excel: the template, an import that saves every row or none and names each problem by row
and column, and the filtered register out in the same columns."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement.models import CreditRating, Entity
from tests.conftest import login
from tests.core.test_evidence import post_counting
from tests.sample_files import EXE, word, zipped

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["监管单位", "单位名称", "监管类别", "统一社会信用代码", "许可证号", "许可有效期至", "地址",
          "法定代表人/负责人", "联系电话", "个体经营", "经营状态", "信用等级", "评定日期", "纳入监管日期", "备注",
          "系统编号"]


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def filled(client, rows):
    """The register's own template with `rows` (dicts by column title) written under its header."""
    book = workbook(client.get("/enforcement/entities/template/"))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(h, "") for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("监管对象.xlsx", buffer.getvalue(), XLSX)


def row(n, **extra):
    return {"单位名称": f"示例县导入测试单位{n}", "监管类别": "公共场所", "统一社会信用代码": f"92990121MA0000000{n}",
            "地址": f"示例县建设路{n}号", "经营状态": "正常经营", "信用等级": "B级（基本守信）", **extra}


def test_the_template_has_the_form_columns_and_instructions(county_admin):
    response = login(county_admin.username).get("/enforcement/entities/template/")
    assert response["Content-Type"] == XLSX
    book = workbook(response)
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    instructions = {r[0].value: r[2].value for r in book["填写说明"].iter_rows(min_row=2) if r[0].value}
    assert "公共场所" in instructions["监管类别"] and "D级（严重失信）" in instructions["信用等级"]
    assert "留空为示例县卫生健康综合监督执法大队" in instructions["监管单位"]


def test_a_clean_sheet_is_imported_whole_with_each_first_grade(county_admin):
    client = login(county_admin.username)
    upload = filled(client, [row(1), row(2, 监管单位="示例县卫生健康综合监督执法大队", 监管类别="诊所、门诊部",
                                         信用等级="C级（失信）", 评定日期="2025年12月20日", 个体经营="是")])
    response = client.post("/enforcement/entities/import/", {"file": upload})
    assert response.status_code == 302
    clinic = Entity.objects.get(name="示例县导入测试单位2")
    assert (clinic.category, clinic.credit_grade, str(clinic.graded_on), clinic.is_individual) == (
        "clinic", "C", "2025-12-20", True)
    assert clinic.org.code == "990121.wjw.wsjds" and clinic.created_by == county_admin
    assert CreditRating.objects.get(entity=clinic).basis == "Excel导入时的等级"
    assert Entity.objects.get(name="示例县导入测试单位1").org.code == "990121.wjw.wsjds"  # the blank unit


def test_every_problem_is_named_by_row_and_column_and_nothing_is_saved(county_admin):
    client = login(county_admin.username)
    existing = Entity.objects.filter(org__code__startswith="990121").exclude(credit_code="").first()
    upload = filled(client, [
        row(1),
        row(2, 监管类别="美容院"),
        row(3, 信用等级="AA级"),
        row(4, 评定日期="去年年底"),
        row(5, 统一社会信用代码="92990121MA00000001"),  # the same as row 2's line 1
        row(6, 统一社会信用代码=existing.credit_code),
        row(7, 单位名称=""),
        row(8, 监管单位="不存在的卫生院"),
    ])
    response = client.post("/enforcement/entities/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    expected = [
        "第3行 C列（监管类别）：“美容院”不是可选值",
        "第4行 L列（信用等级）：“AA级”不是可选值",
        "第5行 M列（评定日期）：“去年年底”不是日期，请写成 2026-03-08",
        "第6行 D列（统一社会信用代码）：与第2行的统一社会信用代码重复",
        f"第7行 D列（统一社会信用代码）：该统一社会信用代码已登记：{existing.name}",
        "第8行 B列（单位名称）：",
        "第9行 A列（监管单位）：找不到单位“不存在的卫生院”",
    ]
    for message in expected:
        assert message in page, message
    assert "发现7处问题，未导入任何记录" in page
    assert not Entity.objects.filter(name__startswith="示例县导入测试单位").exists()


def test_a_file_that_is_not_the_template_is_refused(county_admin):
    client = login(county_admin.username)
    not_excel = SimpleUploadedFile("名单.xlsx", b"not a workbook", XLSX)
    assert "文件内容与扩展名“.xlsx”不符" in client.post("/enforcement/entities/import/",
                                                        {"file": not_excel}).content.decode()
    book = openpyxl.Workbook()
    book.active.append(["名称", "地址"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = client.post("/enforcement/entities/import/",
                       {"file": SimpleUploadedFile("名单.xlsx", buffer.getvalue(), XLSX)}).content.decode()
    assert "缺少“单位名称”列" in page


def test_the_export_has_the_template_columns_and_follows_the_filters(county_admin):
    client = login(county_admin.username)
    book = workbook(client.get("/enforcement/entities/?category=water&_export=xlsx"))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER
    categories = {r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert categories == {"生活饮用水供水单位"}
    water = Entity.objects.filter(org__path__startswith=county_admin.org.parent.path, category="water").count()
    assert sheet.max_row - 1 == water


def exported(client, query):
    """The register's export for `query`, rows as dicts by column title, and a function that sends rows back."""
    sheet = workbook(client.get(f"/enforcement/entities/?{query}&_export=xlsx")).worksheets[0]
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_an_exported_register_sent_back_corrects_those_entities_and_adds_none(county_admin):
    client = login(county_admin.username)
    rows = exported(client, "category=water")
    before = Entity.objects.count()
    rows[0]["联系电话"] = "0371-12345678"
    rows[0]["纳入监管日期"] = "2018-06-01"
    response = client.post("/enforcement/entities/import/", {"file": filled(client, rows)}, follow=True)
    assert f"新增0个，修改{len(rows)}个" in response.content.decode()
    assert Entity.objects.count() == before
    entity = Entity.objects.get(pk=rows[0]["系统编号"])
    assert entity.phone == "0371-12345678" and str(entity.registered_on) == "2018-06-01"


def test_an_unknown_system_number_is_named_and_nothing_is_saved(county_admin):
    client = login(county_admin.username)
    (first, *_) = exported(client, "category=water")
    other = Entity.objects.filter(org__code__startswith="990102").first()  # another county's entity
    upload = filled(client, [{**first, "联系电话": "0371-1"}, row(1, 系统编号=999999),
                             row(2, 系统编号=other.pk), row(3, 系统编号="甲")])
    page = client.post("/enforcement/entities/import/", {"file": upload}).content.decode()
    assert "第3行 P列（系统编号）：系统编号999999的监管对象不存在或不在您的管理范围内" in page
    assert f"第4行 P列（系统编号）：系统编号{other.pk}的监管对象不存在或不在您的管理范围内" in page
    assert "第5行 P列（系统编号）：“甲”不是系统编号" in page
    assert Entity.objects.get(pk=first["系统编号"]).phone != "0371-1"
    assert not Entity.objects.filter(name__startswith="示例县导入测试单位").exists()


def test_a_leader_cannot_import(county_leader):
    assert login(county_leader.username).get("/enforcement/entities/import/").status_code == 403


@pytest.mark.parametrize("body", [EXE, zipped({"名单.txt": "单位名称"}), word()])
def test_a_program_a_zip_or_a_word_document_named_xlsx_is_refused(county_admin, body):
    before = Entity.objects.count()
    page = login(county_admin.username).post("/enforcement/entities/import/",
                                             {"file": SimpleUploadedFile("名单.xlsx", body, XLSX)}).content.decode()
    assert '<div class="invalid-feedback d-block">文件内容与扩展名“.xlsx”不符' in page
    assert Entity.objects.count() == before


def test_an_oversize_workbook_is_stopped_while_it_arrives(county_admin, settings):
    settings.FAZHI_UPLOAD_MAX_BYTES = 64 * 1024
    client = login(county_admin.username)
    big = filled(client, [{"单位名称": f"示例县超大名单单位{n}", "地址": f"示例路{n * 7919}号"} for n in range(8000)])
    assert big.size > 4 * settings.FAZHI_UPLOAD_MAX_BYTES
    response, consumed, sent = post_counting(client, "/enforcement/entities/import/", {"file": big})
    assert response.status_code == 200
    assert "文件大小超过上限 64.0\xa0KB，系统已停止接收" in response.content.decode()
    # Up to the limit and the chunk (64 KB) that passed it, not the rest.
    assert settings.FAZHI_UPLOAD_MAX_BYTES < consumed < 3 * settings.FAZHI_UPLOAD_MAX_BYTES < sent
    assert not Entity.objects.filter(name__startswith="示例县超大名单单位").exists()
