"""The public portal as an anonymous visitor reads it: only what the law publishes, only the chosen
commission's records, personal data redacted, legal numbers from the rules table."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.cases.choices import PartyKind
from fazhi.core.models import LegalTimeLimit
from fazhi.enforcement.choices import OfficerStatus, PowerKind
from fazhi.enforcement.models import CheckItem, Entity, LenientItem, Officer, Power
from fazhi.portal import views
from fazhi.portal.selectors import PENALTY_RETENTION, retention_start
from tests.enforcement.factories import make_officer

from .factories import make_case, make_draw, make_pick, make_task

pytestmark = pytest.mark.django_db

COUNTY_UNIT = "990121.wjw.wsjds"
OTHER_UNIT = "990102.wjw.wsjds"
DAY = dt.timedelta(days=1)


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def today():
    return timezone.localdate()


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_portal_names_exist_for_the_staff_side_to_link():
    assert reverse("portal_home") == "/public/"
    assert reverse("portal_commission", args=["990121.wjw"]) == "/public/990121.wjw/"


def test_the_home_page_lists_every_commission_to_anybody(visitor):
    html = page(visitor, "/public/")
    for name, code in [("示例省卫生健康委员会", "990000.wjw"), ("示例市卫生健康委员会", "990100.wjw"),
                       ("示例县卫生健康局", "990121.wjw"), ("示例区卫生健康局", "990102.wjw")]:
        assert name in html
        assert f'href="/public/{code}/"' in html
    assert "办公室" not in html  # departments are not commissions


# ---------------------------------------------------------------- decisions
@pytest.fixture
def decisions(today):
    """示例县's decisions in every state a visitor must or must not see, and one of 示例区."""
    published = make_case(
        COUNTY_UNIT, decided_on=today - 12 * DAY, published_on=today - 10 * DAY,
        party_kind=PartyKind.INDIVIDUAL, party_name="张三丰", party_id_no="110101199003071234",
        party_address="示例县城关镇人民路18号", cause="张三丰未取得医疗机构执业许可证擅自执业",
        facts="经查，张三丰（联系电话13812345678）在示例县城关镇人民路18号开展诊疗活动。")
    return {
        "published": published,
        "unpublished": make_case(COUNTY_UNIT, decided_on=today - 5 * DAY, published_on=None),
        "draft": make_case(COUNTY_UNIT, decided_on=None, published_on=None),
        "withdrawn": make_case(COUNTY_UNIT, decided_on=today - 40 * DAY, published_on=today - 35 * DAY,
                               withdrawn_on=today - 3 * DAY),
        "expired": make_case(COUNTY_UNIT, decided_on=today - 800 * DAY, published_on=today - 790 * DAY),
        "deleted": make_case(COUNTY_UNIT, decided_on=today - 9 * DAY, published_on=today - 8 * DAY,
                             deleted_at=timezone.now()),
        "other": make_case(OTHER_UNIT, decided_on=today - 9 * DAY, published_on=today - 8 * DAY,
                           party_name="示例区和平路足浴店", decision_no="示例区卫健罚〔2026〕99号"),
    }


def test_a_visitor_sees_the_published_decision_of_the_county_redacted(visitor, decisions):
    shown = decisions["published"]
    for url in ["/public/990121.wjw/", "/public/990121.wjw/decisions/"]:
        html = page(visitor, url)
        assert shown.decision_no in html
        assert "张某" in html and "张某未取得医疗机构执业许可证擅自执业" in html
        for personal in ("张三丰", "110101199003071234", "13812345678", "人民路18号"):
            assert personal not in html, (url, personal)
    detail = page(visitor, f"/public/990121.wjw/decisions/{shown.public_id}/")
    assert "经查，张某（联系电话***********）在***开展诊疗活动。" in detail
    assert "罚款5,000元" in detail
    for personal in ("张三丰", "110101199003071234", "13812345678", "人民路18号"):
        assert personal not in detail


@pytest.mark.parametrize("state", ["unpublished", "draft", "withdrawn", "expired", "deleted", "other"])
def test_a_visitor_never_sees_a_decision_that_is_not_published_on_this_page(visitor, decisions, state):
    case = decisions[state]
    for url in ["/public/990121.wjw/", "/public/990121.wjw/decisions/"]:
        html = page(visitor, url)
        assert case.number not in html
        if case.decision_no:
            assert case.decision_no not in html
    response = visitor.get(f"/public/990121.wjw/decisions/{case.public_id}/")
    assert response.status_code == 404
    assert "返回公示首页" in response.content.decode()


def test_the_other_countys_decision_is_published_on_its_own_page(visitor, decisions):
    case = decisions["other"]
    assert case.decision_no in page(visitor, "/public/990102.wjw/")
    html = page(visitor, f"/public/990102.wjw/decisions/{case.public_id}/")
    assert "示例区和平路足浴店" in html  # an organisation is named in full
    assert decisions["published"].decision_no not in page(visitor, "/public/990102.wjw/decisions/")


