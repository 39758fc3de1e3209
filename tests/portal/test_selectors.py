"""The retention arithmetic behind every list of the portal, checked against the core's due dates."""

import datetime as dt

import pytest

from fazhi.core.deadlines import due_for
from fazhi.core.models import LegalTimeLimit
from fazhi.portal.selectors import PENALTY_RETENTION, retention_start, window

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(("number", "unit"), [(1, "year"), (6, "month"), (20, "wd"), (30, "cal"), (0, "cal")])
@pytest.mark.parametrize("today", [dt.date(2026, 10, 8), dt.date(2026, 11, 22), dt.date(2026, 2, 24),
                                   dt.date(2026, 12, 31), dt.date(2027, 3, 1)])
def test_the_first_day_still_shown_is_the_first_whose_period_runs_today(number, unit, today):
    LegalTimeLimit.objects.filter(code=PENALTY_RETENTION).update(number=number, unit=unit)
    first = retention_start(PENALTY_RETENTION, today)
    assert due_for(PENALTY_RETENTION, first).date >= today
    assert due_for(PENALTY_RETENTION, first - DAY).date < today


def test_the_window_runs_to_the_end_of_today_in_local_time():
    shown = window(PENALTY_RETENTION, dt.date(2026, 11, 22))
    assert shown.end.isoformat() == "2026-11-23T00:00:00+08:00"
    assert shown.start.isoformat() == f"{retention_start(PENALTY_RETENTION, dt.date(2026, 11, 22))}T00:00:00+08:00"


def test_a_retention_that_never_ends_is_refused():
    LegalTimeLimit.objects.filter(code=PENALTY_RETENTION).update(number=200, unit="year")
    with pytest.raises(ValueError):
        retention_start(PENALTY_RETENTION, dt.date(2026, 11, 22))
