"""Actions on plans and tasks. Views, the API, the ledger import, the demo and commands call these."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.choices import NotificationLevel, OrgKind, RoleCode
from fazhi.core.deadlines import add_months
from fazhi.core.models import Org, Record, User
from fazhi.core.selectors import get_visible, record_models
from fazhi.core.services import as_history_user, evidence_upload, notify, record_delete
from fazhi.indicators import registry

from . import events
from .choices import Cadence, PlanStatus, ReportStatus
from .models import Plan, ProgressReport, ReportLink, Section, Target, Task
from .parsing import ParsedItem, parse
from .periods import label, task_spans
from .selectors import can_manage_plan, can_report, plan_targets


def _require_office(actor, plan_or_org):
    if not can_manage_plan(actor, plan_or_org):
        raise PermissionDenied("只有本委法治工作管理员可以执行此操作")


def _save(instance, actor, **kwargs):
    instance.full_clean()
    as_history_user(instance, actor)
    instance.save(**kwargs)
    return instance


# ---------------------------------------------------------------- plans
YEAR_IN_TITLE = re.compile(r"(20\d\d)\s*年")


def year_in(title: str) -> int | None:
    match = YEAR_IN_TITLE.search(title or "")
    return int(match.group(1)) if match else None


@transaction.atomic
def plan_import(*, org: Org, year: int, text: str, roles: list[str] | None = None, title: str = "",
                source_name: str = "", actor: User) -> Plan:
    """A draft plan from a document's text: its sections, one task per item, the targets read from
    each item (unconfirmed) mapped to indicators where one fits."""
    _require_office(actor, org)
    if org.kind != OrgKind.COMMISSION:
        raise ValidationError("工作要点须属于卫生健康行政部门")
    parsed = parse(text, roles)
    if not parsed.items:
        raise ValidationError("没有识别出任何工作条目：请检查编号（如“一、”“（一）”“1.”），或在预览中指定每段的类型")
    plan = _save(Plan(org=org, year=year, title=(title or parsed.title or f"{org.name}{year}年法治建设工作要点")[:200],
                      preamble=parsed.preamble, closing="\n".join(parsed.closing), source_name=source_name[:255],
                      source_text=text, created_by=actor), actor)
    seq = 0
    for section_seq, parsed_section in enumerate(parsed.sections, start=1):
        section = _save(Section(plan=plan, seq=section_seq, number=parsed_section.number[:10],
                                title=parsed_section.title[:200], intro=parsed_section.intro), actor)
        for item in parsed_section.items:
            seq += 1
            _task_from_item(plan, section, seq, item, actor)
    return plan


def _body(item: ParsedItem) -> str:
    """An item's text after its title: the measures, when it lists no points."""
    head, _, rest = item.text.partition("\n")
    if "。" in head:
        rest = head.split("。", 1)[1] + ("\n" + rest if rest else "")
    return rest.strip()


def _task_from_item(plan: Plan, section: Section, seq: int, item: ParsedItem, actor) -> Task:
    task = _save(Task(org=plan.org, plan=plan, section=section, seq=seq, number=item.number[:10],
                      title=item.title[:300] or item.text[:60], text=item.text,
                      measures="\n".join(f"{i}. {p}" for i, p in enumerate(item.points, start=1)) or _body(item),
                      due_date=dt.date(plan.year, 12, 31), cadence=plan.default_cadence, created_by=actor), actor)
    for parsed in item.targets:
        indicator = registry.match(parsed.what, unit=parsed.unit) or registry.match(parsed.sentence, unit=parsed.unit)
        _save(Target(task=task, what=parsed.what, comparator=parsed.comparator, number=parsed.number,
                     unit=parsed.unit, period=parsed.period, phrase=parsed.phrase[:300],
                     indicator_code=indicator.code if indicator else ""), actor)
    return task


