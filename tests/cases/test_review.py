"""The reviewers' queue (法制审核): pending rounds of their commission, oldest first, never their own case;
the review page shows the case file and the earlier rounds and takes the opinion."""

import datetime as dt

import pytest

from fazhi.cases import selectors, services
from fazhi.cases.models import LegalReview
from tests.conftest import login
from tests.enforcement.factories import make_officer

from .factories import UNIT, notified_case, office, officer, reviewer, user

pytestmark = pytest.mark.django_db


def submit(case, on):
    return services.case_submit_review(case=case, summary=f"拟罚款{case.proposed_fine}元", on=on, actor=officer())


def test_the_queue_is_for_reviewers_oldest_first_and_never_their_own_case():
    later = submit(notified_case(), dt.date(2026, 3, 13))
    earlier = submit(notified_case(), dt.date(2026, 3, 12))
    own = submit(notified_case(officers=[make_officer(UNIT, user=reviewer()), make_officer(UNIT)]),
                 dt.date(2026, 3, 11))
    queue = list(selectors.review_queue(reviewer()))
    assert queue.index(earlier) < queue.index(later)
    assert own not in queue
    assert all(r.is_pending and r.case.org.code.startswith("990121") for r in queue)
    for nobody in (officer(), office(), user("xian_lingdao"), user("qu_shenhe")):
        assert later not in selectors.review_queue(nobody)


def test_the_reviewer_sees_the_case_file_and_the_earlier_rounds_then_gives_an_opinion():
    case = notified_case(fine=2000)
    first = submit(case, dt.date(2026, 3, 12))
    services.review_decide(review=first, opinion="disagree", reasons="违法所得计算依据不足", on=dt.date(2026, 3, 13),
                           actor=reviewer())
    second = submit(case, dt.date(2026, 3, 16))
    client = login("xian_shenhe")
    page = client.get(f"/enforcement/cases/reviews/{second.pk}/").content.decode()
    assert "违法所得计算依据不足" in page and "第1轮" in page and "拟罚款2000" in page and case.number in page
    assert "全过程记录" in page and 'data-testid="opinion-form"' in page
    response = client.post(f"/enforcement/cases/reviews/{second.pk}/",
                           {"opinion": "agree_modified", "reasons": "", "on": "2026-03-17"})
    assert response.status_code == 200 and "修改后同意或不同意须写明理由" in response.content.decode()
    second.refresh_from_db()
    assert second.is_pending
    response = client.post(f"/enforcement/cases/reviews/{second.pk}/",
                           {"opinion": "agree_modified", "reasons": "补充引用条款", "on": "2026-03-17"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.opinion == "agree_modified" and second.reviewer == reviewer()


def test_an_officer_may_read_the_review_page_but_not_answer():
    review = submit(notified_case(), dt.date(2026, 3, 12))
    client = login("xian_zhifa")
    page = client.get(f"/enforcement/cases/reviews/{review.pk}/").content.decode()
    assert 'data-testid="opinion-form"' not in page and "未参与本案的审核员" in page
    assert client.post(f"/enforcement/cases/reviews/{review.pk}/", {"opinion": "agree"}).status_code == 403
    assert LegalReview.objects.get(pk=review.pk).is_pending


def test_the_queue_page_lists_what_waits():
    review = submit(notified_case(), dt.date(2026, 3, 12))
    page = login("xian_shenhe").get("/enforcement/cases/reviews/").content.decode()
    assert review.case.number in page and f"/enforcement/cases/reviews/{review.pk}/" in page
    assert review.case.number not in login("xian_zhifa").get("/enforcement/cases/reviews/").content.decode().split(
        "最近的审核意见")[0]
