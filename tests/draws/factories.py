"""A small enforcement unit of 示例县 of its own, with officers and entities, and tasks drawn the way the
pages draw them: the demo's registers stay out of the figures a test checks."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.choices import OrgKind
from fazhi.core.models import Org, User
from fazhi.core.services import org_create
from fazhi.draws import services
from fazhi.draws.models import Draw, DrawTask
from fazhi.enforcement.choices import CreditGrade, EntityCategory

from ..enforcement.factories import make_entity, make_officer

_units = itertools.count(1)


def make_unit(commission: str = "990121.wjw") -> Org:
    """A fresh enforcement team (执法中队) under a commission."""
    parent = Org.objects.get(code=commission)
    n = next(_units)
    return org_create(parent=parent, kind=OrgKind.UNIT, name=f"测试执法中队{n}", code=f"{commission}.test{n}")


def stock(unit: Org, *, entities: int = 8, officers: int = 4, grades=None, category=EntityCategory.PUBLIC_PLACE):
    """`entities` open entities (graded in turn by `grades`) and `officers` certified officers of `unit`."""
    grades = grades or [CreditGrade.B]
    people = [make_officer(unit, f"执法员{i + 1}") for i in range(officers)]
    places = [make_entity(unit, category=category, credit_grade=grades[i % len(grades)]) for i in range(entities)]
    return people, places


def make_task(actor: User, unit: Org, **fields) -> DrawTask:
    values = {"year": 2026, "name": "公共场所卫生双随机抽查", "source": "own", "pool_org": unit, "categories": [],
              "grades": [], "mode": "fixed", "sample_size": 3, "team_size": 2, "start_date": dt.date(2026, 3, 1),
              "due_date": dt.date(2026, 12, 31), "note": ""}
    values.update(fields)
    return services.task_save(org=values.pop("org", unit), actor=actor, **values)


def drawn(task: DrawTask, actor: User, witness_input: str = "314159") -> Draw:
    """Commit, fix the pool and draw, as the task page's three buttons do."""
    draw = services.draw_create(task=task, actor=actor)
    draw = services.draw_fix_pool(draw=draw, actor=actor)
    return services.draw_run(draw=draw, witness="驻局纪检组 王某某", witness_input=witness_input, actor=actor)
