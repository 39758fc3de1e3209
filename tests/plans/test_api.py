"""The plans API as its users meet it: 示例县's legal affairs office issues a small plan, the county
hospital reports progress on its tasks, the office reviews the reports, and 示例区 sees none of it.
Every plan here is made in the test, so plans from the demo data never change an answer."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from fazhi.plans import services
from fazhi.plans.models import Plan, Target
from fazhi.plans.periods import span_for, task_spans
from fazhi.plans.status import task_states

from ..conftest import login
from ..sample_files import EXE

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
PLAN_TEXT = """示例县卫生健康委员会法治建设工作要点

一、深入学习贯彻习近平法治思想

（一）开展学法用法情况督查。全年开展学法用法情况督查不少于2次，做好成绩记录。

（二）落实领导干部学法制度。领导班子成员集中学法每季度不少于1次。

二、加强普法宣传教育

（一）落实普法责任清单。制定本委年度普法责任清单，明确责任科室。
"""


def api(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def import_plan(admin, org, lead, text=PLAN_TEXT, title="接口测试工作要点", indicator_code=None):
    """A draft plan whose tasks the hospital leads and whose targets the office has confirmed."""
    plan = services.plan_import(org=org, year=YEAR, text=text, title=title, actor=admin)
    for task in plan.tasks.all():
        services.task_assign(task=task, lead=lead, actor=admin)
    for target in Target.objects.filter(task__plan=plan):
        services.target_save(target=target, what=target.what, comparator=target.comparator, number=target.number,
                             unit=target.unit, period=target.period, actor=admin,
                             indicator_code=target.indicator_code if indicator_code is None else indicator_code)
    return plan


def issue_plan(admin, org, lead, **kwargs):
    return services.plan_issue(plan=import_plan(admin, org, lead, **kwargs), actor=admin)


@pytest.fixture
def plan(county_admin, county, county_reporter):
    return issue_plan(county_admin, county, county_reporter.org)


def first_task(plan):
    """（一）开展学法用法情况督查: its one target is 全年开展学法用法情况督查不少于2次."""
    return plan.tasks.get(seq=1)


def report(client, task, **fields):
    start, end = span_for(timezone.localdate(), task_spans(task.plan.year, task.cadence, task.due_date))
    data = {"period_start": start, "period_end": end, "text": "本季度组织全院开展学法用法情况督查1次。", **fields}
    return client.post(f"/api/tasks/{task.pk}/reports/", data, format="json")


def test_the_office_sees_its_plan_with_sections_and_tasks(county_admin, county_reporter, plan):
    client = api(county_admin)
    assert plan.pk in {row["id"] for row in client.get(f"/api/plans/?year={YEAR}&page_size=100").json()["results"]}
    detail = client.get(f"/api/plans/{plan.pk}/").json()
    assert detail["status_label"] == "已下达"
    assert [s["title"] for s in detail["sections"]] == ["深入学习贯彻习近平法治思想", "加强普法宣传教育"]
    assert [len(s["tasks"]) for s in detail["sections"]] == [2, 1]
    task = detail["sections"][0]["tasks"][0]
    assert task["title"] == "开展学法用法情况督查" and task["lead_code"] == county_reporter.org.code
    assert task["due_date"] == f"{YEAR}-12-31" and task["cadence"] == "quarter"


def test_each_task_carries_its_computed_status_and_targets(county_admin, plan):
    rows = api(county_admin).get(f"/api/tasks/?plan={plan.pk}").json()["results"]
    assert [row["title"] for row in rows] == ["开展学法用法情况督查", "落实领导干部学法制度", "落实普法责任清单"]
    computed = task_states(list(plan.tasks.select_related("plan__org")), timezone.localdate())
    for row in rows:
        state = computed[row["id"]]
        assert (row["status"], row["status_label"], row["percent"]) == (state.status, state.label, state.percent)
        assert row["reasons"] == state.reasons
        assert row["next_report_due"] == (state.next_slot.due.date.isoformat() if state.next_slot else None)
    target = rows[0]["targets"][0]
    assert target["what"] == "开展学法用法情况督查" and target["comparator"] == ">=" and target["number"] == 2
    assert (target["unit"], target["period"], target["value"], target["met"]) == ("次", "year", None, False)
    assert target["description"] == "全年开展学法用法情况督查不少于2次"
    assert rows[2]["targets"] == []


def test_another_county_sees_none_of_it(other_county_admin, county_reporter, plan):
    task = first_task(plan)
    filed = report(api(county_reporter), task).json()
    client = api(other_county_admin)
    assert plan.pk not in {row["id"] for row in client.get("/api/plans/?page_size=100").json()["results"]}
    assert client.get(f"/api/tasks/?plan={plan.pk}").json()["count"] == 0
    assert client.get(f"/api/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/api/tasks/{task.pk}/").status_code == 404
    assert report(client, task).status_code == 404
    assert client.get(f"/api/progress-reports/{filed['id']}/").status_code == 404
    assert client.post(f"/api/progress-reports/{filed['id']}/accept/").status_code == 404
    assert client.get(f"/api/progress-reports/?task={task.pk}").json()["count"] == 0


def test_the_hospital_sees_its_tasks_only_once_the_plan_is_issued(county_admin, county, county_reporter):
    draft = import_plan(county_admin, county, county_reporter.org)
    client = api(county_reporter)
    assert client.get(f"/api/tasks/?plan={draft.pk}").json()["count"] == 0
    assert client.get(f"/api/plans/{draft.pk}/").status_code == 404
    services.plan_issue(plan=draft, actor=county_admin)
    assert client.get(f"/api/tasks/?plan={draft.pk}").json()["count"] == 3
    assert client.get(f"/api/plans/{draft.pk}/").json()["title"] == "接口测试工作要点"


def test_the_hospital_reports_progress_and_the_leader_cannot(county_reporter, county_leader, plan):
    task = first_task(plan)
    response = report(api(county_reporter), task)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["status_label"], body["task"]) == ("submitted", "待审核", task.pk)
    assert api(county_reporter).get(f"/api/tasks/{task.pk}/").json()["pending_reports"] == 1

    refused = report(api(county_leader), task)
    assert refused.status_code == 403 and "只有牵头单位" in refused.json()["detail"]
    assert api(county_leader).get(f"/api/progress-reports/?task={task.pk}").json()["count"] == 1


def test_a_report_is_checked_with_chinese_messages(county_reporter, plan):
    client = api(county_reporter)
    task = first_task(plan)
    outside = report(client, task, period_start=f"{YEAR - 1}-10-01", period_end=f"{YEAR - 1}-12-31")
    assert outside.status_code == 400
    assert f"报送周期须为该任务的报送周期之一：{YEAR}年第1季度" in outside.json()["period"][0]
    # A span that is not one of the task's periods would mark several of them as reported.
    whole_year = report(client, task, period_start=f"{YEAR}-01-01", period_end=f"{YEAR}-12-31")
    assert whole_year.status_code == 400 and "报送周期须为该任务的报送周期之一" in whole_year.json()["period"][0]
    blank = report(client, task, text="   ")
    assert blank.status_code == 400 and blank.json()["text"]
    reversed_period = report(client, task, period_start=f"{YEAR}-06-30", period_end=f"{YEAR}-04-01")
    assert reversed_period.status_code == 400 and "报送周期" in str(reversed_period.json())
    assert client.get(f"/api/progress-reports/?task={task.pk}").json()["count"] == 0


def test_the_office_accepts_a_completion_report_and_the_task_is_done(county_admin, county_reporter, plan):
    task = first_task(plan)
    target = task.targets.get()
    services.target_tick(target=target, value=Decimal(2), note="上半年、下半年各1次", actor=county_reporter,
                         uploads=[SimpleUploadedFile("测试成绩.pdf", b"%PDF-1.4 scores", "application/pdf")])
    filed = report(api(county_reporter), task, text="全年两次学法用法情况督查均已完成。", completes_task=True).json()
    assert api(county_reporter).post(f"/api/progress-reports/{filed['id']}/accept/").status_code == 403

    accepted = api(county_admin).post(f"/api/progress-reports/{filed['id']}/accept/", {"comment": "同意"})
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["status"], accepted.json()["status_label"]) == ("accepted", "已采纳")
    row = api(county_reporter).get(f"/api/tasks/{task.pk}/").json()
    assert (row["status"], row["status_label"], row["percent"]) == ("done", "已完成", 100)
    assert row["targets"][0]["met"] is True and row["targets"][0]["value"] == 2
    done = api(county_admin).get(f"/api/tasks/?plan={plan.pk}&status=done").json()
    assert [r["id"] for r in done["results"]] == [task.pk]


def test_returning_needs_a_comment_and_a_report_is_reviewed_once(county_admin, county_reporter, plan):
    filed = report(api(county_reporter), first_task(plan)).json()
    client = api(county_admin)
    bare = client.post(f"/api/progress-reports/{filed['id']}/return/", {"comment": " "})
    assert bare.status_code == 400 and "退回时请填写意见" in bare.json()["comment"][0]

    returned = client.post(f"/api/progress-reports/{filed['id']}/return/", {"comment": "请附测试成绩单"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert returned.json()["review_comment"] == "请附测试成绩单"
    again = client.post(f"/api/progress-reports/{filed['id']}/accept/")
    assert again.status_code == 400 and "不能重复审核" in again.json()["non_field_errors"][0]


def test_an_unknown_status_filter_is_refused_in_chinese(county_admin, plan):
    response = api(county_admin).get(f"/api/tasks/?plan={plan.pk}&status=finished")
    assert response.status_code == 400 and "状态应为" in response.json()["status"]


def test_parse_pasted_text_without_saving(county_reporter):
    before = Plan.all_objects.count()
    response = api(county_reporter).post("/api/plans/parse/", {"text": PLAN_TEXT}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["counts"] == {"sections": 2, "items": 3, "targets": 2}
    assert [s["title"] for s in data["sections"]] == ["深入学习贯彻习近平法治思想", "加强普法宣传教育"]
    target = data["sections"][0]["items"][0]["targets"][0]
    assert (target["what"], target["comparator"], target["unit"]) == ("开展学法用法情况督查", ">=", "次")
    assert target["number"] == "2"  # a Decimal, sent as written
    assert Plan.all_objects.count() == before


def test_parse_an_uploaded_text_file_saved_on_chinese_windows(county_admin):
    upload = SimpleUploadedFile("工作要点.txt", PLAN_TEXT.encode("gb18030"), "text/plain")
    response = api(county_admin).post("/api/plans/parse/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["counts"] == {"sections": 2, "items": 3, "targets": 2}


def test_parse_refuses_a_picture_and_an_empty_request_in_chinese(county_admin):
    client = api(county_admin)
    picture = SimpleUploadedFile("扫描件.png", b"\x89PNG\r\n\x1a\n", "image/png")
    response = client.post("/api/plans/parse/", {"file": picture}, format="multipart")
    assert response.status_code == 400 and "不支持的文件类型" in response.json()["file"][0]
    program = SimpleUploadedFile("工作要点.txt", EXE, "text/plain")
    response = client.post("/api/plans/parse/", {"file": program}, format="multipart")
    assert response.status_code == 400 and response.json()["file"] == ["文件内容与扩展名“.txt”不符"]
    empty = client.post("/api/plans/parse/", {"text": ""}, format="json")
    assert empty.status_code == 400 and "请粘贴" in empty.json()["text"]


def test_list_queries_do_not_grow_with_the_number_of_tasks(county_admin, county, county_reporter):
    # The same kinds of target as the small plan: indicator values are asked once per (indicator, period).
    yearly, quarterly = "全年开展学法用法情况督查不少于2次。", "集中学法每季度不少于1次。"
    items = "\n".join(f"{n}.开展第{n}项学法活动。" + (yearly if n % 2 else quarterly) for n in range(1, 13))
    lead = county_reporter.org
    small = issue_plan(county_admin, county, lead, indicator_code="evidence.files")
    large = issue_plan(county_admin, county, lead, title="十二项工作要点", indicator_code="evidence.files",
                       text=f"一、学法\n{items}\n二、普法\n13.落实普法责任清单。")
    counts = {}
    for user in (county_admin, county_reporter):
        client = api(user)
        for plan, size in ((small, 3), (large, 13)):
            with CaptureQueriesContext(connection) as tasks:
                assert client.get(f"/api/tasks/?plan={plan.pk}").json()["count"] == size
            with CaptureQueriesContext(connection) as detail:
                client.get(f"/api/plans/{plan.pk}/")
            counts[user.username, size] = (len(tasks), len(detail))
        assert counts[user.username, 3] == counts[user.username, 13], counts


def test_the_schema_documents_the_plans_api_without_warnings(county_admin):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    schema = api(county_admin).get("/api/schema/?format=json").json()
    for path in ["/api/plans/", "/api/plans/{id}/", "/api/tasks/", "/api/tasks/{id}/reports/",
                 "/api/progress-reports/{id}/accept/", "/api/progress-reports/{id}/return/", "/api/plans/parse/"]:
        assert path in schema["paths"], path
    assert "计算得出的任务状态" in str(schema["paths"]["/api/tasks/"])
    assert not GENERATOR_STATS, [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    page = login(county_admin.username).get("/api-docs/").content.decode()
    assert "/api/tasks/{id}/reports/" in page and "报送进展：牵头单位" in page and "识别工作要点" in page