def test_a_decision_stays_up_to_the_end_of_its_retention_and_no_longer(visitor, today):
    first_day = retention_start(PENALTY_RETENTION, today)
    last_kept = make_case(COUNTY_UNIT, decided_on=first_day - 5 * DAY, published_on=first_day)
    just_gone = make_case(COUNTY_UNIT, decided_on=first_day - 5 * DAY, published_on=first_day - DAY)
    html = page(visitor, "/public/990121.wjw/decisions/")
    assert last_kept.decision_no in html
    assert just_gone.decision_no not in html


def test_a_longer_retention_in_the_rules_table_keeps_decisions_longer(visitor, decisions):
    expired = decisions["expired"]
    assert expired.decision_no not in page(visitor, "/public/990121.wjw/decisions/")
    LegalTimeLimit.objects.filter(code=PENALTY_RETENTION).update(number=3)
    assert expired.decision_no in page(visitor, "/public/990121.wjw/decisions/")


# ---------------------------------------------------------------- published beforehand
def test_only_officers_certified_today_are_listed(visitor, today):
    listed = make_officer(COUNTY_UNIT, "甄持证")
    hidden = [
        make_officer(COUNTY_UNIT, "贾过期", valid_until=today - DAY),
        make_officer(COUNTY_UNIT, "贾未发", issued_on=today + DAY),
        make_officer(COUNTY_UNIT, "贾暂扣", status=OfficerStatus.SUSPENDED),
        make_officer(COUNTY_UNIT, "贾调离", status=OfficerStatus.LEFT),
        make_officer(OTHER_UNIT, "贾区县"),
    ]
    html = page(visitor, "/public/990121.wjw/")
    row = (f'<td class="text-nowrap">甄持证</td><td>示例县卫生健康综合监督执法大队</td>'
           f'<td class="fz-hash text-nowrap">{listed.certificate_no}</td>')
    assert row in html
    for officer in hidden:
        assert officer.name not in html and officer.certificate_no not in html
    assert "示例县卫生健康综合监督执法大队<span class=\"text-secondary\">（持证执法人员" in html


def test_the_catalogues_are_the_commissions_own(visitor, county, other_county):
    Power.objects.create(org=county, kind=PowerKind.COERCION, name="查封本县违法场所", basis="《示例条例》第一条")
    Power.objects.create(org=other_county, kind=PowerKind.COERCION, name="查封本区违法场所", basis="《示例条例》第二条")
    CheckItem.objects.create(org=county, name="非随机专项事项", category="school", content="内容", basis="依据",
                             is_random=False)
    html = page(visitor, "/public/990121.wjw/")
    assert "查封本县违法场所" in html and "《示例条例》第一条" in html
    assert "查封本区违法场所" not in html
    assert "非随机专项事项" not in html
    assert "公共场所卫生许可及从业人员健康管理" in html  # the demo's random-inspection list
    assert "首次违法不予处罚" in html and "诊所未按规定悬挂备案凭证、未公示诊疗科目" in html


def test_the_procedure_numbers_come_from_the_rules_table(visitor):
    html = page(visitor, "/public/990121.wjw/")
    assert "行政处罚案件作出处理决定：<strong>90自然日</strong>（起算：立案之日）" in html
    assert "简易程序当场罚款上限（公民）：<strong>200元</strong>" in html
    assert "简易程序当场罚款上限（法人或者其他组织）：<strong>3,000元</strong>" in html
    assert "听证前通知当事人听证时间、地点：<strong>至少提前7个工作日</strong>" in html
    assert "申请行政复议：<strong>60自然日</strong>" in html
    assert "直接提起行政诉讼：<strong>6个月</strong>" in html
    # a two-law row cites each law with its own article
    assert "《中华人民共和国行政处罚法》（2021年修订）第六十一条；《卫生健康行政处罚程序规定》第五十三条" in html

    LegalTimeLimit.objects.filter(code="penalty-decision").update(number=75, article="第六十条第一款")
    LegalTimeLimit.objects.filter(code="simple-fine-individual").update(number=500)
    LegalTimeLimit.objects.filter(code="reconsideration-apply").update(number=45)
    html = page(visitor, "/public/990121.wjw/")
    assert "行政处罚案件作出处理决定：<strong>75自然日</strong>" in html and "90自然日" not in html
    assert "第六十条第一款" in html
    assert "简易程序当场罚款上限（公民）：<strong>500元</strong>" in html
    assert "申请行政复议：<strong>45自然日</strong>" in html


def test_a_rules_row_removed_is_left_out_not_invented(visitor):
    LegalTimeLimit.objects.filter(code="penalty-payment").delete()
    html = page(visitor, "/public/990121.wjw/")
    assert "当事人缴纳罚款：" not in html
    assert "执行" in html