@transaction.atomic
def plan_update(*, plan: Plan, actor: User, **fields) -> Plan:
    _require_office(actor, plan)
    allowed = {"title", "year", "preamble", "closing", "warn_days", "report_grace_days", "default_cadence"}
    moved_by = 0
    stored = Plan.objects.filter(pk=plan.pk).values("year", "status").get()  # a bound form has set plan.year
    if "year" in fields and fields["year"] != stored["year"]:
        if stored["status"] == PlanStatus.ISSUED:
            raise ValidationError({"year": "已下达的工作要点不能修改年度"})
        moved_by = fields["year"] - stored["year"]
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"plan field {name} cannot be set here")
        setattr(plan, name, value)
    _save(plan, actor)
    for task in plan.tasks.all() if moved_by else ():  # a draft's deadlines move with its year
        task.due_date = add_months(task.due_date, 12 * moved_by)
        _save(task, actor, update_fields=["due_date", "updated_at"])
    return plan


def plan_delete(*, plan: Plan, actor: User) -> None:
    _require_office(actor, plan)
    record_delete(record=plan, actor=actor)


@transaction.atomic
def plan_issue(*, plan: Plan, actor: User) -> Plan:
    """Send the plan to the departments and units. Every task needs a lead unit and every target
    the office's confirmation first."""
    _require_office(actor, plan)
    if plan.is_issued:
        raise ValidationError("该工作要点已下达")
    problems = []
    no_lead = list(plan.tasks.filter(lead__isnull=True).values_list("number", "title"))
    if no_lead:
        problems.append("以下任务尚未确定牵头单位：" + "、".join(f"{n}{t}" for n, t in no_lead[:10])
                        + ("等" if len(no_lead) > 10 else ""))
    unconfirmed = plan_targets(plan).filter(confirmed=False).count()
    if unconfirmed:
        problems.append(f"还有{unconfirmed}项量化目标未确认")
    if problems:
        raise ValidationError(problems)
    plan.status, plan.issued_at = PlanStatus.ISSUED, timezone.now()
    return _save(plan, actor)


@transaction.atomic
def plan_copy(*, plan: Plan, year: int, actor: User) -> Plan:
    """Last year's plan as this year's draft: same sections, tasks, assignments and targets, with the
    deadlines moved to the new year and nothing reported yet."""
    _require_office(actor, plan)
    title = YEAR_IN_TITLE.sub(f"{year}年", plan.title, count=1) if year_in(plan.title) else f"{plan.title}（{year}年）"
    copy = _save(Plan(org=plan.org, year=year, title=title, preamble=plan.preamble, closing=plan.closing,
                      source_name=plan.source_name, warn_days=plan.warn_days, report_grace_days=plan.report_grace_days,
                      default_cadence=plan.default_cadence, copied_from=plan, created_by=actor), actor)
    sections = {}
    for section in plan.sections.all():
        sections[section.pk] = _save(Section(plan=copy, seq=section.seq, number=section.number, title=section.title,
                                             intro=section.intro), actor)
    for task in plan.tasks.prefetch_related("co_units", "targets"):
        due_date = add_months(task.due_date, 12 * (year - plan.year))
        new = _save(Task(org=copy.org, plan=copy, section=sections[task.section_id], seq=task.seq, number=task.number,
                         title=task.title, text=task.text, measures=task.measures, lead=task.lead,
                         leader=task.leader, due_date=due_date, cadence=task.cadence, created_by=actor), actor)
        new.co_units.set(task.co_units.all())
        for target in task.targets.all():
            _save(Target(task=new, what=target.what, comparator=target.comparator, number=target.number,
                         unit=target.unit, period=target.period, phrase=target.phrase,
                         indicator_code=target.indicator_code, confirmed=target.confirmed), actor)
    return copy


# ---------------------------------------------------------------- tasks
ASSIGN_FIELDS = {"lead": "牵头单位", "co_units": "配合单位", "leader": "责任领导", "due_date": "完成时限",
                 "cadence": "报送周期", "measures": "具体措施", "title": "工作任务"}


def _label(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple | set):
        return "、".join(sorted(str(v) for v in value))
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, str) and value in Cadence.values:
        return Cadence(value).label
    return str(value)


