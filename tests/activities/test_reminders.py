"""Reminders ahead of the publicity days, once each."""

import datetime as dt

import pytest
from django.core.management import call_command

from fazhi.activities.reminders import reminders
from fazhi.core.models import Notification

pytestmark = pytest.mark.django_db


def test_offices_are_reminded_ahead_of_each_publicity_day_once(county_admin):
    titles = [r["title"] for r in reminders(dt.date(2030, 11, 25))]
    assert any("宪法宣传周" in t for t in titles) and any("国家宪法日" in t for t in titles)
    assert not any("民法典" in t for t in titles)
    assert not list(reminders(dt.date(2030, 7, 1)))  # nothing within ten days of 1 July
    call_command("send_reminders", date="2030-11-25")
    mine = Notification.objects.filter(user=county_admin, key__startswith="publicity:")
    assert mine.filter(title__contains="国家宪法日（12月04日）").count() == 1
    count = mine.count()
    call_command("send_reminders", date="2030-11-26")
    assert mine.count() == count


def test_december_reminds_of_a_day_early_next_year(county_admin):
    from fazhi.activities.models import PublicityDay

    PublicityDay.objects.create(name="元旦普法", month=1, day=2, end_month=1, end_day=2, remind_days=10)
    assert any(r["key"].endswith(":2031") and "元旦普法" in r["title"] for r in reminders(dt.date(2030, 12, 28)))
