"""The load test of `make bench`: who it signs in as and how it reads its timings (no timing is asserted)."""

import pytest

from fazhi.core import loadtest
from fazhi.core.models import User


@pytest.mark.django_db
def test_the_simulated_users_are_demo_accounts_of_the_city_and_both_counties():
    assert {"shi_lingdao", "xian_fazhi", "qu_tianbao"} <= set(loadtest.USERNAMES)
    assert User.objects.filter(username__in=loadtest.USERNAMES).count() == len(loadtest.USERNAMES)


def test_percentiles_are_nearest_rank():
    values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10]
    assert loadtest.percentile(values, 0.5) == 5
    assert loadtest.percentile(values, 0.95) == 10
    assert loadtest.percentile([7], 0.95) == 7
    assert loadtest.percentile([], 0.5) is None
