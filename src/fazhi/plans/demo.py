"""Demo work plans: every demo commission imports its 工作要点 for the last full year and the current
one from a plan document written for the demo, assigns and issues it, and reports a year of progress,
so the ledger shows every task status (已完成, 推进中, 预警, 逾期, 未开始)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Case, Value, When
from django.utils import timezone

from fazhi.core.choices import TimeUnit
from fazhi.core.deadlines import WorkCalendar
from fazhi.core.demo import PDF, DemoContext
from fazhi.core.models import EvidenceFile, Notification, Org, User

from . import services
from .choices import Cadence, TaskEventKind
from .models import Plan, ProgressReport, Target, Task, TaskEvent
from .periods import label, periods
from .status import COMPARE

DOCUMENTS = Path(__file__).parent / "demo_plans"
PLACES = [("city.txt", "shi"), ("county.txt", "xian"), ("district.txt", "qu")]  # rotated over the commissions
# Who leads a task: the rule whose words a task names most (a word in the title counts three times),
# and of its org code suffixes the first the commission has; with none named, 办公室. "监督" alone would
# also catch 接受社会监督, hence the longer words.
LEADS = [(("学法", "普法", "述法", "法治思想", "以案释法", "立法", "规范性文件", "合法性审查", "重大行政决策",
           "公平竞争", "法律顾问", "复议", "应诉"), ("zcfgk",)),
         (("执法", "综合监督", "监管", "双随机", "处罚"), ("wsjds", "zfzd", "zhjdk")),
         (("医疗", "纠纷", "医院", "信访"), ("yzyjk",)),
         (("疾控", "传染病"), ("jkk", "cdc"))]
# The hospital leads the tasks that concern hospitals most, then those about learning and spreading law.
HOSPITAL_WORDS, LEARNING_WORDS = ("医院", "医疗机构", "医务", "医患"), ("普法", "学法", "以案释法")
# Progress fragments by the lead's kind of work (n 1–4, j 1–n, k 1–9, h 4–16, m 12–120: see _text).
ACTIVITIES = [
    (("zcfgk",), ["组织干部职工集中学法{n}次，参加{m}人次", "开展法律法规知识测试{n}次，参考{m}人",
                  "审核规范性文件、合同及重大行政决策事项{n}件，提出修改意见{k}条", "邀请法律顾问专题辅导{n}次",
                  "办理行政复议、应诉案件{j}件，均按期答复"]),
    (("wsjds", "zfzd", "zhjdk"), ["开展“双随机、一公开”抽查{m}户次，立案查处{k}件",
                                  "组织执法人员业务培训{n}期，累计{h}学时", "开展行政执法案卷自查，评查案卷{m}卷",
                                  "检查医疗机构{m}家，发现问题{k}个，均已督促整改"]),
    (("yzyjk", "rmyy"), ["开展医疗纠纷排查{n}次，调解化解纠纷{k}起", "组织医务人员法治培训{n}场，参加{m}人次",
                         "开展“以案释法进医院”活动{n}场，发放宣传资料{m}份",
                         "修订合同审查、投诉处理等院内制度{n}项"]),
    (("jkk", "cdc"), ["开展传染病防治法律法规宣传{n}次，覆盖{m}人次",
                      "对辖区医疗机构传染病防控开展督导{n}轮，检查{m}家"]),
]
GENERAL = ["召开专题会议{n}次，研究部署相关工作", "报送工作信息{n}篇，其中{j}篇被上级采用",
           "梳理工作台账，更新佐证材料{m}份", "在门户网站公开相关信息{k}条"]
CLOSINGS = ["相关佐证材料已归档备查。", "下一步将继续抓好落实，确保按期完成。", "工作按计划推进。",
            "存在的主要问题是部分单位台账资料不够规范，已督促整改。"]
RETURN_COMMENTS = ["请补充佐证材料和具体数据", "进展描述过于笼统，请补充具体措施和成效",
                   "请补充签到表、活动照片等佐证材料", "数据与上期报送不一致，请核实后重新报送"]


def generate(ctx: DemoContext) -> None:
    cal = WorkCalendar()
    admin = User.objects.get(username="admin")  # acts for the commissions that have no demo users
    for i, commission in enumerate(ctx.commissions):
        document, prefix = PLACES[i % 3]
        users = [ctx.users.get(f"{prefix}_{role}") if i < 3 else None for role in ("fazhi", "tianbao", "lingdao")]
        office, reporter, leader = users[0] or admin, users[1], users[2]
        orgs = {o.code.rpartition(".")[2]: o for o in Org.objects.filter(code__startswith=f"{commission.code}.")}
        text = (DOCUMENTS / document).read_text(encoding="utf-8")
        for year in ctx.years:
            plan = services.plan_import(org=commission, year=year, text=text.replace("{year}", str(year)),
                                        source_name=document, actor=office)
            _plan(ctx, cal, plan, orgs, office, reporter, leader)


def _plan(ctx, cal, plan, orgs, office, reporter, leader):
    rng, current = ctx.rng, plan.year == ctx.today.year
    tasks = list(plan.tasks.prefetch_related("targets"))
    issued = min(dt.date(plan.year, 2, 20) + dt.timedelta(days=rng.randint(0, 18)), ctx.today)
    # Fixed shares rather than coin flips, so every plan shows each status whatever the seed: "late"
    # misses its latest report, "warn" is due within the warning days, "fresh" reports only when done.
    fates = ["done"] * round((0.3 if current else 0.9) * len(tasks))
    if current:
        fates += ["warn", "fresh"] + ["late"] * max(1, round(0.1 * len(tasks)))
    fates = rng.sample(fates + [""] * (len(tasks) - len(fates)), len(tasks))
    fates = {task.pk: fate for task, fate in zip(tasks, fates, strict=True)}
    leads = _leads(tasks, orgs)
    # Last year's plan asked for half-yearly reports. Quarterly ones in both years would add nearly a
    # second to every demo build (each report with its review takes the services about 6 ms).
    if not current:
        services.plan_update(plan=plan, actor=office, default_cadence=Cadence.HALF)
    for task in tasks:
        for target in task.targets.all():
            services.target_save(target=target, actor=office, what=target.what, comparator=target.comparator,
                                 number=target.number, unit=target.unit, period=target.period,
                                 indicator_code=target.indicator_code, confirmed=True)
        asked = {t.period for t in task.targets.all()}  # this year a monthly target is followed monthly
        cadence = rng.choices([plan.default_cadence, Cadence.HALF, Cadence.ONCE], [80, 10, 10])[0]
        if current and asked & {"month", "half"}:
            cadence = Cadence.MONTH if "month" in asked else Cadence.HALF
        year_end = due = dt.date(plan.year, 12, 31)
        if cadence == Cadence.ONCE:  # a one-off job, due mid-year or so, reports once: when it is done
            due = rng.choice([dt.date(plan.year, 6, 30), dt.date(plan.year, 9, 30), year_end])
            fates[task.pk] = fates[task.pk] or "done"
        if fates[task.pk] == "warn":
            cadence, due = Cadence.QUARTER, min(year_end, ctx.today + dt.timedelta(days=rng.randint(5, 12)))
        elif fates[task.pk] == "fresh":
            cadence, due = Cadence.ONCE, year_end
        lead = leads[task.pk]
        co_units = rng.sample([o for o in orgs.values() if o != lead], rng.choice([0, 1, 1, 2]))
        services.task_assign(task=task, actor=office, lead=lead, co_units=co_units, leader=leader, cadence=cadence,
                             due_date=due)
    services.plan_issue(plan=plan, actor=office)
    # Importing, assigning and confirming took the office the weeks before the plan was issued.
    imported = _at(rng, issued - dt.timedelta(21))
    Plan.all_objects.filter(pk=plan.pk).update(issued_at=_at(rng, issued), created_at=imported)
    Task.all_objects.filter(plan=plan).update(created_at=imported)
    TaskEvent.objects.filter(task__plan=plan).update(at=_at(rng, issued - dt.timedelta(3)))
    for task in tasks:
        fate, actor = fates[task.pk], reporter if reporter and task.lead == reporter.org else office
        last_day = _progress(ctx, cal, task, fate, issued, actor, office)
        if fate != "fresh":
            _tick(ctx, task, fate, last_day or issued + dt.timedelta(rng.randint(20, 60)), actor)


def _leads(tasks, orgs) -> dict[int, Org]:
    """The same document gets the same leads every year."""
    def score(task, words):
        return sum(3 * task.title.count(w) + task.text.count(w) for w in words)

    leads = {}
    for task in tasks:
        best = max(((score(task, words), -i, suffixes) for i, (words, suffixes) in enumerate(LEADS)
                    if any(s in orgs for s in suffixes)), default=(0, 0, ()))
        leads[task.pk] = orgs[next(s for s in best[2] if s in orgs)] if best[0] else orgs["bgs"]
    if "rmyy" in orgs:  # the unit reporter needs a task list; a hospital does not lead law enforcement
        enforcement = {orgs.get(s) for s in LEADS[1][1]}
        fitting = [t for t in tasks if leads[t.pk] not in enforcement]
        for task in sorted(fitting, key=lambda t: (-score(t, HOSPITAL_WORDS), -score(t, LEARNING_WORDS), t.seq))[:3]:
            leads[task.pk] = orgs["rmyy"]
    return leads


def _progress(ctx, cal, task, fate, issued, actor, office) -> dt.date | None:
    """Reports every period that ended after the plan was issued, a few working days after its end; the
    office reviews each a few working days later and returns some for more material. Returns the day
    of the last report."""
    rng, current, last_day = ctx.rng, task.plan.year == ctx.today.year, None
    spans = [(s, min(e, task.due_date)) for s, e in periods(task.plan.year, task.cadence) if s <= task.due_date]
    spans = [(s, e) for s, e in spans if issued <= e < ctx.today]
    for index, (start, end) in enumerate(spans):
        last = index == len(spans) - 1
        if current and (fate == "late" and last or not last and rng.random() < 0.08):
            continue  # not reported; only a miss of the latest period makes the task 逾期
        completes = last and fate == "done"
        day = cal.due(end, rng.randint(1, task.plan.report_grace_days + 1), TimeUnit.WORKING_DAY).date
        for again in (False, True):  # a returned report is filed again with the missing material
            if day >= ctx.today:
                break  # the unit still has time
            text = _text(rng, task, start, end, completes) + ("（已按审核意见补充佐证材料）" if again else "")
            report = services.report_submit(task=task, period_start=start, period_end=end, text=text,
                                            completes_task=completes, actor=actor)
            submitted, reviewed, returned = _at(rng, day), None, not again and rng.random() < 0.07
            last_day, day = day, cal.due(day, rng.randint(1, 3), TimeUnit.WORKING_DAY).date  # the review day
            waits = current and last and not completes and rng.random() < 0.1  # a few latest reports still wait
            if day < ctx.today and not waits:
                services.report_review(report=report, accept=not returned, actor=office,
                                       comment=rng.choice(RETURN_COMMENTS) if returned else "")
                reviewed = _at(rng, day)
            ProgressReport.all_objects.filter(pk=report.pk).update(
                created_at=submitted, submitted_at=submitted, reviewed_at=reviewed, updated_at=reviewed or submitted)
            TaskEvent.objects.filter(task=task, parameters__report=report.pk).update(at=Case(
                When(kind=TaskEventKind.REPORT_SUBMITTED, then=Value(submitted)), default=Value(reviewed or submitted)))
            if not (reviewed and returned):
                break
            day = cal.due(day, rng.randint(1, 3), TimeUnit.WORKING_DAY).date
            # The unit read the notice that day and files again (if there is time before today).
            Notification.objects.filter(key=f"report:{report.pk}:returned").update(
                created_at=reviewed, read_at=reviewed if day < ctx.today else None)
    return last_day


def _text(rng, task, start, end, completes) -> str:
    suffix = task.lead.code.rpartition(".")[2]
    activities = GENERAL + next((a for suffixes, a in ACTIVITIES if suffix in suffixes), [])
    n = rng.randint(1, 4)
    numbers = dict(n=n, j=rng.randint(1, n), k=rng.randint(1, 9), h=rng.randint(4, 16), m=rng.randint(12, 120))
    body = "；".join(a.format(**numbers) for a in rng.sample(activities, 2))
    ending = "截至本期，该项任务已全部完成。" if completes else rng.choice(CLOSINGS)
    return f"{label(start, end)}，围绕“{task.title}”，{body}。{ending}"


def _tick(ctx, task, fate, day, actor):
    """The lead unit files its manual targets with evidence: last year nearly all, this year those of the
    finished tasks and about half of the rest."""
    rng, current = ctx.rng, task.plan.year == ctx.today.year
    if day >= ctx.today:
        return
    # A finished task met its targets (last year all but a few); the others are often short.
    share = 1 if fate == "done" else 0.4 if current else 0.95
    odds = (1 if current else 0.95) if fate == "done" else 0.4 if current else 0.6
    ticked = []
    for target in task.targets.all():
        if target.indicator_code or rng.random() >= share:
            continue
        meet, n = rng.random() < odds, target.number
        value = n + (target.unit != "%" and rng.random() < 0.3) if meet else (n * rng.randint(60, 95) / 100).quantize(1)
        if COMPARE[target.comparator](value, n) != meet:
            continue  # an unusual comparator: leave it to the unit
        pdf = SimpleUploadedFile(f"{target.what[:20]}.pdf", PDF + f"% {target.pk}\n".encode(), "application/pdf")
        note = f"完成{value.normalize():f}{target.unit}，{'已' if meet else '尚未'}达到目标，佐证材料见附件"
        services.target_tick(target=target, value=value, note=note, uploads=[pdf], actor=actor)
        ticked.append(target.pk)
    if not ticked:
        return
    moment = _at(rng, day)
    Target.objects.filter(pk__in=ticked).update(manual_at=moment)
    TaskEvent.objects.filter(task=task, kind=TaskEventKind.TARGET_TICKED).update(at=moment)
    EvidenceFile.all_objects.filter(content_type=ContentType.objects.get_for_model(Target),
                                    object_id__in=ticked).update(created_at=moment, checked_at=moment)


def _at(rng, day: dt.date) -> dt.datetime:
    """A moment in office hours on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59))))
