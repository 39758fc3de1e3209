"""Daily reminders of cases: decisions due within ten days or overdue, late service and publicity, and the
reviews waiting for reviewers; each sent once."""

import datetime as dt

import pytest

from fazhi.cases import services
from fazhi.cases.reminders import reminders
from fazhi.core.models import Notification
from fazhi.core.services import notify
from fazhi.enforcement.models import Officer
from tests.conftest import TODAY
from tests.enforcement.factories import make_officer

from .factories import UNIT, decided_case, notified_case, officer, open_case, reviewer

pytestmark = pytest.mark.django_db


def mine(case):
    return [r for r in reminders(TODAY) if f":{case.pk}:" in r["key"]]


def with_the_officer_account():
    """A team with the demo officer whose account is xian_zhifa."""
    return [Officer.objects.get(user__username="xian_zhifa"), make_officer(UNIT)]


def test_a_decision_due_within_ten_days_warns_the_officers_and_the_office():
    case = open_case(on=dt.date(2026, 8, 31), officers=with_the_officer_account())  # due 29 November
    (reminder,) = mine(case)
    assert reminder["level"] == "warning" and "即将到期" in reminder["title"] and case.number in reminder["title"]
    assert {u.username for u in reminder["users"]} == {"xian_zhifa", "xian_fazhi"}
    assert "第六十条" in reminder["body"]


def test_an_overdue_decision_is_a_danger_and_is_sent_once():
    case = open_case(on=dt.date(2026, 1, 5))
    (reminder,) = mine(case)
    assert reminder["level"] == "danger" and "已逾期" in reminder["title"]
    assert notify(**reminder) == len(reminder["users"]) > 0
    assert notify(**mine(case)[0]) == 0
    assert Notification.objects.filter(key=reminder["key"]).count() == len(reminder["users"])


def test_an_unpublished_decision_past_its_publicity_time_tells_the_office():
    case = decided_case()
    services.case_serve(case=case, method="in_person", on=dt.date(2026, 3, 20), actor=officer())
    keys = {r["key"].split(":")[2]: r for r in mine(case)}
    assert set(keys) == {"publicity"}
    assert {u.username for u in keys["publicity"]["users"]} == {"xian_fazhi"}


def test_a_pending_review_is_announced_to_reviewers_who_did_not_work_on_the_case():
    case = notified_case()
    review = services.case_submit_review(case=case, summary="拟罚款", on=dt.date(2026, 3, 12), actor=officer())
    (reminder,) = [r for r in reminders(TODAY) if r["key"] == f"review:{review.pk}:pending"]
    assert {u.username for u in reminder["users"]} == {"xian_shenhe"}
    services.review_decide(review=review, opinion="agree", on=dt.date(2026, 3, 13), actor=reviewer())
    assert not [r for r in reminders(TODAY) if r["key"] == f"review:{review.pk}:pending"]
