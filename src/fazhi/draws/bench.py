"""Benchmarks of the draws, run by `make bench` on the city-scale demo: a draw over 100,000 entities (fix the
pool, draw, verify from the published record), the task list and the daily reminders."""

from __future__ import annotations

import datetime as dt
import json
import time

from django.utils import timezone

from fazhi.core.bench import _page
from fazhi.core.choices import RegionLevel
from fazhi.core.models import Org, User
from fazhi.core.services import commission_create
from fazhi.enforcement.choices import CreditGrade, EntityCategory
from fazhi.enforcement.models import Entity, Officer

from . import algorithm, services
from .record import draw_record
from .reminders import reminders

BIG_POOL = 100_000
BENCH_REGION = "990900"  # a region of its own beside the demo cities, so no demo page grows with it


def _bench_unit() -> Org:
    """The benchmark region's enforcement unit with 100,000 entities and 40 officers, made once."""
    unit = Org.objects.filter(code=f"{BENCH_REGION}.wjw.wsjds").first()
    if unit is None:
        province = Org.objects.get(code="990000")
        commission_create(parent_region=province, region_name="基准测试市", level=RegionLevel.CITY, code=BENCH_REGION,
                          units=[("wsjds", "基准测试市卫生健康综合监督执法支队")])
        unit = Org.objects.get(code=f"{BENCH_REGION}.wjw.wsjds")
    if not Entity.objects.filter(org=unit).exists():
        categories, grades = list(EntityCategory), list(CreditGrade)
        Entity.objects.bulk_create([
            Entity(org=unit, name=f"基准测试单位{n:06d}", category=categories[n % len(categories)],
                   credit_grade=grades[(n * 7) % len(grades)], address=f"基准测试路{n}号")
            for n in range(BIG_POOL)], batch_size=2000)
        Officer.objects.bulk_create([
            Officer(org=unit, name=f"基准执法员{n:02d}", certificate_no=f"BENCH{n:05d}",
                    issuing_body="基准测试市人民政府", issued_on=dt.date(2020, 1, 1), valid_until=dt.date(2040, 12, 31))
            for n in range(40)])
    return unit


def draw_100k():
    unit = _bench_unit()
    actor = User.objects.get(username="admin")
    today = timezone.localdate()
    task = services.task_save(org=unit, actor=actor, year=today.year, name="十万户名录抽取基准", source="own",
                              pool_org=unit.parent, categories=[], grades=[], mode="fixed", sample_size=1000,
                              team_size=None, start_date=today, due_date=today, note="")
    draw = services.draw_create(task=task, actor=actor)
    stages = []
    start = time.perf_counter()
    draw = services.draw_fix_pool(draw=draw, actor=actor)
    stages.append(("锁定名录", time.perf_counter() - start))
    start = time.perf_counter()
    draw = services.draw_run(draw=draw, witness="基准测试", witness_input="100000", actor=actor)
    stages.append(("抽取", time.perf_counter() - start))
    start = time.perf_counter()
    record = json.loads(json.dumps(draw_record(draw), ensure_ascii=False))
    stages.append(("生成抽取记录", time.perf_counter() - start))
    start = time.perf_counter()
    lines, ok = algorithm.report(record)
    stages.append(("核验", time.perf_counter() - start))
    assert ok, lines[-1]
    return (f"名录{draw.pool_entity_count}户、抽取{len(record['picks'])}户；"
            + "，".join(f"{name} {seconds:.2f} 秒" for name, seconds in stages))


def task_list_city():
    return _page("shi_lingdao", "/enforcement/draws/")


def task_page_city():
    from .models import DrawTask

    task = DrawTask.objects.filter(org__code__startswith="990100", source="national").order_by("-year").first()
    return _page("shi_lingdao", f"/enforcement/draws/{task.pk}/")


def daily_reminders():
    return f"{len(list(reminders(timezone.localdate())))} 项提醒"


BENCHMARKS = [
    ("draw_100k", draw_100k),
    ("task_list_city", task_list_city),
    ("task_page_city", task_page_city),
    ("daily_reminders", daily_reminders),
]
