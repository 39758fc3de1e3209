"""Reminders of 双随机 tasks: a due date near with picks pending, results waiting for publicity; each once."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.core.models import Notification, User
from fazhi.draws import services
from fazhi.draws.models import Pick
from fazhi.draws.reminders import PUBLICITY_WARN_DAYS, TASK_WARN_DAYS, reminders

from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db


def about(task, today):
    return [r for r in reminders(today) if f"/enforcement/draws/{task.pk}/" == r["url"]]


def test_a_task_due_soon_with_picks_pending_is_announced_to_its_unit_and_the_office(county_admin):
    unit = make_unit()
    stock(unit)
    member = User.objects.create_user("xian_zhifa_2", password="x-long-password-1", org=unit)
    member.roles.add("officer")
    today = timezone.localdate()
    task = make_task(county_admin, unit, due_date=today + dt.timedelta(days=TASK_WARN_DAYS - 1))
    draw = drawn(task, county_admin)
    (warning,) = about(task, today)
    assert warning["title"] == f"双随机抽查任务即将到期：{task.name}" and "尚有3户" in warning["body"]
    assert {county_admin, member} <= set(warning["users"])
    assert User.objects.get(username="qu_fazhi") not in warning["users"]
    (overdue,) = about(task, task.due_date + dt.timedelta(days=1))
    assert overdue["level"] == "danger" and "已过" in overdue["body"]
    for pick in draw.picks.all():
        services.pick_unable(pick=pick, reason="停业", actor=county_admin)
    assert not [r for r in about(task, today) if r["key"].startswith("draw-task:")]


def test_results_near_their_publicity_deadline_are_announced_once(county_admin):
    unit = make_unit()
    stock(unit)
    today = timezone.localdate()
    task = make_task(county_admin, unit, due_date=today + dt.timedelta(days=200))
    draw = drawn(task, county_admin)
    pick = draw.picks.first()
    services.pick_unable(pick=pick, reason="查无此户", actor=county_admin)
    due = Pick.objects.get(pk=pick.pk).result_due
    assert not about(task, due - dt.timedelta(days=PUBLICITY_WARN_DAYS + 1))
    (notice,) = about(task, due - dt.timedelta(days=1))
    assert notice["title"] == f"抽查结果待公示：{task.name}" and notice["key"] == f"draw:{draw.pk}:publish:{due}"
    call_command("send_reminders", date=(due - dt.timedelta(days=1)).isoformat())
    call_command("send_reminders", date=due.isoformat())
    assert Notification.objects.filter(user=county_admin, key=notice["key"]).count() == 1
    services.draw_publish_results(draw=draw, actor=county_admin)
    assert not about(task, due)
