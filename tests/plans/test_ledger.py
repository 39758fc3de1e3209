"""The task ledger in Excel: the usual 台账 layout out, an edited ledger back in, all or nothing."""

import datetime as dt
import io

import openpyxl
import pytest

from fazhi.core.models import Org, User
from fazhi.plans import ledger, services
from fazhi.plans.models import ProgressReport, Task, TaskEvent

from ..conftest import login
from ..sample_files import zipped
from .factories import make_plan

pytestmark = pytest.mark.django_db

HEADER = ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时限", "进展情况", "完成情况/佐证材料",
          "系统编号"]


def exported(plan, **options) -> bytes:
    """The ledger as 示例县's legal affairs office downloads it."""
    return ledger.export(plan, dt.date(2026, 6, 1), user=User.objects.get(username="xian_fazhi"), **options)


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


def edited(content: bytes, edit) -> bytes:
    book = workbook(content)
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plan(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, cadence="once")
    task = plan.tasks.get(seq=1)
    report = services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                    text="开展督查1次，抽查科室6个", actor=county_reporter)
    services.report_review(report=report, accept=True, actor=county_admin)
    return plan


def test_the_export_has_one_sheet_per_section_in_the_usual_layout(plan):
    book = workbook(exported(plan))
    assert book.sheetnames == ["一、加强学法用法", "二、规范行政执法"]
    sheet = book["一、加强学法用法"]
    assert sheet["A1"].value == "示例县卫生健康局2026年依法行政工作要点任务台账（一、加强学法用法）"
    assert [c.value for c in sheet[2]] == HEADER
    first = rows(sheet)[0]
    assert first[:2] == ["（一）", "深入开展学法"]
    assert first[3] == "示例县人民医院" and first[5] == dt.datetime(2026, 12, 31)
    assert first[6] == "【2026年全年】开展督查1次，抽查科室6个"
    assert first[7].startswith("推进中") and "全年开展学法用法情况督查不少于2次：未达成" in first[7]
    assert first[8] == plan.tasks.get(seq=1).pk


def test_the_single_sheet_export_has_a_row_per_section(plan):
    sheet = workbook(exported(plan, per_section=False)).active
    values = [r[0] for r in rows(sheet)]
    assert values == ["一、加强学法用法", "（一）", "（二）", "二、规范行政执法", "（三）"]


def test_an_edited_ledger_updates_assignments_and_progress(plan, county_admin):
    task = plan.tasks.get(seq=2)

    def edit(book):
        sheet = book["一、加强学法用法"]
        sheet["D4"] = "政策法规科"
        sheet["E4"] = "办公室、示例县疾病预防控制中心"
        sheet["F4"] = "2026年10月31日"
        sheet["G4"] = "班子成员已完成述法5人"

    counts = ledger.import_ledger(plan=plan, data=edited(exported(plan), edit),
                                  actor=county_admin, today=dt.date(2026, 6, 1))
    assert counts == {"tasks": 1, "reports": 1}
    task.refresh_from_db()
    assert task.lead.name == "政策法规科" and task.due_date == dt.date(2026, 10, 31)
    assert sorted(o.name for o in task.co_units.all()) == ["办公室", "示例县疾病预防控制中心"]
    report = ProgressReport.objects.get(task=task)
    assert report.text == "班子成员已完成述法5人" and report.status == "accepted"
    assert TaskEvent.objects.filter(task=task, kind="ledger_imported").exists()


