"""Demo 双随机 tasks of each commission for the last full year and this one: a national task, a provincial one
(by credit grade) and a few of its own, each drawn through the services so that every record verifies.
Most picks were inspected (random inspections in the register), the closed-for-now ones settled as unable,
results published mostly on time; this year's tasks are partly done and one draw waits at its fixed pool.

The many inspections and outcomes are written in bulk; a few go through `pick_inspect`/`pick_unable` so
their gates run too."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.core.choices import OrgKind, RegionLevel, RoleCode
from fazhi.core.deadlines import WorkCalendar, due_for
from fazhi.core.demo import DemoContext
from fazhi.core.models import Org, User
from fazhi.enforcement.choices import (
    EntityCategory,
    EntityStatus,
    FollowUp,
    InspectionKind,
    InspectionResult,
)
from fazhi.enforcement.demo import enforcement_unit
from fazhi.enforcement.models import CheckItem, Entity, Inspection

from . import selectors, services
from .choices import PickOutcome, SampleMode, TaskSource
from .models import Draw, DrawTask, Pick

C = EntityCategory
# name, source, mode, categories, picks per county at volume 1 (the city draws two thirds as many),
# draw month and day, due month and day, share left pending when this year's due date is still ahead
TASKS = [
    ("{y}年国家双随机监督抽查", TaskSource.NATIONAL, SampleMode.FIXED,
     [C.PUBLIC_PLACE, C.HOSPITAL, C.CLINIC, C.SCHOOL, C.WATER, C.OCCUPATIONAL, C.RADIATION, C.DISINFECTION],
     30, (4, 8), (11, 30), .08),
    ("{y}年全省医疗机构依法执业双随机抽查", TaskSource.PROVINCIAL, SampleMode.CREDIT,
     [C.HOSPITAL, C.CLINIC, C.RADIATION], None, (5, 12), (12, 15), .15),
    ("{y}年公共场所卫生专项抽查", TaskSource.OWN, SampleMode.FIXED, [C.PUBLIC_PLACE], 12, (3, 18), (6, 30), 0),
    ("{y}年学校卫生及生活饮用水卫生抽查", TaskSource.OWN, SampleMode.FIXED, [C.SCHOOL, C.WATER], 6, (9, 2),
     (12, 31), .5),
    ("{y}年职业健康与放射卫生跨部门联合抽查", TaskSource.JOINT, SampleMode.FIXED, [C.OCCUPATIONAL, C.RADIATION], 5,
     (10, 20), (12, 31), 1),
]
FINDINGS = {
    InspectionResult.COMPLIANT: ["现场检查未发现违法违规行为", "卫生管理制度健全，从业人员持有效健康证明",
                                 "相关证照齐全有效，记录完整"],
    InspectionResult.RECTIFY: ["部分从业人员健康合格证明过期", "公共用品用具清洗消毒记录不全",
                               "未按规定公示卫生检测结果", "医疗废物暂存点标识不规范", "处方书写不规范"],
    InspectionResult.CASE: ["涉嫌超出登记的诊疗科目开展诊疗活动", "涉嫌未取得卫生许可证擅自营业"],
}
# A city's national picks a year beyond county scale, shared among its commissions (the city's own weighing
# CITY_SHARE of a county's): seed 004's city had "国家下达的…双随机监督抽查任务598个". At county scale the
# national task keeps TASKS' 30 picks a county, so that the everyday demo stays quick to build.
NATIONAL_PICKS_PER_CITY = 600
CITY_SHARE = 2 / 3
# Why an inspector found nobody to inspect: the register says closed for now, or the place was gone.
UNABLE = {EntityStatus.SUSPENDED: "停业"}
GONE = ["查无此户", "已迁出辖区", "已停止经营，待办理注销"]


def generate(ctx: DemoContext) -> None:
    admin = User.objects.get(username="admin")
    cal, dues = WorkCalendar(), {}
    for commission in ctx.commissions:
        Tasks(ctx, commission, admin, cal, dues).run()


class Tasks:
    def __init__(self, ctx: DemoContext, commission: Org, admin: User, cal: WorkCalendar, dues: dict):
        self.ctx, self.rng, self.commission, self.cal, self.dues = ctx, ctx.rng, commission, cal, dues
        self.unit = enforcement_unit(commission)
        self.actor = (User.objects.filter(org__path__startswith=commission.path, roles__code=RoleCode.LEGAL_ADMIN)
                      .first() or admin)
        self.place = commission.parent.name
        is_city = commission.parent.level == RegionLevel.CITY
        self.share = CITY_SHARE if is_city else 1
        self.national = None if ctx.scale == "county" else self.national_share(commission, is_city)
        self.items = list(CheckItem.objects.filter(org=commission, is_random=True))

    def national_share(self, commission: Org, is_city: bool) -> int:
        """This commission's national picks a year, so that its city's add up to NATIONAL_PICKS_PER_CITY."""
        city_region = commission.parent if is_city else commission.parent.parent
        counties = Org.objects.filter(kind=OrgKind.COMMISSION, parent__parent=city_region).count()
        return round(NATIONAL_PICKS_PER_CITY * self.share / (counties + CITY_SHARE))

    def day(self, year: int, month: int, day: int) -> dt.date:
        """A date of `year`, never after yesterday: a demo made in January still has its draws behind it."""
        return max(dt.date(year, 1, 1), min(dt.date(year, month, day), self.ctx.today - dt.timedelta(days=1)))

    def run(self) -> None:
        last, this = self.ctx.years
        for year in (last, this):
            for index, spec in enumerate(TASKS):
                # This year's last task waits with its pool fixed, to be drawn in front of a witness.
                self.task(year, spec, stop_at_pool=year == this and index == len(TASKS) - 1,
                          void_first=year == last and index == 2)

    def task(self, year, spec, *, stop_at_pool: bool, void_first: bool) -> None:
        name, source, mode, categories, size, drawn_md, due_md, pending_share = spec
        available = Entity.objects.filter(org__path__startswith=self.commission.path, category__in=categories) \
            .exclude(status=EntityStatus.CLOSED).count()
        if not available:
            return
        if size is not None:
            wanted = self.national if source == TaskSource.NATIONAL and self.national else round(
                size * self.ctx.volume * self.share)
            size = max(1, min(wanted, available // 2))
        drawn_on = self.day(year, *drawn_md)
        task = services.task_save(
            org=self.unit, actor=self.actor, year=year, name=name.format(y=year), source=source,
            pool_org=self.commission, categories=categories, grades=[], mode=mode, sample_size=size, team_size=None,
            start_date=drawn_on, due_date=max(drawn_on, dt.date(year, *due_md)), note="",
            items=[i for i in self.items if i.category in categories])
        DrawTask.all_objects.filter(pk=task.pk).update(created_at=self._at(drawn_on - dt.timedelta(days=7), 9))
        if void_first:
            wrong = services.draw_create(task=task, actor=self.actor)
            services.draw_void(draw=wrong, reason="抽查事项清单调整，按新清单重新组织抽取", actor=self.actor)
            Draw.all_objects.filter(pk=wrong.pk).update(committed_at=self._at(drawn_on - dt.timedelta(days=3), 10))
        draw = services.draw_create(task=task, actor=self.actor)
        draw = services.draw_fix_pool(draw=draw, actor=self.actor, on=drawn_on)
        if stop_at_pool:
            Draw.all_objects.filter(pk=draw.pk).update(committed_at=self._at(drawn_on, 9),
                                                       pool_fixed_at=self._at(drawn_on, 9, 20))
            return
        draw = services.draw_run(draw=draw, actor=self.actor, witness=self.witness(),
                                 witness_input=str(self.rng.randrange(10 ** 6)).zfill(6))
        Draw.all_objects.filter(pk=draw.pk).update(committed_at=self._at(drawn_on, 9),
                                                   pool_fixed_at=self._at(drawn_on, 9, 20),
                                                   drawn_at=self._at(drawn_on, 10))
        draw.drawn_at = self._at(drawn_on, 10)
        ahead = task.due_date >= self.ctx.today
        self.outcomes(draw, task, drawn_on, pending_share if ahead else 0)

    def witness(self) -> str:
        return f"{self.place}纪委监委派驻纪检监察组 {self.ctx.person_name()}"

    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    # ---------------------------------------------------------------- what came of the picks
    def outcomes(self, draw: Draw, task: DrawTask, drawn_on: dt.date, pending_share: float) -> None:
        picks = list(selectors.draw_picks(draw))
        settled = picks[:len(picks) - round(len(picks) * pending_share)]
        last_day = min(task.due_date, self.ctx.today - dt.timedelta(days=1))
        inspections, visited, updated = [], [], []
        for index, pick in enumerate(settled):
            on = drawn_on + dt.timedelta(days=self.rng.randint(3, max(3, (last_day - drawn_on).days)))
            on = min(on, last_day) if last_day >= drawn_on else drawn_on
            team = list(pick.officers.all())
            if not all(o.certified_on(on) for o in team):
                on = drawn_on  # the pool took only officers certified on the day of the draw
            if index == 0 and task.source == TaskSource.NATIONAL and task.year == self.ctx.today.year:
                self.through_services(pick, on)
                continue
            reason = self.unable(pick)
            if reason:
                pick.outcome, pick.unable_reason = PickOutcome.UNABLE, reason
            else:
                pick.outcome = PickOutcome.INSPECTED
                inspections.append(self.inspection(pick, on))
                visited.append(pick)
            pick.settled_on = on
            pick.result_due = self.result_due(on)
            pick.result_published_at = self.published(on, pick.result_due)
            updated.append(pick)
        made = bulk_create_with_history(inspections, Inspection, default_user=self.actor, batch_size=500)
        Inspection.officers.through.objects.bulk_create(
            [Inspection.officers.through(inspection_id=inspection.pk, officer_id=officer.pk)
             for inspection, pick in zip(made, visited, strict=True) for officer in pick.officers.all()])
        items = {category: [i.pk for i in self.items if i.category == category] for category in C.values}
        Inspection.items.through.objects.bulk_create(
            [Inspection.items.through(inspection_id=inspection.pk, checkitem_id=item)
             for inspection in made for item in items[inspection.entity.category]])
        for inspection, pick in zip(made, visited, strict=True):
            pick.inspection = inspection
        bulk_update_with_history(
            updated, Pick,
            ["outcome", "unable_reason", "inspection", "settled_on", "result_due", "result_published_at"],
            default_user=self.actor)

    def unable(self, pick: Pick) -> str:
        # Some of those closed for a while have opened again by the visit: about 97 % are inspected.
        if pick.entity.status in UNABLE and self.rng.random() < .7:
            return UNABLE[pick.entity.status]
        return self.rng.choice(GONE) if self.rng.random() < .005 else ""

    def result_due(self, on: dt.date) -> dt.date:
        if on not in self.dues:
            self.dues[on] = due_for(services.PUBLICITY_RULE, on, cal=self.cal).date
        return self.dues[on]

    def inspection(self, pick: Pick, on: dt.date) -> Inspection:
        result = self.rng.choices(list(InspectionResult), weights=[60, 37, 3])[0]
        opinion, rectify_by, follow_up, follow_up_on = "", None, FollowUp.NONE, None
        if result == InspectionResult.RECTIFY:
            opinion = f"{self.place[:2]}卫监意〔{on.year}〕{self.rng.randint(1, 999):03d}号"
            rectify_by = on + dt.timedelta(days=self.rng.choice([10, 15, 30]))
            if rectify_by < self.ctx.today and self.rng.random() < .9:
                follow_up, follow_up_on = FollowUp.DONE, rectify_by
            else:
                follow_up = FollowUp.PENDING
        elif result == InspectionResult.CASE:
            follow_up = FollowUp.CASE
        return Inspection(org=pick.entity.org, entity=pick.entity, date=on, kind=InspectionKind.RANDOM,
                          findings=self.rng.choice(FINDINGS[result]), result=result, opinion_no=opinion,
                          rectify_by=rectify_by, follow_up=follow_up, follow_up_on=follow_up_on,
                          follow_up_note="经复查已整改到位" if follow_up == FollowUp.DONE else "",
                          created_by=self.actor)

    def published(self, settled_on: dt.date, due: dt.date):
        """Most results go up within the period; a few late; the last weeks' not yet."""
        if due >= self.ctx.today and self.rng.random() < .6:
            return None
        day = settled_on + dt.timedelta(days=self.rng.randint(1, max(1, (due - settled_on).days)))
        if self.rng.random() < .04:
            day = due + dt.timedelta(days=self.rng.randint(1, 12))
        if day >= self.ctx.today:
            return None
        return self._at(day, 16)

    def through_services(self, pick: Pick, on: dt.date) -> None:
        """A couple of this year's picks registered the way a user does, gates and all."""
        reason = self.unable(pick)
        if reason:
            services.pick_unable(pick=pick, reason=reason, on=on, actor=self.actor)
        else:
            services.pick_inspect(pick=pick, date=on, actor=self.actor, result=InspectionResult.COMPLIANT,
                                  findings=FINDINGS[InspectionResult.COMPLIANT][0])
