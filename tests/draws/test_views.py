"""The 双随机 pages as their users work them: the task list with its rates, the task form, the draw's three
POST-only steps, the picks' outcomes, publicity, the record download; read-only users and other counties."""

import io
import json
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import EvidenceFile
from fazhi.draws import algorithm
from fazhi.draws.choices import DrawStatus, PickOutcome
from fazhi.draws.models import Draw, DrawTask, Pick
from fazhi.enforcement.choices import InspectionKind

from ..conftest import login
from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db
LIST = "/enforcement/draws/"


def task_data(unit, **extra):
    return {"org": unit.pk, "year": "2026", "name": "2026年游泳场所专项抽查", "source": "own", "pool_org": unit.pk,
            "categories": ["public_place"], "mode": "fixed", "sample_size": "3", "team_size": "2",
            "start_date": "2026-06-01", "due_date": "2026-09-30", **extra}


def ticked(page: str, name: str) -> set[str]:
    """The values of the ticked checkboxes named `name`."""
    boxes = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return {re.search(r'value="([^"]*)"', box).group(1) for box in boxes if " checked" in box}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# ---------------------------------------------------------------- the list
def test_the_list_shows_each_tasks_state_and_rates_and_filters(county_admin):
    client = login(county_admin.username)
    page = client.get(LIST).content.decode()
    assert "国家双随机监督抽查" in page and "完成率" in page and "完结率" in page
    assert 'class="nav-link active" href="/enforcement/draws/"' in page
    national = client.get(f"{LIST}?source=national&year=2025").content.decode()
    assert "2025年国家双随机监督抽查" in national and "公共场所卫生专项抽查" not in national
    waiting = client.get(f"{LIST}?status=pool_fixed").content.decode()
    assert '-lt">名录已锁定</span>' in waiting and '-lt">已完结</span>' not in waiting


def test_the_list_and_its_export_never_show_another_county(county_sysadmin):
    client = login(county_sysadmin.username)
    assert "示例区" not in client.get(LIST).content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{LIST}?_export=xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("年度", "任务名称") and len(rows) > 5
    assert all("示例区" not in str(row) for row in rows)


def test_the_list_costs_the_same_queries_however_many_tasks(city_leader, county_admin):
    client = login(city_leader.username)
    before = count_queries(client, f"{LIST}?per_page=100")
    assert before <= 10, before  # as the other lists: session, user, scope, two counts, the rows
    unit = make_unit()
    stock(unit)
    for n in range(6):
        drawn(make_task(county_admin, unit, name=f"新增任务{n}"), county_admin)
    assert count_queries(client, f"{LIST}?per_page=100") == before


def test_a_task_page_costs_the_same_queries_however_many_picks(county_admin):
    unit = make_unit()
    stock(unit, entities=30, officers=6)
    small = drawn(make_task(county_admin, unit, sample_size=2, name="小任务"), county_admin)
    large = drawn(make_task(county_admin, unit, sample_size=25, name="大任务"), county_admin)
    client = login(county_admin.username)
    for url in (f"{LIST}{small.task_id}/", f"{LIST}draw/{small.pk}/"):
        client.get(url)  # the first page of a session reads the user's scope, and of a kind its content type
    assert count_queries(client, f"{LIST}{small.task_id}/") == count_queries(client, f"{LIST}{large.task_id}/")
    assert count_queries(client, f"{LIST}draw/{small.pk}/") == count_queries(client, f"{LIST}draw/{large.pk}/")


def test_a_credit_task_page_says_the_ratios_apply_to_the_task_itself(county_admin):
    unit = make_unit()
    stock(unit, entities=20, officers=4)
    task = make_task(county_admin, unit, mode="credit", sample_size=None, name="信用比例抽查")
    draw = drawn(task, county_admin)
    assert draw.picks.count() == 2  # B级 10 % of the task's own 20
    page = login(county_admin.username).get(f"{LIST}{task.pk}/").content.decode()
    assert "B级10%" in page
    note = re.search(r'data-testid="ratio-note">([^<]*)<', page).group(1)
    assert "比例按任务分别适用" in note and "不合并计算" in note


def test_a_pick_inspected_by_another_team_shows_who_and_why(county_admin):
    unit = make_unit()
    officers, _ = stock(unit)
    task = make_task(county_admin, unit, sample_size=1)
    pick = drawn(task, county_admin).picks.get()
    others = [o for o in officers if o not in set(pick.officers.all())]
    client = login(county_admin.username)
    page = client.post(f"{LIST}picks/{pick.pk}/inspect/", {
        "date": timezone.localdate().isoformat(), "officers": [o.pk for o in others], "result": "compliant"})
    assert "请写明调整原因" in page.content.decode()
    client.post(f"{LIST}picks/{pick.pk}/inspect/", {
        "date": timezone.localdate().isoformat(), "officers": [o.pk for o in others], "result": "compliant",
        "team_change_reason": "原检查组一人回避"})
    row = re.search(r'data-testid="team-change">([^<]*)<', client.get(f"{LIST}{task.pk}/").content.decode())
    assert row and "调整原因：原检查组一人回避" in row.group(1)
    assert all(o.name in row.group(1) for o in others)


