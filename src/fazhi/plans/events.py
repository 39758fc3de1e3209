"""The task timeline (流转记录): one function per kind of event, called only by services."""

from __future__ import annotations

from .choices import TaskEventKind
from .models import TaskEvent


def _event(task, kind, actor, **parameters) -> TaskEvent:
    return TaskEvent.objects.create(task=task, kind=kind, actor=actor, parameters=parameters)


def task_assigned_event(*, task, actor, changes: dict[str, tuple[str, str]]):
    return _event(task, TaskEventKind.ASSIGNED, actor,
                  changes={field: {"before": before, "after": after} for field, (before, after) in changes.items()})


def report_submitted_event(*, report, actor):
    return _event(report.task, TaskEventKind.REPORT_SUBMITTED, actor, report=report.pk, period=report.period_label,
                  completes_task=report.completes_task)


def report_accepted_event(*, report, actor):
    return _event(report.task, TaskEventKind.REPORT_ACCEPTED, actor, report=report.pk, period=report.period_label,
                  comment=report.review_comment)


def report_returned_event(*, report, actor):
    return _event(report.task, TaskEventKind.REPORT_RETURNED, actor, report=report.pk, period=report.period_label,
                  comment=report.review_comment)


def target_confirmed_event(*, target, actor):
    return _event(target.task, TaskEventKind.TARGET_CONFIRMED, actor, target=str(target),
                  indicator=target.indicator_code)


def target_ticked_event(*, target, actor, evidence: list[int]):
    return _event(target.task, TaskEventKind.TARGET_TICKED, actor, target=str(target),
                  value=f"{target.manual_value.normalize():f}", note=target.manual_note, evidence=evidence)


def ledger_imported_event(*, task, actor, changes: list[str]):
    return _event(task, TaskEventKind.LEDGER_IMPORTED, actor, changes=changes)


def describe(event: TaskEvent) -> str:
    """One line of the timeline in Chinese."""
    p = event.parameters
    if event.kind == TaskEventKind.ASSIGNED:
        return "；".join(f"{field}：{c['before'] or '（空）'} → {c['after'] or '（空）'}"
                        for field, c in p.get("changes", {}).items())
    if event.kind == TaskEventKind.REPORT_SUBMITTED:
        return f"{p.get('period', '')}进展" + ("（申报完成）" if p.get("completes_task") else "")
    if event.kind in (TaskEventKind.REPORT_ACCEPTED, TaskEventKind.REPORT_RETURNED):
        return f"{p.get('period', '')}进展" + (f"：{p['comment']}" if p.get("comment") else "")
    if event.kind == TaskEventKind.TARGET_CONFIRMED:
        return p.get("target", "")
    if event.kind == TaskEventKind.TARGET_TICKED:
        return f"{p.get('target', '')}：完成{p.get('value', '')}" + (f"，{p['note']}" if p.get("note") else "")
    if event.kind == TaskEventKind.LEDGER_IMPORTED:
        return "；".join(p.get("changes", []))
    return ""
