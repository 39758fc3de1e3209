"""The year of a plan as its users live it on the pages: import, confirm, assign, issue, report,
review, copy; and who may do which."""

import datetime as dt
import io

import docx
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import services as core_services
from fazhi.core.models import EvidenceFile, Notification, Org
from fazhi.plans import selectors, services
from fazhi.plans.models import Plan, ProgressReport, ReportLink, Target, Task

from ..conftest import login
from ..sample_files import EXE, zipped
from .factories import PLAN_TEXT, make_plan

pytestmark = pytest.mark.django_db


def this_year():
    return timezone.localdate().year


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- import
def test_the_office_imports_a_docx_checks_the_preview_and_saves_a_draft(county_admin, county):
    client = login(county_admin.username)
    text = PLAN_TEXT.format(year=2027)
    preview = client.post("/plans/import/", {"org": county.pk, "year": 2026,
                                             "file": SimpleUploadedFile("要点.docx", docx_bytes(text))})
    body = preview.content.decode()
    assert "2个部分 · 3项任务" in body and "全年开展学法用法情况督查不少于2次" in body
    assert 'value="2027"' in body  # the year read from the title
    paragraphs = body.count('name="role"')
    roles = ["title", "preamble", "section", "item", "item", "section", "item", "closing", "closing"]
    assert paragraphs == len(roles)

    corrected = list(roles)
    corrected[4] = "body"  # the user decides （二） belongs to （一）
    partial = client.post("/plans/import/", {"step": "preview", "org": county.pk, "year": 2027, "text": text,
                                             "role": corrected}, HTTP_HX_REQUEST="true")
    assert "2个部分 · 2项任务" in partial.content.decode() and "<html" not in partial.content.decode()

    saved = client.post("/plans/import/", {"step": "save", "org": county.pk, "year": 2027, "text": text,
                                           "plan_title": "", "role": corrected, "source_name": "要点.docx"})
    plan = Plan.objects.get(org=county, year=2027)
    assert saved.status_code == 302 and saved["Location"] == f"/plans/{plan.pk}/"
    assert plan.status == "draft" and plan.title == "示例县卫生健康局2027年依法行政工作要点"
    assert list(plan.tasks.values_list("title", flat=True)) == ["深入开展学法", "规范执法行为"]
    assert plan.tasks.get(seq=1).due_date == dt.date(2027, 12, 31)
    assert not Target.objects.get(task__plan=plan).confirmed


def test_an_import_without_items_says_why_and_saves_nothing(county_admin, county):
    client = login(county_admin.username)
    page = client.post("/plans/import/", {"step": "save", "org": county.pk, "year": 2027,
                                          "text": "没有编号的一段话。", "role": ["preamble"]})
    assert "没有识别出任何工作条目" in page.content.decode()
    assert not Plan.objects.filter(org=county, year=2027).exists()
    bad_file = client.post("/plans/import/", {"org": county.pk, "year": 2027,
                                              "file": SimpleUploadedFile("扫描件.jpg", b"\xff\xd8\xff")})
    assert "不支持的文件类型" in bad_file.content.decode()
    for name, body in [("要点.docx", EXE), ("要点.pdf", EXE), ("要点.txt", EXE), ("要点.docx", zipped({"a.txt": "x"}))]:
        renamed = client.post("/plans/import/", {"org": county.pk, "year": 2027,
                                                 "file": SimpleUploadedFile(name, body)})
        assert f"文件内容与扩展名“.{name.rsplit('.', 1)[1]}”不符" in renamed.content.decode(), name


def test_only_the_legal_affairs_office_imports(county_reporter, county_leader, other_county_admin, county):
    for user in (county_reporter, county_leader):
        assert login(user.username).get("/plans/import/").status_code == 403
    # Another county's office cannot import into this county's commission.
    page = login(other_county_admin.username).post("/plans/import/", {
        "step": "save", "org": county.pk, "year": 2027, "text": PLAN_TEXT.format(year=2027)})
    assert page.status_code == 403 and not Plan.objects.filter(org=county, year=2027).exists()