# ---------------------------------------------------------------- not found
@pytest.mark.parametrize("url", [
    "/public/999999.wjw/",                   # no such commission
    "/public/990121.wjw.wsjds/",             # a unit, not a commission
    "/public/990121/",                       # a region
    "/public/990121.wjw/decisions/00000000-0000-0000-0000-000000000000/",
    "/public/990121.wjw/draws/00000000-0000-0000-0000-000000000000/",
    "/public/999999.wjw/decisions/",
    "/public/990121.wjw/decisions/12/",      # an internal id is no public id
    "/public/990121.wjw/nothing/here/",
    "/public/draws/00000000-0000-0000-0000-000000000000.json",
])
def test_unknown_codes_and_ids_get_the_portals_404(visitor, url):
    response = visitor.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "返回公示首页" in html and "返回工作台" not in html


# ---------------------------------------------------------------- nothing of the staff side
def test_the_pages_carry_no_staff_link_csrf_token_or_personal_data(visitor, decisions, today):
    entity = Entity.objects.filter(org__code=COUNTY_UNIT).exclude(legal_person="").first()
    draw = make_draw(make_task(COUNTY_UNIT))
    make_pick(draw, entity, list(Officer.objects.certified(today).filter(org__code=COUNTY_UNIT)[:2]),
              inspected_on=today - 2 * DAY, published_on=today - DAY)
    urls = ["/public/", "/public/990121.wjw/", "/public/990121.wjw/decisions/", "/public/990121.wjw/draws/",
            f"/public/990121.wjw/decisions/{decisions['published'].public_id}/",
            f"/public/990121.wjw/draws/{draw.public_id}/", "/public/no/such/"]
    for url in urls:
        response = visitor.get(url)
        html = response.content.decode()
        assert "csrf" not in html.lower(), url
        assert "csrftoken" not in response.cookies, url
        for link in re.findall(r'(?:href|src|action)="([^"]*)"', html):
            assert link.startswith(("/public/", "/static/", "#")), (url, link)
        assert "<form" not in html and "<script" not in html, url
        for personal in (entity.legal_person, entity.phone, entity.address, entity.credit_code, "张三丰"):
            assert personal not in html, (url, personal)
    assert entity.name in visitor.get(f"/public/990121.wjw/draws/{draw.public_id}/").content.decode()


def test_a_signed_in_user_sees_the_same_public_page(decisions):
    from tests.conftest import login

    html = page(login("xian_fazhi"), "/public/990121.wjw/")
    assert decisions["published"].decision_no in html
    assert "退出登录" not in html and "工作台" not in html


# ---------------------------------------------------------------- queries
FIXED_DAY = dt.date(2026, 11, 25)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_are_pinned_and_stay_when_rows_are_added(visitor, county, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: FIXED_DAY)
    make_case(COUNTY_UNIT, decided_on=FIXED_DAY - 9 * DAY, published_on=FIXED_DAY - 8 * DAY)
    draw = make_draw(make_task(COUNTY_UNIT), fixed_on=FIXED_DAY - 20 * DAY)
    entities = list(Entity.objects.filter(org__code=COUNTY_UNIT)[:31])
    officers = [make_officer(COUNTY_UNIT) for _ in range(2)]
    make_pick(draw, entities[0], officers, inspected_on=FIXED_DAY - 10 * DAY, published_on=FIXED_DAY - 5 * DAY)
    # the commission, the rules rows, the working-day calendar (two years' load and the statutory holidays of a
    # year not yet announced), then one query per list
    urls = {"/public/990121.wjw/": 19, "/public/990121.wjw/decisions/": 10, "/public/990121.wjw/draws/": 9,
            f"/public/990121.wjw/draws/{draw.public_id}/": 11}
    before = {url: count_queries(visitor, url) for url in urls}
    assert before == urls

    for n in range(30):
        make_case(COUNTY_UNIT, decided_on=FIXED_DAY - (40 + n) * DAY, published_on=FIXED_DAY - (30 + n) * DAY,
                  party_kind=PartyKind.INDIVIDUAL, party_name=f"王{n}")
        make_officer(COUNTY_UNIT)
        Power.objects.create(org=county, kind=PowerKind.PENALTY, name=f"处罚事项{n}", basis="依据")
        LenientItem.objects.create(org=county, kind="minor", violation=f"轻微违法{n}", basis="依据", conditions="条件")
        make_draw(make_task(COUNTY_UNIT, f"抽查任务{n}"), fixed_on=FIXED_DAY - n * DAY)
        make_pick(draw, entities[n + 1], officers, inspected_on=FIXED_DAY - 10 * DAY, published_on=FIXED_DAY - DAY)
    assert {url: count_queries(visitor, url) for url in urls} == before