@transaction.atomic
def task_assign(*, task: Task, actor: User, **fields) -> Task:
    """Change a task's assignment (lead, co-units, leader, deadline, cadence, measures, title); the
    changes go to the timeline."""
    _require_office(actor, task.plan)
    _assign(task, actor, _candidates(task.plan), fields)
    return task


def _candidates(plan: Plan) -> set[int]:
    return set(Org.objects.filter(path__startswith=plan.org.path).values_list("pk", flat=True))


def _assign(task: Task, actor: User, candidates: set[int], fields: dict) -> bool:
    """Apply `fields` to `task`; True if anything changed."""
    changes = {}
    co_units = fields.pop("co_units", None)
    for name, value in fields.items():
        if name not in ASSIGN_FIELDS or name == "co_units":
            raise ValueError(f"task field {name} cannot be assigned")
        if name == "lead" and value is not None and value.pk not in candidates:
            raise ValidationError({"lead": "牵头单位须为本委的科室或委属单位"})
        if name == "leader" and value is not None and value.org_id not in candidates:
            raise ValidationError({"leader": "责任领导须为本委人员"})
        before = getattr(task, name)
        if before != value:
            changes[ASSIGN_FIELDS[name]] = (_label(before), _label(value))
            setattr(task, name, value)
    if task.due_date and task.due_date.year < task.plan.year:
        raise ValidationError({"due_date": f"完成时限不能早于{task.plan.year}年"})
    _save(task, actor)
    if co_units is not None:
        co_units = [o for o in co_units if o != task.lead]
        if any(o.pk not in candidates for o in co_units):
            raise ValidationError({"co_units": "配合单位须为本委的科室或委属单位"})
        before = set(task.co_units.all())
        if before != set(co_units):
            changes[ASSIGN_FIELDS["co_units"]] = (_label(before), _label(co_units))
            task.co_units.set(co_units)
    if changes:
        events.task_assigned_event(task=task, actor=actor, changes=changes)
    return bool(changes)


@transaction.atomic
def tasks_assign(*, plan: Plan, rows: list[dict], actor: User) -> int:
    """Bulk assignment from one screen: `rows` are (task, fields) dicts; all or nothing. Returns how
    many tasks changed."""
    _require_office(actor, plan)
    candidates = _candidates(plan)
    changed = 0
    for row in rows:
        task = row.pop("task")
        if task.plan_id != plan.pk:
            raise ValidationError("任务不属于该工作要点")
        changed += _assign(task, actor, candidates, row)
    return changed


@transaction.atomic
def task_delete(*, task: Task, actor: User) -> None:
    _require_office(actor, task.plan)
    if task.reports.exists():
        raise ValidationError("该任务已有进展报送，不能删除")
    record_delete(record=task, actor=actor)


# ---------------------------------------------------------------- targets
@transaction.atomic
def target_save(*, actor: User, target: Target | None = None, task: Task | None = None, what: str,
                comparator: str, number: Decimal, unit: str, period: str, indicator_code: str = "",
                confirmed: bool = True) -> Target:
    """Add or edit a target as the office confirms it."""
    task = task or target.task
    _require_office(actor, task.plan)
    if indicator_code:
        try:
            registry.get(indicator_code)
        except KeyError:
            raise ValidationError({"indicator_code": f"指标“{indicator_code}”不存在"})
    target = target or Target(task=task)
    was_confirmed = target.confirmed
    for name, value in dict(what=what, comparator=comparator, number=number, unit=unit, period=period,
                            indicator_code=indicator_code, confirmed=confirmed).items():
        setattr(target, name, value)
    _save(target, actor)
    if confirmed and not was_confirmed:
        events.target_confirmed_event(target=target, actor=actor)
    return target


@transaction.atomic
def target_delete(*, target: Target, actor: User) -> None:
    _require_office(actor, target.task.plan)
    as_history_user(target, actor)
    target.delete()  # the deletion is kept in the target's history