def test_a_picks_inspection_edited_on_its_page_keeps_its_entity_and_kind(county_admin):
    unit = make_unit()
    _, places = stock(unit)
    task = make_task(county_admin, unit, sample_size=1)
    pick = drawn(task, county_admin).picks.get()
    client = login(county_admin.username)
    client.post(f"{LIST}picks/{pick.pk}/inspect/", {
        "date": timezone.localdate().isoformat(), "officers": [o.pk for o in pick.officers.all()],
        "result": "compliant"})
    inspection = Pick.objects.get(pk=pick.pk).inspection
    edit = f"/enforcement/inspections/{inspection.pk}/edit/"
    page = client.get(edit).content.decode()
    assert f"{pick.entity.name}（双随机抽中对象，不能更改）" in page and 'data-testid="entity-search"' not in page
    other = next(p for p in places if p != pick.entity)
    response = client.post(edit, {
        "entity": other.pk, "kind": InspectionKind.ROUTINE, "date": timezone.localdate().isoformat(),
        "officers": [o.pk for o in pick.officers.all()], "result": "compliant", "findings": "补记检查情况"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert (inspection.entity, inspection.kind, inspection.findings) == (pick.entity, InspectionKind.RANDOM,
                                                                        "补记检查情况")


# ---------------------------------------------------------------- the form
def test_a_task_is_set_up_from_the_form(county_admin):
    unit = make_unit()
    response = login(county_admin.username).post(f"{LIST}new/", task_data(unit))
    task = DrawTask.objects.get(name="2026年游泳场所专项抽查")
    assert response.status_code == 302 and response["Location"] == f"{LIST}{task.pk}/"
    assert (task.org, task.pool_org, task.categories, task.sample_size) == (unit, unit, ["public_place"], 3)


def test_an_officer_of_the_enforcement_unit_sets_up_a_task_with_the_commissions_check_items():
    from fazhi.enforcement.models import CheckItem, Officer

    unit = Officer.objects.get(user__username="xian_zhifa").org
    item = CheckItem.objects.get(org__code="990121.wjw", name="公共场所卫生许可及从业人员健康管理")
    client = login("xian_zhifa")
    page = client.get(f"{LIST}new/").content.decode()
    assert "公共场所卫生许可及从业人员健康管理（公共场所）" in page
    response = client.post(f"{LIST}new/", task_data(unit, items=[item.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    task = DrawTask.objects.get(name="2026年游泳场所专项抽查")
    assert list(task.items.all()) == [item]


def test_the_form_explains_refusals_in_chinese(county_admin):
    unit = make_unit()
    client = login(county_admin.username)
    page = client.post(f"{LIST}new/", task_data(unit, team_size="1", sample_size="")).content.decode()
    assert "执法人员不得少于2人（《中华人民共和国行政处罚法》" in page
    page = client.post(f"{LIST}new/", task_data(unit, sample_size="")).content.decode()
    assert "按数量抽取须填写抽取数量" in page
    page = client.post(f"{LIST}new/", task_data(unit, due_date="2026-01-01")).content.decode()
    assert "完成时限不能早于开始日期" in page
    assert not DrawTask.objects.filter(org=unit).exists()


def test_a_leader_reads_tasks_but_cannot_set_one_up(county_leader):
    client = login(county_leader.username)
    assert client.get(LIST).status_code == 200
    assert "新增" not in client.get(LIST).content.decode().split("page-body")[0]
    assert client.get(f"{LIST}new/").status_code == 403


# ---------------------------------------------------------------- the steps
def test_a_draw_through_its_pages(county_admin):
    unit = make_unit()
    stock(unit, entities=6, officers=4)
    task = make_task(county_admin, unit)
    client = login(county_admin.username)
    detail = f"{LIST}{task.pk}/"
    assert client.get(f"{LIST}{task.pk}/draw/").status_code == 405  # steps are POST only
    page = client.post(f"{LIST}{task.pk}/draw/", follow=True).content.decode()
    draw = Draw.objects.get(task=task)
    assert draw.commitment in page and "下一步：锁定名录" in page and draw.secret not in page

    page = client.post(f"{LIST}draw/{draw.pk}/fix-pool/", follow=True).content.decode()
    draw.refresh_from_db()
    assert "名录已锁定：监管对象6户、执法人员4人" in page and draw.pool_hash in page

    page = client.post(f"{LIST}draw/{draw.pk}/run/", {"witness": "", "witness_input": ""}, follow=True)
    assert "不能抽取" in page.content.decode()
    page = client.post(f"{LIST}draw/{draw.pk}/run/", {"witness": "驻局纪检组 李某某", "witness_input": "0518"},
                       follow=True).content.decode()
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAWN and "已抽取3户监管对象" in page and draw.seed in page
    assert page.count('data-testid="pick"') == 3
    assert client.get(detail).status_code == 200

    record = json.loads(client.get(f"{LIST}draw/{draw.pk}/record.json").content)
    lines, ok = algorithm.report(record)
    assert ok, lines
    drawn_page = client.get(f"{LIST}draw/{draw.pk}/").content.decode()
    assert draw.secret in drawn_page and "fazhi-draw-verify.py" in drawn_page


def test_a_draw_waiting_at_its_pool_asks_for_the_witness(county_admin):
    draw = Draw.objects.filter(org__code__startswith="990121", status=DrawStatus.POOL_FIXED).first()
    page = login(county_admin.username).get(f"{LIST}{draw.task_id}/").content.decode()
    assert "名录已锁定" in page and 'name="witness_input"' in page and draw.pool_hash in page
    assert draw.secret not in page


def test_voiding_needs_a_reason(county_admin):
    unit = make_unit()
    stock(unit)
    client = login(county_admin.username)
    task = make_task(county_admin, unit)
    client.post(f"{LIST}{task.pk}/draw/")
    draw = Draw.objects.get(task=task)
    page = client.post(f"{LIST}draw/{draw.pk}/void/", {"void_reason": ""}, follow=True).content.decode()
    assert "请写明作废原因" in page and Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED
    page = client.post(f"{LIST}draw/{draw.pk}/void/", {"void_reason": "抽取范围有误"}, follow=True).content.decode()
    assert "已作废本次抽取" in page and "抽取范围有误" in page


def test_a_pick_is_inspected_from_a_form_filled_with_its_team(county_admin):
    unit = make_unit()
    stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.order_by("rank").first()
    client = login(county_admin.username)
    url = f"{LIST}picks/{pick.pk}/inspect/"
    team = [str(o.pk) for o in pick.officers.all()]
    page = client.get(url).content.decode()
    assert ticked(page, "officers") == set(team)
    record = SimpleUploadedFile("检查笔录.pdf", b"%PDF-1.4\n%record\n", "application/pdf")
    response = client.post(url, {"date": timezone.localdate().isoformat(), "officers": team,
                                 "result": "compliant", "findings": "证照齐全", "files": [record]})
    assert response.status_code == 302
    pick.refresh_from_db()
    assert pick.outcome == PickOutcome.INSPECTED and pick.inspection.kind == InspectionKind.RANDOM
    assert pick.inspection.findings == "证照齐全"
    assert EvidenceFile.objects.get(original_name="检查笔录.pdf").linked == pick.inspection


def test_an_inspection_form_with_one_officer_is_refused_in_chinese(county_admin):
    unit = make_unit()
    stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.first()
    page = login(county_admin.username).post(f"{LIST}picks/{pick.pk}/inspect/", {
        "date": timezone.localdate().isoformat(), "officers": [pick.officers.first().pk], "result": "compliant"})
    assert "执法人员不得少于2人" in page.content.decode()
    assert Pick.objects.get(pk=pick.pk).outcome == PickOutcome.PENDING


def test_unable_and_publish_from_the_task_page(county_admin):
    unit = make_unit()
    stock(unit)
    draw = drawn(make_task(county_admin, unit), county_admin)
    pick = draw.picks.first()
    client = login(county_admin.username)
    page = client.post(f"{LIST}picks/{pick.pk}/unable/", {"unable_reason": "停业"}, follow=True).content.decode()
    assert "无法检查" in page and "停业" in page and "前公示" in page
    page = client.post(f"{LIST}draw/{draw.pk}/publish/", follow=True).content.decode()
    assert "已公示1户的检查结果" in page
    assert Pick.objects.get(pk=pick.pk).result_published_at is not None


def test_a_leader_sees_the_draw_but_cannot_take_a_step(county_leader, county_admin):
    unit = make_unit()
    stock(unit)
    task = make_task(county_admin, unit)
    client = login(county_admin.username)
    client.post(f"{LIST}{task.pk}/draw/")
    draw = Draw.objects.get(task=task)
    leader = login(county_leader.username)
    page = leader.get(f"{LIST}{task.pk}/").content.decode()
    assert draw.commitment in page and "锁定名录</button>" not in page
    for url in (f"{LIST}draw/{draw.pk}/fix-pool/", f"{LIST}draw/{draw.pk}/void/", f"{LIST}{task.pk}/edit/"):
        assert leader.post(url, {"void_reason": "x"}).status_code == 403
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED
