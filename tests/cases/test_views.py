"""The case pages as officers, the office and leaders use them: the list with its next deadline, the case
page offering only the steps the state and the role allow, each step a small form posting to one service."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.cases import services
from fazhi.cases.choices import CaseStatus, DecisionKind, ServiceMethod
from fazhi.cases.models import Case
from fazhi.enforcement.models import Entity
from tests.conftest import login

from .factories import UNIT, W, decided_case, notified_case, officer, open_case, pdf, reviewer, team, waived

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def some_cases():
    """Cases at several stages, each with a clock or two."""
    decided_case()
    notified_case()
    case = services.case_serve(case=decided_case(), method=ServiceMethod.IN_PERSON, on=dt.date(2026, 3, 21),
                               actor=officer())
    services.case_on_the_spot(org=case.org, officers=team(), cause="x", party_kind="organisation",
                              party_name="某宾馆", penalty_kinds=[W], on=dt.date(2026, 4, 2), actor=officer())


@pytest.mark.parametrize("url", ["/enforcement/cases/", "/enforcement/cases/?overdue=true&year=2026",
                                 "/enforcement/cases/?status=decided", "/enforcement/cases/deadlines/",
                                 "/enforcement/cases/reviews/", "/enforcement/cases/evaluations/"])
def test_list_pages_cost_the_same_queries_however_many_cases(url):
    client = login("xian_fazhi")
    before = queries(client, url)
    some_cases()
    some_cases()
    assert queries(client, url) == before
    assert before <= 30, f"{url} makes {before} queries"


def test_the_case_page_costs_the_same_queries_however_long_its_record():
    client = login("xian_zhifa")
    short = waived(notified_case(fine=1000))
    queries(client, f"/enforcement/cases/{short.pk}/")  # the first request fills the content-type cache
    before = queries(client, f"/enforcement/cases/{short.pk}/")
    long = waived(notified_case(fine=1000))
    for n in range(3):
        services.case_add_evidence(case=long, note=f"补充笔录{n}", on=dt.date(2026, 3, 11), actor=officer(),
                                   files=[pdf(f"笔录{n}.pdf", bytes([65 + n])), pdf(f"照片{n}.pdf", bytes([75 + n]))])
    services.case_statement(case=long, note="当事人称已整改", on=dt.date(2026, 3, 11), actor=officer())
    services.review_decide(review=services.case_submit_review(case=long, summary="拟罚款", on=dt.date(2026, 3, 12),
                                                              actor=officer()),
                           opinion="agree", on=dt.date(2026, 3, 12), actor=reviewer())
    assert long.steps.count() > short.steps.count() + 5
    assert queries(client, f"/enforcement/cases/{long.pk}/") == before
    assert before <= 30, before


def test_the_list_shows_number_party_status_and_the_next_deadline():
    case = decided_case()
    page = login("xian_zhifa").get("/enforcement/cases/?q=" + case.number).content.decode()
    assert case.number in page and case.party_name in page and "已决定" in page
    assert "送达决定书 2026-03-31" in page and 'data-testid="enforcement-subnav"' in page


def test_the_overdue_filter_finds_a_case_whose_decision_time_ran_out():
    late = open_case(on=dt.date(2026, 1, 5))  # 90 days ran out on 7 April
    fresh = open_case(on=dt.date(2026, 11, 20))
    page = login("xian_zhifa").get("/enforcement/cases/?overdue=true&year=2026").content.decode()
    assert late.number in page and fresh.number not in page


def test_the_deadlines_page_warns_of_what_is_due_soon_or_passed():
    late = open_case(on=dt.date(2026, 1, 5))
    soon = open_case(on=dt.date(2026, 8, 31))  # 90 days run to 29 November, a week after the suite's today
    page = login("xian_zhifa").get("/enforcement/cases/deadlines/").content.decode()
    assert late.number in page and soon.number in page and "已逾期" in page and "即将到期" in page
    assert "第六十条" in page


def test_an_officer_notifies_through_the_case_page():
    case = open_case()
    client = login("xian_zhifa")
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-testid="step-notify"' in page and 'data-testid="step-decide"' in page
    assert 'data-testid="step-serve"' not in page and 'data-testid="step-discuss"' not in page
    response = client.post(f"/enforcement/cases/{case.pk}/steps/notify/", {
        "notify-on": "2026-03-10", "notify-penalty_kinds": ["warning", "fine"], "notify-fine": "800",
        "notify-confiscation": "0", "notify-note": "告知"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and case.proposed_fine == 800


def test_a_refused_step_shows_why_on_the_case_page_and_saves_nothing():
    case = notified_case(fine=1000)
    client = login("xian_zhifa")
    response = client.post(f"/enforcement/cases/{case.pk}/steps/decide/", {
        "decide-on": "2026-03-11", "decide-kind": "penalty", "decide-penalty_kinds": ["warning", "fine"],
        "decide-fine": "1000", "decide-confiscation": "0"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "届满前不得作出处罚决定" in body and "第四十四条" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and not case.decision_no


def test_a_leader_reads_the_case_and_is_offered_nothing():
    case = open_case()
    client = login("xian_lingdao")
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert case.number in page and 'data-testid="no-actions"' in page
    response = client.post(f"/enforcement/cases/{case.pk}/steps/evidence/", {"evidence-on": "2026-03-03",
                                                                             "evidence-note": "x"})
    assert response.status_code == 403
    assert case.steps.count() == 1


def test_the_office_discusses_and_publishes_the_officer_does_not():
    case = decided_case()
    officer_page = login("xian_zhifa").get(f"/enforcement/cases/{case.pk}/").content.decode()
    office_page = login("xian_fazhi").get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-testid="step-publish"' in office_page and 'data-testid="step-publish"' not in officer_page
    assert login("xian_zhifa").post(f"/enforcement/cases/{case.pk}/steps/publish/",
                                    {"publish-on": "2026-03-23"}).status_code == 403
    assert login("xian_fazhi").post(f"/enforcement/cases/{case.pk}/steps/publish/",
                                    {"publish-on": "2026-03-23"}).status_code == 302
    assert Case.objects.get(pk=case.pk).published_at is not None


def test_the_case_page_shows_the_record_with_its_files_and_the_check():
    case = open_case()
    client = login("xian_zhifa")
    upload = client.post(f"/enforcement/cases/{case.pk}/steps/evidence/", {
        "evidence-on": "2026-03-03", "evidence-note": "现场检查笔录",
        "evidence-files": [pdf("现场检查笔录.pdf")]})
    assert upload.status_code == 302
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "现场检查笔录.pdf" in page and "全过程记录完整" in page and "SHA-256" in page
    case.steps.filter(seq=1).update(note="改过")
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-testid="log-check">有问题' in page and "内容与其哈希不符" in page


def test_opening_a_case_through_the_form():
    client = login("xian_zhifa")
    entity = Entity.objects.filter(org__code=UNIT, conflicts__isnull=True).first()
    officers = team()
    response = client.post("/enforcement/cases/new/", {
        "org": officers[0].org_id, "on": "2026-11-20", "officers": [o.pk for o in officers], "entity": entity.pk,
        "cause": "未取得卫生许可证擅自营业", "source": "complaint"})
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(entity=entity, cause="未取得卫生许可证擅自营业")
    assert case.party_name == entity.name and set(case.officers.all()) == set(officers)


def test_a_case_against_a_party_outside_the_register_opens_and_shows():
    client = login("xian_zhifa")
    officers = team()
    response = client.post("/enforcement/cases/new/", {
        "org": officers[0].org_id, "on": "2026-11-20", "officers": [o.pk for o in officers],
        "party_kind": "individual", "party_name": "王某", "cause": "非法行医", "source": "complaint"})
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(response.url)
    assert page.status_code == 200
    assert "王某（公民）" in page.content.decode() and Case.objects.get(party_name="王某").entity is None


def test_the_on_the_spot_form_refuses_a_fine_above_the_ceiling():
    client = login("xian_zhifa")
    officers = team()
    before = Case.objects.count()
    response = client.post("/enforcement/cases/on-the-spot/", {
        "org": officers[0].org_id, "on": "2026-11-20", "officers": [o.pk for o in officers], "party_kind": "individual",
        "party_name": "张某", "cause": "从业人员无健康证明", "source": "inspection", "penalty_kinds": ["fine"],
        "fine": "500"})
    assert response.status_code == 200
    assert "应适用普通程序" in response.content.decode() and Case.objects.count() == before


def test_the_open_form_refuses_a_party_kind_against_the_register():
    client = login("xian_zhifa")
    entity = Entity.objects.filter(org__code=UNIT, conflicts__isnull=True, is_individual=False).first()
    officers = team()
    response = client.post("/enforcement/cases/new/", {
        "org": officers[0].org_id, "on": "2026-11-20", "officers": [o.pk for o in officers], "entity": entity.pk,
        "party_kind": "individual", "cause": "未取得卫生许可证擅自营业", "source": "complaint"})
    assert response.status_code == 200
    assert "当事人类型应与监管对象库登记一致" in response.content.decode()
    assert not Case.objects.filter(entity=entity, cause="未取得卫生许可证擅自营业").exists()


def test_the_review_is_sent_with_its_decision_and_the_page_shows_it():
    case = waived(notified_case(fine=1000))
    client = login("xian_zhifa")
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'name="review-property_value"' in page and 'name="review-kind"' in page
    response = client.post(f"/enforcement/cases/{case.pk}/steps/review/", {
        "review-on": "2026-03-12", "review-kind": "penalty", "review-penalty_kinds": ["warning", "fine"],
        "review-fine": "900", "review-summary": "拟警告、罚款900元"})
    assert response.status_code == 302, response.content.decode()[:2000]
    review = case.reviews.get()
    assert review.decision_kind == DecisionKind.PENALTY and review.fine == 900
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "送审决定：给予行政处罚：警告、罚款900元" in page


def test_the_list_exports_to_excel():
    case = decided_case()
    response = login("xian_fazhi").get(f"/enforcement/cases/?q={case.number}&_export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_transfer_needs_no_service():
    case = open_case()
    case = services.case_decide(case=case, kind=DecisionKind.TRANSFER, transfer_to="县公安局", on=dt.date(2026, 3, 5),
                                actor=officer())
    page = login("xian_zhifa").get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-testid="step-serve"' not in page and 'data-testid="step-close"' in page


@pytest.mark.parametrize("username", ["xian_sysadmin", "xian_fazhi", "xian_zhifa", "xian_shenhe", "xian_lingdao"])
def test_a_countys_pages_exports_and_api_never_show_another_county(username):
    import io

    import openpyxl

    client = login(username)
    for url in ["/enforcement/cases/", "/enforcement/cases/?overdue=true", "/enforcement/cases/deadlines/",
                "/enforcement/cases/reviews/", "/enforcement/cases/evaluations/"]:
        response = client.get(url)
        assert response.status_code == 200 and "示例区" not in response.content.decode(), url
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/enforcement/cases/?_export=xlsx").content)).active
    assert not any("示例区" in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    for url in ["/api/cases/", "/api/legal-reviews/"]:
        data = client.get(url).json()
        assert all("990102" not in str(row) and "示例区" not in str(row) for row in data["results"]), url