@transaction.atomic
def target_tick(*, target: Target, value: Decimal, note: str = "", uploads=(), actor: User) -> Target:
    """The lead unit files a manual target's achieved value, with evidence."""
    task = target.task
    if not can_report(actor, task):
        raise PermissionDenied("只有牵头单位可以填报目标完成情况")
    if not target.is_manual:
        raise ValidationError("该目标由系统按指标自动统计，无需填报")
    if value is None or value < 0:
        raise ValidationError({"value": "请填写不小于0的完成值"})
    if not uploads:
        raise ValidationError({"files": "请上传或选择佐证材料"})
    files = [evidence_upload(org=task.lead, uploaded=u, linked=target, actor=actor) for u in uploads]
    target.manual_value, target.manual_note = value, note[:300]
    target.manual_by, target.manual_at = actor, timezone.now()
    _save(target, actor)
    events.target_ticked_event(target=target, actor=actor, evidence=[f.pk for f in files])
    return target


# ---------------------------------------------------------------- progress reports
def linkable_models() -> list[type[Record]]:
    """Record types a report may link to as proof of work: every business ledger but the plans' own."""
    return [m for m in record_models() if m._meta.app_label != "plans"]


def resolve_link(*, actor, content_type_id: int, object_id: int):
    """The record a link names, if the actor may see it."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError, TypeError):
        raise ValidationError("关联记录的类型不存在")
    if model not in linkable_models():
        raise ValidationError("该类记录不能作为进展佐证")
    return get_visible(model.objects.all(), actor, object_id)


@transaction.atomic
def report_submit(*, task: Task, period_start: dt.date, period_end: dt.date, text: str,
                  completes_task: bool = False, links=(), uploads=(), actor: User) -> ProgressReport:
    """The lead unit files progress on a task: text, attachments, and links to the records that
    show the work."""
    if not can_report(actor, task):
        raise PermissionDenied("只有牵头单位可以报送该任务的进展" if task.plan.is_issued else "工作要点尚未下达")
    if not text.strip():
        raise ValidationError({"text": "请填写进展情况"})
    spans = task_spans(task.plan.year, task.cadence, task.due_date)
    if (period_start, period_end) not in spans:
        raise ValidationError({"period": "报送周期须为该任务的报送周期之一：" + "、".join(label(*s) for s in spans)})
    if task.reports.filter(period_start=period_start, period_end=period_end, status=ReportStatus.SUBMITTED).exists():
        raise ValidationError({"period": f"{label(period_start, period_end)}已有待审核的报送，请等待审核后再报送"})
    report = _save(ProgressReport(org=task.lead, task=task, period_start=period_start, period_end=period_end,
                                  text=text.strip(), completes_task=completes_task, created_by=actor), actor)
    for record in links:
        ReportLink.objects.get_or_create(report=report, content_type=ContentType.objects.get_for_model(record),
                                         object_id=record.pk, defaults={"label": str(record)[:300]})
    for upload in uploads:
        evidence_upload(org=task.lead, uploaded=upload, title="", linked=report, actor=actor)
    events.report_submitted_event(report=report, actor=actor)
    return report


@transaction.atomic
def report_review(*, report: ProgressReport, accept: bool, comment: str = "", actor: User) -> ProgressReport:
    """The legal affairs office accepts a report, or returns it with a comment for the unit to redo."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    _require_office(actor, report.task.plan)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(f"该报送{report.get_status_display()}，不能重复审核")
    if not accept and not comment.strip():
        raise ValidationError({"comment": "退回时请填写意见，说明需要补充或修改的内容"})
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.review_comment, report.reviewed_by, report.reviewed_at = comment.strip(), actor, timezone.now()
    _save(report, actor)
    (events.report_accepted_event if accept else events.report_returned_event)(report=report, actor=actor)
    if not accept:
        _notify_returned(report)
    return report


def _notify_returned(report: ProgressReport) -> None:
    """The unit hears at once that its report came back, and why."""
    people = set(User.objects.filter(org=report.org, is_active=True, roles__code=RoleCode.REPORTER))
    if report.created_by_id and report.created_by.is_active:
        people.add(report.created_by)
    notify(users=people, key=f"report:{report.pk}:returned", level=NotificationLevel.WARNING,
           title=f"进展被退回：{report.task.number}{report.task.title}（{report.period_label}）",
           body=report.review_comment, url=report.get_absolute_url())