def test_an_unchanged_ledger_changes_nothing(plan, county_admin):
    content = exported(plan, per_section=False)
    counts = ledger.import_ledger(plan=plan, data=content, actor=county_admin, today=dt.date(2026, 6, 1))
    assert counts == {"tasks": 0, "reports": 0}


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_saved(plan, county_admin):
    before = (list(Task.objects.filter(plan=plan).values_list("lead_id", "due_date", "measures")),
              ProgressReport.objects.count())

    def edit(book):
        first = book["一、加强学法用法"]
        first["C3"] = "新的措施"  # a good change, which must not be saved either
        first["D3"] = "不存在的科"
        first["F4"] = "明年"
        second = book["二、规范行政执法"]
        second["E3"] = "法规科、不存在的单位"
        second["I3"] = 99999999

    with pytest.raises(Exception) as error:
        ledger.import_ledger(plan=plan, data=edited(exported(plan), edit),
                             actor=county_admin, today=dt.date(2026, 6, 1))
    messages = error.value.messages
    assert ("工作表“一、加强学法用法”第3行 D列（牵头单位）：找不到“不存在的科”，"
            "须为示例县卫生健康局的科室或委属单位名称") in messages
    assert any(m.startswith("工作表“一、加强学法用法”第4行 F列（完成时限）：“明年”不是日期") for m in messages)
    assert any(m.startswith("工作表“二、规范行政执法”第3行：找不到对应的任务") for m in messages)
    after = (list(Task.objects.filter(plan=plan).values_list("lead_id", "due_date", "measures")),
             ProgressReport.objects.count())
    assert after == before


def test_the_import_page_lists_the_problems(plan, county_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def edit(book):
        book["一、加强学法用法"]["D3"] = ""

    content = edited(exported(plan), edit)
    client = login(county_admin.username)
    page = client.post(f"/plans/{plan.pk}/ledger/import/", {"file": SimpleUploadedFile("台账.xlsx", content)})
    body = page.content.decode()
    assert "台账有1处问题，未导入任何内容" in body and "第3行 D列（牵头单位）：不能为空" in body
    not_excel = client.post(f"/plans/{plan.pk}/ledger/import/", {"file": SimpleUploadedFile("台账.csv", b"a,b")})
    assert "请上传 .xlsx 格式的台账" in not_excel.content.decode()
    a_zip = zipped({"台账.txt": "一、加强学法用法"})
    renamed = client.post(f"/plans/{plan.pk}/ledger/import/", {"file": SimpleUploadedFile("台账.xlsx", a_zip)})
    assert "文件内容与扩展名“.xlsx”不符" in renamed.content.decode()


@pytest.mark.parametrize("cell, expected", [
    ("2026-09-30", dt.date(2026, 9, 30)), ("2026年9月30日", dt.date(2026, 9, 30)), ("2026.9.30", dt.date(2026, 9, 30)),
    ("9月底", dt.date(2026, 9, 30)), ("年底", dt.date(2026, 12, 31)), (dt.datetime(2026, 5, 1), dt.date(2026, 5, 1)),
    ("2026-02-30", None), ("尽快", None),
])
def test_deadlines_are_read_as_people_write_them(cell, expected):
    assert ledger.parse_date(cell, 2026) == expected


def test_the_ledger_is_for_the_office_and_leaders(plan, county_reporter, county_leader):
    assert login(county_reporter.username).get(f"/plans/{plan.pk}/ledger.xlsx").status_code == 403
    response = login(county_leader.username).get(f"/plans/{plan.pk}/ledger.xlsx?layout=single")
    assert response.status_code == 200 and workbook(response.content).sheetnames == ["任务台账"]
    assert Org.objects.get(code="990121.wjw.rmyy").name in [r[3] for r in rows(workbook(response.content).active)]


def test_progress_lines_already_recorded_are_not_imported_again(plan, county_admin):
    task = plan.tasks.get(seq=1)

    def edit(book):
        cell = book["一、加强学法用法"]["G3"]
        cell.value = cell.value.replace("抽查科室6个", "抽查科室7个") + "\n11月又开展督查1次"

    content = edited(exported(plan), edit)
    counts = ledger.import_ledger(plan=plan, data=content, actor=county_admin, today=dt.date(2026, 11, 20))
    assert counts["reports"] == 1
    assert list(task.reports.order_by("pk").values_list("text", flat=True)) == ["开展督查1次，抽查科室6个",
                                                                                 "11月又开展督查1次"]
    again = ledger.import_ledger(plan=plan, data=content, actor=county_admin, today=dt.date(2026, 11, 21))
    assert again["reports"] == 0  # the same file twice adds nothing twice