# ---------------------------------------------------------------- confirm, assign, issue
def test_targets_are_confirmed_edited_and_deleted_on_one_page(county_admin):
    plan = make_plan(county_admin, year=2027, issue=False)
    Target.objects.filter(task__plan=plan).update(confirmed=False)
    extra = services.target_save(task=plan.tasks.get(seq=2), actor=county_admin, what="述法", comparator=">=",
                                 number=100, unit="%", period="year", confirmed=False)
    (target,) = Target.objects.filter(task__plan=plan).exclude(pk=extra.pk)
    client = login(county_admin.username)
    assert "还有2项量化目标未确认" in client.post(f"/plans/{plan.pk}/issue/", follow=True).content.decode()
    prefix = f"t{target.pk}"
    data = {f"{prefix}-what": "法律法规测试", f"{prefix}-comparator": ">=", f"{prefix}-number": "3",
            f"{prefix}-unit": "次", f"{prefix}-period": "year", f"{prefix}-indicator_code": "",
            f"{prefix}-confirmed": "on", "delete": [extra.pk],
            f"t{extra.pk}-what": "", f"t{extra.pk}-number": ""}
    assert client.post(f"/plans/{plan.pk}/targets/", data).status_code == 302
    target.refresh_from_db()
    assert (target.number, target.confirmed) == (3, True)
    assert not Target.objects.filter(pk=extra.pk).exists()
    bad = client.post(f"/plans/{plan.pk}/targets/", {**data, f"{prefix}-number": "-1", "delete": []})
    assert "目标值不能为负数" in bad.content.decode() or "大于或等于0" in bad.content.decode()


def test_bulk_assignment_sets_every_task_on_one_screen_and_issuing_checks_it(county_admin, county):
    plan = make_plan(county_admin, year=2027, issue=False)
    Task.objects.filter(plan=plan).update(lead=None)
    client = login(county_admin.username)
    refused = client.post(f"/plans/{plan.pk}/issue/", follow=True).content.decode()
    assert "以下任务尚未确定牵头单位" in refused and "（一）深入开展学法" in refused
    tasks = list(plan.tasks.order_by("seq"))
    office = Org.objects.get(code="990121.wjw.zcfgk")
    hospital = Org.objects.get(code="990121.wjw.rmyy")
    cdc = Org.objects.get(code="990121.wjw.cdc")
    form = {"form-TOTAL_FORMS": 3, "form-INITIAL_FORMS": 3}
    for index, task in enumerate(tasks):
        form.update({f"form-{index}-task": task.pk, f"form-{index}-lead": office.pk if index else hospital.pk,
                     f"form-{index}-due_date": "2027-11-30", f"form-{index}-cadence": "half",
                     f"form-{index}-co_units": [cdc.pk]})
    assert client.post(f"/plans/{plan.pk}/assign/", form).status_code == 302
    first = Task.objects.get(pk=tasks[0].pk)
    assert (first.lead, first.due_date, first.cadence) == (hospital, dt.date(2027, 11, 30), "half")
    assert list(first.co_units.all()) == [cdc]
    assert "牵头单位" in first.events.filter(kind="assigned").first().parameters["changes"]
    # A unit of another county is not offered, and cannot be posted.
    other = Org.objects.get(code="990102.wjw.rmyy")
    form["form-0-lead"] = other.pk
    page = client.post(f"/plans/{plan.pk}/assign/", form)
    assert "选择一个有效的选项" in page.content.decode()
    # Rows are tied to tasks by id: a list that changed meanwhile saves nothing.
    form["form-0-lead"] = office.pk
    form["form-1-task"] = tasks[0].pk
    stale = client.post(f"/plans/{plan.pk}/assign/", form, follow=True).content.decode()
    assert "任务列表已有变化" in stale and Task.objects.get(pk=tasks[0].pk).lead == hospital
    form["form-TOTAL_FORMS"] = 2
    short = client.post(f"/plans/{plan.pk}/assign/", form, follow=True)
    assert short.status_code == 200 and "任务列表已有变化" in short.content.decode()
    assert client.post(f"/plans/{plan.pk}/issue/").status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "issued"


