"""Each case stores its nearest open legal deadline: the overdue filter and the warnings are database filters,
and a changed time limit or the rebuild command bring every stored deadline back in line."""

import datetime as dt

import pytest
from django.core.management import call_command

from fazhi.cases.models import Case
from fazhi.cases.selectors import at_risk_q, overdue_q
from fazhi.cases.stored import open_deadline
from fazhi.core.models import LegalTimeLimit
from tests.conftest import TODAY, login

from .factories import open_case

pytestmark = pytest.mark.django_db


def test_an_open_case_stores_its_decision_deadline_counted_from_the_opening():
    case = open_case(on=dt.date(2026, 3, 2))
    # 90 days from 2 March (the opening day not counted) is 31 May, a Sunday: the period ends on Monday 1 June.
    assert case.next_due == dt.date(2026, 6, 1)
    assert case.warn_from == dt.date(2026, 5, 22)  # the decision warns ten days ahead
    assert Case.objects.filter(overdue_q(TODAY), pk=case.pk).exists()  # TODAY is in November
    assert Case.objects.filter(at_risk_q(dt.date(2026, 5, 21)), pk=case.pk).exists() is False
    assert Case.objects.filter(at_risk_q(dt.date(2026, 5, 22)), pk=case.pk).exists()


def test_the_list_filters_overdue_cases_in_the_database(county_admin):
    late = open_case(on=dt.date(2026, 3, 2))
    recent = open_case(on=TODAY - dt.timedelta(days=5))
    client = login("xian_fazhi")
    shown = client.get("/enforcement/cases/?overdue=true&q=测试单位").content.decode()
    assert late.number in shown and recent.number not in shown
    shown = client.get("/enforcement/cases/?overdue=false&q=测试单位").content.decode()
    assert recent.number in shown and late.number not in shown


def test_a_changed_time_limit_moves_every_stored_deadline(django_capture_on_commit_callbacks):
    case = open_case(on=dt.date(2026, 3, 2))
    rule = LegalTimeLimit.objects.get(code="penalty-decision")
    with django_capture_on_commit_callbacks(execute=True):
        rule.number = 60
        rule.save()
    case.refresh_from_db()
    assert case.next_due == dt.date(2026, 5, 6)  # 60 days end on 1 May, in the 劳动节 break (1–5 May)
    assert (case.next_due, case.warn_from) == open_deadline(case)


def test_the_rebuild_command_puts_back_what_a_bulk_write_left_out(capsys):
    case = open_case(on=dt.date(2026, 3, 2))
    Case.all_objects.filter(pk=case.pk).update(next_due=None, warn_from=None)
    call_command("refresh_stored")
    case.refresh_from_db()
    assert case.next_due == dt.date(2026, 6, 1)
    assert "cases.deadlines：更新 1 条" in capsys.readouterr().out
