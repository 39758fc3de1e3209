"""The 双随机 figures of an annual report, counted from draws made for the purpose: national tasks counted by
their picks, own tasks by task, 完成率 and 完结率, results published on time; and the wording reports use."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.draws import services
from fazhi.draws.models import Draw
from fazhi.indicators import registry
from fazhi.indicators.registry import Period, value

from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(county_admin):
    """A unit that drew a national task of 8 (6 inspected, 1 unable, 1 pending) and two own tasks of 3."""
    unit = make_unit()
    stock(unit, entities=12, officers=6)
    national = drawn(make_task(county_admin, unit, source="national", sample_size=8, name="国家任务"), county_admin)
    picks = list(national.picks.order_by("rank"))
    today = timezone.localdate()
    for pick in picks[:6]:
        services.pick_inspect(pick=pick, date=today, actor=county_admin)
    services.pick_unable(pick=picks[6], reason="停业", actor=county_admin)
    for name in ("本级任务一", "本级任务二"):
        own = drawn(make_task(county_admin, unit, name=name), county_admin)
        for pick in own.picks.all():
            services.pick_inspect(pick=pick, date=today, actor=county_admin)
    return unit, national, Period.year(today.year)


def test_national_tasks_are_counted_by_their_picks_and_own_tasks_by_task(figures):
    unit, _, year = figures
    assert value("draws.national_tasks", unit, year) == 8
    assert value("draws.own_tasks", unit, year) == 2
    assert value("draws.provincial_tasks", unit, year) == 0
    assert value("draws.picks", unit, year) == 14


def test_completion_counts_inspections_and_closure_every_settled_pick(figures):
    unit, _, year = figures
    assert value("draws.national_completion_rate", unit, year) == 75.0  # 6 of 8
    assert value("draws.national_closure_rate", unit, year) == 87.5  # 7 of 8
    assert value("draws.completion_rate", unit, year) == registry.rate(12, 14, places=2) == 85.71
    assert value("draws.closure_rate", unit, year) == registry.rate(13, 14, places=2)


def test_figures_follow_the_date_of_the_draw(figures):
    unit, national, year = figures
    last_year = Period.year(year.start.year - 1)
    assert value("draws.national_tasks", unit, last_year) == 0
    Draw.objects.filter(pk=national.pk).update(drawn_at=timezone.now() - dt.timedelta(days=400))
    assert value("draws.national_tasks", unit, Period.year(year.start.year - 1)) == 8
    assert value("draws.national_tasks", unit, year) == 0


def test_publicity_on_time_counts_what_was_due(figures):
    unit, national, year = figures
    settled = national.picks.exclude(outcome="pending").order_by("rank")
    assert settled.count() == 7
    # nothing is due yet and nothing published: no rate to speak of
    assert value("draws.publicity_on_time_rate", unit, year) is None
    today = timezone.localdate()
    ids = list(settled.values_list("pk", flat=True))
    settled.model.objects.filter(pk__in=ids[:4]).update(result_published_at=timezone.now(), result_due=today)
    settled.model.objects.filter(pk__in=ids[4:5]).update(result_published_at=timezone.now(),
                                                         result_due=today - dt.timedelta(days=3))
    settled.model.objects.filter(pk__in=ids[5:6]).update(result_due=today - dt.timedelta(days=1))
    # 4 on time, 1 late, 1 overdue and unpublished; the last one is not yet due
    assert value("draws.publicity_on_time_rate", unit, year) == registry.rate(4, 6, places=2) == 66.67


def test_the_wording_of_the_reports_finds_the_figures():
    sentence = "国家下达的卫生健康行业双随机监督抽查任务598个，任务完成率96.99%，任务完结率100%"
    assert registry.match("国家下达的卫生健康行业双随机监督抽查任务598个", unit="个").code == "draws.national_tasks"
    assert registry.match(sentence, unit="%").code in {"draws.national_completion_rate", "draws.national_closure_rate"}
    assert registry.match("任务完成率96.99%", unit="%").code == "draws.completion_rate"
    assert registry.match("任务完结率100%", unit="%").code == "draws.closure_rate"
    assert registry.match("制定下发单部门双随机任务4个", unit="个").code == "draws.own_tasks"