# ---------------------------------------------------------------- a unit's year
def test_a_unit_sees_its_own_issued_tasks_only(county_admin, county_reporter):
    draft = make_plan(county_admin, year=2027, issue=False)
    issued = make_plan(county_admin, year=this_year(), text=PLAN_TEXT.replace("依法行政", "普法依法治理"))
    other_lead = issued.tasks.get(seq=3)
    services.task_assign(task=other_lead, actor=county_admin, lead=Org.objects.get(code="990121.wjw.zcfgk"))
    page = login(county_reporter.username).get(f"/tasks/?year={this_year()}&q=普法依法治理").content.decode()
    assert "深入开展学法" in page and "规范执法行为" not in page
    assert login(county_reporter.username).get(f"/tasks/{draft.tasks.first().pk}/").status_code == 404
    assert login(county_reporter.username).get(f"/tasks/{other_lead.pk}/").status_code == 404


def test_a_unit_files_progress_with_files_and_links_and_the_office_reviews_it(county_admin, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once")
    task = plan.tasks.get(seq=2)
    evidence = core_services.evidence_upload(  # filed earlier in the unit's evidence library
        org=county_reporter.org, uploaded=SimpleUploadedFile("述法会议纪要.pdf", b"%PDF-1.4 minutes"),
        title="述法会议纪要", actor=county_reporter)
    reporter = login(county_reporter.username)
    form = reporter.get(f"/tasks/{task.pk}/report/").content.decode()
    assert f"{this_year()}年全年" in form and evidence.title in form
    ct = ContentType.objects.get_for_model(EvidenceFile).pk
    empty = reporter.post(f"/tasks/{task.pk}/report/", {"period": f"{this_year()}-01-01|{this_year()}-12-31",
                                                        "text": "  "})
    assert "请填写进展情况" in empty.content.decode() and not task.reports.exists()
    response = reporter.post(f"/tasks/{task.pk}/report/", {
        "period": f"{this_year()}-01-01|{this_year()}-12-31", "text": "班子成员5人完成述法",
        "completes_task": "on", "links": [f"{ct}:{evidence.pk}"],
        "files": [SimpleUploadedFile("述法报告.pdf", b"%PDF-1.4 a"),
                  SimpleUploadedFile("签到表.jpg", b"\xff\xd8\xff1")]})
    assert response.status_code == 302
    report = task.reports.get()
    assert report.org == county_reporter.org and report.status == "submitted"
    assert ReportLink.objects.get(report=report).label == str(evidence)
    assert EvidenceFile.objects.filter(object_id=report.pk, content_type__model="progressreport").count() == 2

    office = login(county_admin.username)
    page = office.get(f"/tasks/{task.pk}/").content.decode()
    assert "待审核" in page and 'data-testid="accept"' in page
    assert 'data-testid="accept"' not in reporter.get(f"/tasks/{task.pk}/").content.decode()
    refused = office.post(f"/reports/{report.pk}/review/", {"decision": "return", "comment": ""}, follow=True)
    assert "退回时请填写意见" in refused.content.decode()
    office.post(f"/reports/{report.pk}/review/", {"decision": "accept", "comment": "材料齐全"})
    report.refresh_from_db()
    assert report.status == "accepted" and report.reviewed_by == county_admin
    assert "已完成" in office.get(f"/tasks/{task.pk}/").content.decode()
    again = office.post(f"/reports/{report.pk}/review/", {"decision": "return", "comment": "x"}, follow=True)
    assert "不能重复审核" in again.content.decode()


def test_people_outside_the_lead_unit_cannot_file_or_review(county_admin, county_leader, county_reporter,
                                                            other_county_admin):
    plan = make_plan(county_admin, year=this_year(), lead_code="990121.wjw.zcfgk")
    task = plan.tasks.get(seq=1)
    assert login(county_reporter.username).get(f"/tasks/{task.pk}/report/").status_code == 404
    assert login(county_leader.username).get(f"/tasks/{task.pk}/report/").status_code == 403
    report = services.report_submit(task=task, period_start=dt.date(this_year(), 1, 1),
                                    period_end=dt.date(this_year(), 3, 31), text="x", actor=county_admin)
    assert login(county_leader.username).post(f"/reports/{report.pk}/review/",
                                              {"decision": "accept"}).status_code == 403
    assert ProgressReport.objects.get(pk=report.pk).status == "submitted"
    assert login(other_county_admin.username).post(f"/reports/{report.pk}/review/",
                                                   {"decision": "accept"}).status_code == 404


def test_a_manual_target_needs_evidence(county_admin, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once")
    target = Target.objects.get(task__plan=plan)
    client = login(county_reporter.username)
    page = client.post(f"/targets/{target.pk}/tick/", {"value": "2"})
    assert "请上传或选择佐证材料" in page.content.decode()
    client.post(f"/targets/{target.pk}/tick/", {"value": "2", "note": "两次督查",
                                                "files": [SimpleUploadedFile("督查通报.pdf", b"%PDF-1.4 x")]})
    target.refresh_from_db()
    assert (target.manual_value, target.manual_by) == (2, county_reporter)


# ---------------------------------------------------------------- the year turns
def test_last_years_plan_is_copied_as_this_years_draft(county_admin):
    plan = make_plan(county_admin, year=2027)
    client = login(county_admin.username)
    response = client.post(f"/plans/{plan.pk}/copy/")
    copy = Plan.objects.get(org=plan.org, year=2028)
    assert response["Location"] == f"/plans/{copy.pk}/"
    assert copy.title == "示例县卫生健康局2028年依法行政工作要点" and copy.status == "draft"
    assert list(copy.tasks.values_list("title", "lead_id", "due_date")) == [
        (t, lead, d.replace(year=2028)) for t, lead, d in plan.tasks.values_list("title", "lead_id", "due_date")]
    assert not ProgressReport.objects.filter(task__plan=copy).exists()
    assert "已有" in client.post(f"/plans/{plan.pk}/copy/", follow=True).content.decode()


def test_the_daily_reminders_go_to_the_unit_once(county_admin, county_reporter, capsys):
    plan = make_plan(county_admin, year=2026, cadence="once", issued_on=dt.date(2026, 2, 20))
    call_command("send_reminders", "--date", "2026-12-20")
    ours = [f"task:{pk}:" for pk in plan.tasks.values_list("pk", flat=True)]

    def sent(kind, **filters):
        return [n for n in Notification.objects.filter(key__contains=f":{kind}:", **filters)
                if n.key.startswith(tuple(ours))]

    warned = sent("warning", user=county_reporter)
    assert len(warned) == plan.tasks.count()
    assert "任务即将到期" in warned[0].title and warned[0].url.startswith("/tasks/")
    call_command("send_reminders", "--date", "2026-12-20")
    assert len(sent("warning", user=county_reporter)) == plan.tasks.count()
    call_command("send_reminders", "--date", "2027-01-05")
    assert {n.user for n in sent("overdue")} == {county_reporter, county_admin}
    assert "新发送" in capsys.readouterr().out
    page = login(county_reporter.username).get("/notifications/").content.decode()
    assert "任务逾期" in page


# ---------------------------------------------------------------- pages and their cost
def test_the_overview_counts_by_section_lead_and_unit(county_admin, county_leader, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once")
    page = login(county_leader.username).get(f"/plans/{plan.pk}/overview/").content.decode()
    assert 'data-testid="total">3<' in page and "示例县人民医院" in page and "plan-charts" in page
    assert login(county_reporter.username).get(f"/plans/{plan.pk}/overview/").status_code == 403


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", ["/plans/{pk}/", "/plans/{pk}/overview/", "/tasks/?year={year}",
                                  "/plans/{pk}/ledger.xlsx", "/plans/{pk}/assign/", "/plans/?year={year}"])
def test_more_tasks_do_not_mean_more_queries(county_admin, page):
    small = make_plan(county_admin, year=2030)
    # The same target wording as the small plan's, so both ask the same indicators (here none).
    items = "\n".join(f"（{n}）任务{n}。全年开展学法用法情况督查不少于2次。" for n in "一二三四五六七八九十")
    big = make_plan(county_admin, year=2031, text="要点\n一、学习\n" + items + "\n二、执法\n（十一）检查。开展检查。")
    client = login(county_admin.username)
    client.get(page.format(pk=small.pk, year=2030))  # warm the caches every request shares (content types)
    assert count(client, page.format(pk=small.pk, year=2030)) == count(client, page.format(pk=big.pk, year=2031))


def test_the_home_page_shows_this_years_tasks_at_a_fixed_cost(county_admin, county_reporter):
    make_plan(county_admin, cadence="once", text=PLAN_TEXT.replace("依法行政", "法治宣传"))
    client = login(county_reporter.username)
    client.get("/")
    before = count(client, "/")
    items = "\n".join(f"（{n}）任务{n}。开展工作。" for n in "一二三四五六七八")
    make_plan(county_admin, cadence="once", text="要点乙\n一、学习\n" + items)
    assert count(client, "/") == before
    page = client.get("/").content.decode()
    mine = selectors.tasks_visible(county_reporter).filter(plan__year=this_year(), plan__status="issued").count()
    assert f"{this_year()}年工作任务" in page and f"全部{mine}项" in page


def test_the_office_deletes_a_wrongly_read_task_until_progress_is_reported(county_admin, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once")
    first, second = plan.tasks.order_by("seq")[:2]
    client = login(county_admin.username)
    assert login(county_reporter.username).post(f"/tasks/{first.pk}/delete/").status_code == 403
    assert client.post(f"/tasks/{first.pk}/delete/").status_code == 302
    assert not plan.tasks.filter(pk=first.pk).exists() and Task.all_objects.filter(pk=first.pk).exists()
    services.report_submit(task=second, period_start=dt.date(this_year(), 1, 1),
                           period_end=dt.date(this_year(), 12, 31), text="x", actor=county_reporter)
    refused = client.post(f"/tasks/{second.pk}/delete/", follow=True).content.decode()
    assert "该任务已有进展报送，不能删除" in refused and plan.tasks.filter(pk=second.pk).exists()


def test_a_wrong_year_in_the_preview_keeps_the_users_corrections(county_admin, county):
    text = PLAN_TEXT.format(year=2027)
    roles = ["title", "preamble", "section", "item", "body", "section", "item", "closing", "closing"]
    page = login(county_admin.username).post("/plans/import/", {
        "step": "save", "org": county.pk, "year": "二〇二七", "text": text, "role": roles}).content.decode()
    assert "年度须为2000至2100之间的四位数字" in page and "1个部分" not in page and "2项任务" in page
    assert page.count('value="body" selected') == 1 and not Plan.objects.filter(org=county, year=2027).exists()


def test_the_office_adds_a_target_the_reading_missed(county_admin):
    plan = make_plan(county_admin, year=2027, issue=False)
    Target.objects.filter(task__plan=plan).delete()  # only the new row on the page
    task = plan.tasks.get(seq=2)
    client = login(county_admin.username)
    blank = client.post(f"/plans/{plan.pk}/targets/", {"new-comparator": ">=", "new-period": "year"})
    assert blank.status_code == 302 and task.targets.count() == 0
    half = client.post(f"/plans/{plan.pk}/targets/", {"new-task": task.pk, "new-what": "年终述法"})
    assert "该字段是必填项" in half.content.decode() and task.targets.count() == 0
    client.post(f"/plans/{plan.pk}/targets/", {"new-task": task.pk, "new-what": "年终述法", "new-comparator": ">=",
                                               "new-number": "100", "new-unit": "%", "new-period": "year",
                                               "new-confirmed": "on"})
    assert [str(t) for t in task.targets.all()] == ["年终述法达到100%"]


def test_plan_settings_refuse_a_taken_title_and_a_new_year_once_issued(county_admin):
    draft = make_plan(county_admin, year=2027, issue=False)
    issued = make_plan(county_admin, year=2027, text=PLAN_TEXT.replace("依法行政", "普法"))
    client = login(county_admin.username)
    settings = {"warn_days": 15, "report_grace_days": 5, "default_cadence": "quarter"}
    taken = client.post(f"/plans/{draft.pk}/edit/", {**settings, "title": issued.title, "year": 2027})
    assert taken.status_code == 200 and "本单位该年度已有同名的工作要点" in taken.content.decode()
    client.post(f"/plans/{issued.pk}/edit/", {**settings, "title": issued.title, "year": 2028})
    assert Plan.objects.get(pk=issued.pk).year == 2027
    moved = client.post(f"/plans/{draft.pk}/edit/", {**settings, "title": draft.title, "year": 2028})
    assert moved.status_code == 302, moved.content.decode()[-3000:]
    assert set(draft.tasks.values_list("due_date", flat=True)) == {dt.date(2028, 12, 31)}


def test_a_deleted_plan_whose_title_is_taken_again_is_not_restored_over_it(county_admin, county_sysadmin):
    first = make_plan(county_admin, year=2027, issue=False)
    login(county_admin.username).post(f"/plans/{first.pk}/delete/")
    make_plan(county_admin, year=2027, issue=False)
    ct = ContentType.objects.get_for_model(Plan).pk
    page = login(county_sysadmin.username).post(f"/trash/{ct}/{first.pk}/restore/", follow=True)
    assert "不能恢复" in page.content.decode() and Plan.all_objects.get(pk=first.pk).is_deleted


def test_the_task_export_holds_the_filtered_rows_as_plain_text(county_admin):
    import openpyxl

    plan = make_plan(county_admin, year=2026, cadence="once", issued_on=dt.date(2026, 2, 20))
    services.task_assign(task=plan.tasks.get(seq=1), actor=county_admin, due_date=dt.date(2026, 3, 31))
    response = login(county_admin.username).get("/tasks/?year=2026&q=依法行政&status=overdue&_export=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["深入开展学法"] and rows[1][5] == "逾期"


def test_only_the_lead_unit_and_the_office_file_progress(county_admin, county_reporter):
    from fazhi.core.models import User

    plan = make_plan(county_admin, year=this_year())
    task = plan.tasks.get(seq=1)
    reviewer = User.objects.get(username="xian_shenhe")  # a commission role, but not the lead unit's
    assert login(reviewer.username).get(f"/tasks/{task.pk}/report/").status_code == 403
    assert login(county_reporter.username).get(f"/tasks/{task.pk}/report/").status_code == 200
    assert login(county_admin.username).get(f"/tasks/{task.pk}/report/").status_code == 200


def test_a_returned_report_is_announced_and_a_pending_one_is_not_filed_twice(county_admin, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once")
    task = plan.tasks.get(seq=2)
    period = {"period_start": dt.date(this_year(), 1, 1), "period_end": dt.date(this_year(), 12, 31)}
    report = services.report_submit(task=task, text="初稿", actor=county_reporter, **period)
    with pytest.raises(ValidationError, match="已有待审核的报送"):
        services.report_submit(task=task, text="又一稿", actor=county_reporter, **period)
    services.report_review(report=report, accept=False, comment="请补充签到表", actor=county_admin)
    note = Notification.objects.get(user=county_reporter, key=f"report:{report.pk}:returned")
    assert "进展被退回" in note.title and note.body == "请补充签到表"
    services.report_submit(task=task, text="补充后再报", actor=county_reporter, **period)


def test_a_co_unit_sees_the_reports_but_not_files_it_cannot_open(county_admin, county_reporter):
    plan = make_plan(county_admin, year=this_year(), cadence="once", lead_code="990121.wjw.zcfgk")
    task = plan.tasks.get(seq=2)
    services.task_assign(task=task, actor=county_admin, co_units=[county_reporter.org])
    services.report_submit(task=task, period_start=dt.date(this_year(), 1, 1), period_end=dt.date(this_year(), 12, 31),
                           text="述法", uploads=[SimpleUploadedFile("科室内部签到表.pdf", b"%PDF-1.4 s")],
                           actor=county_admin)
    page = login(county_reporter.username).get(f"/tasks/{task.pk}/").content.decode()
    assert "述法" in page and "科室内部签到表" not in page
