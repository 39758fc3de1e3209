"""Each ledger in Excel: the template, an import that saves all rows or none, and the filtered list out."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.activities.models import Exam, StudySession
from tests.conftest import login
from tests.sample_files import EXE

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def filled(client, kind, rows):
    """The ledger's own template with `rows` written under its header."""
    book = workbook(client.get(f"/activities/{kind}/template/"))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(h, "") for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(f"{kind}.xlsx", buffer.getvalue(), XLSX)


def test_the_template_has_the_form_columns_and_instructions(county_admin):
    response = login(county_admin.username).get("/activities/exam/template/")
    assert response["Content-Type"] == XLSX
    book = workbook(response)
    assert [c.value for c in book.worksheets[0][1]] == [
        "所属单位（科室）",
        "日期",
        "名称/主题",
        "考试类型",
        "应考人数",
        "实考人数",
        "通过人数",
        "关联工作任务",
        "备注",
    ]
    instructions = {row[0].value: row[2].value for row in book["填写说明"].iter_rows(min_row=2) if row[0].value}
    assert "行政执法资格考试" in instructions["考试类型"]


def test_a_clean_sheet_is_imported_whole(county_admin, county):
    client = login(county_admin.username)
    upload = filled(
        client,
        "exam",
        [
            {
                "所属单位（科室）": county.name,
                "日期": "2030-03-08",
                "名称/主题": "第一次学法考试",
                "考试类型": "学法用法考试（法律知识测试）",
                "应考人数": 43,
                "实考人数": 43,
                "通过人数": 43,
            },
            {
                "所属单位（科室）": "示例县人民医院",
                "日期": "2030年6月8日",
                "名称/主题": "医务人员考试",
                "考试类型": "岗位法律知识考试",
                "应考人数": 300,
                "实考人数": 298,
                "通过人数": 290,
            },
        ],
    )
    response = client.post("/activities/exam/import/", {"file": upload})
    assert response.status_code == 302
    assert Exam.objects.filter(date__year=2030).count() == 2
    assert Exam.objects.get(title="医务人员考试").org.name == "示例县人民医院"


def test_a_sheet_with_errors_reports_each_by_row_and_column_and_saves_nothing(county_admin, county):
    client = login(county_admin.username)
    before = StudySession.objects.count()
    upload = filled(
        client,
        "study",
        [
            {
                "所属单位（科室）": county.name,
                "日期": "2030-03-08",
                "名称/主题": "中心组学法",
                "学法类型": "党组（党委）理论学习中心组学法",
                "学习形式": "集中学习",
                "参加人数": 9,
            },  # row 2: right
            {
                "所属单位（科室）": "示例区卫生健康局",
                "日期": "2030-03-09",
                "名称/主题": "越权",
                "学法类型": "会前学法",
                "学习形式": "集中学习",
                "参加人数": 9,
            },  # row 3: another county
            {
                "所属单位（科室）": county.name,
                "日期": "三月八日",
                "名称/主题": "日期错",
                "学法类型": "会前学法",
                "学习形式": "集中学习",
                "参加人数": 9,
            },  # row 4: not a date
            {
                "所属单位（科室）": county.name,
                "日期": "2030-03-10",
                "名称/主题": "类型错",
                "学法类型": "读书会",
                "学习形式": "集中学习",
                "参加人数": 0,
            },  # row 5: two errors
            {
                "所属单位（科室）": county.name,
                "日期": "2030-03-11",
                "名称/主题": "",
                "学法类型": "会前学法",
                "学习形式": "集中学习",
                "参加人数": 9,
                "关联工作任务": "999999",
            },  # row 6: two errors
        ],
    )
    response = client.post("/activities/study/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "未导入任何记录" in page
    assert "第3行 A列（所属单位（科室））：找不到单位“示例区卫生健康局”，或无权为其登记" in page
    assert "第4行 B列（日期）：“三月八日”不是日期" in page
    assert "第5行 D列（学法类型）：“读书会”不是可选值" in page
    assert "第5行 H列（参加人数）" in page
    assert "第6行 C列（名称/主题）：该字段是必填项" in page
    assert "第6行 J列（关联工作任务）：找不到工作任务“999999”" in page
    assert "第2行" not in page
    assert StudySession.objects.count() == before


def test_the_filtered_list_exports_in_the_template_layout_and_imports_again(county_admin, county):
    client = login(county_admin.username)
    response = client.get("/activities/exam/?year=2025&kind=law&_export=xlsx")
    sheet = workbook(response).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = Exam.objects.filter(org__path__startswith=county.parent.path, date__year=2025, kind="law").count()
    assert 0 < len(rows) == expected
    assert {row[3] for row in rows} == {"学法用法考试（法律知识测试）"}
    buffer = io.BytesIO(response.content)
    before = Exam.objects.count()
    response = client.post(
        "/activities/exam/import/", {"file": SimpleUploadedFile("exam.xlsx", buffer.getvalue(), XLSX)}
    )
    assert response.status_code == 302
    assert Exam.objects.count() == before + len(rows)


def test_a_file_that_is_not_a_workbook_is_refused(county_admin):
    client = login(county_admin.username)
    response = client.post("/activities/exam/import/", {"file": SimpleUploadedFile("a.xlsx", b"not excel", XLSX)})
    assert "文件内容与扩展名“.xlsx”不符" in response.content.decode()
    response = client.post("/activities/exam/import/", {"file": SimpleUploadedFile("a.xlsx", EXE, XLSX)})
    assert "文件内容与扩展名“.xlsx”不符" in response.content.decode()
    response = client.post("/activities/exam/import/", {"file": SimpleUploadedFile("a.csv", b"x", "text/csv")})
    assert "请上传 .xlsx 格式的 Excel 文件" in response.content.decode()
