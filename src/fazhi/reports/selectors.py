"""Reading annual reports: who sees which, the page's numbers as links, the writer's prompts, due dates."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from fazhi.core.choices import Action, OrgKind
from fazhi.core.deadlines import due_for
from fazhi.core.models import LegalTimeLimit, Org
from fazhi.core.rules import citation
from fazhi.indicators.registry import get as get_indicator

from . import compose
from .contributions import contributions
from .models import AnnualReport


def reports_visible(user, action: str = Action.VIEW):
    return AnnualReport.objects.visible_to(user, action).select_related("org", "signed_by")


def get_report(user, pk, action: str = Action.VIEW) -> AnnualReport:
    report = reports_visible(user, action).filter(pk=pk).first()
    if report is None:
        raise Http404("年度报告不存在或无权查看")
    return report


def writable_commissions(user):
    """The commissions the user may draft a report for."""
    return Org.objects.visible_to(user, Action.CHANGE).filter(kind=OrgKind.COMMISSION, is_active=True)


def trace_url(report, figure: dict) -> str:
    scope, _ = compose.scope_of(report.org, report.coverage)
    query = urlencode({"code": figure["code"], "org": scope.pk, "year": figure["year"]})
    return f"{reverse('report_figure')}?{query}"


def marked_text(report, paragraph, marks) -> str:
    """The paragraph's text with each drafted number a link to its records; a number whose records changed
    since the draft is highlighted with today's value."""
    text = paragraph.text
    found = sorted((m for m in marks if not m.typed_over), key=lambda m: m.start)
    pieces, cursor = [], 0
    for mark in found:
        shown = mark.figure["shown"]
        pieces.append(format_html("{}", text[cursor:mark.start]))
        label = get_indicator(mark.figure["code"]).name
        if mark.stale:
            pieces.append(format_html('<a class="fz-figure fz-stale" href="{}" title="{}：记录已变化，现为{}">{}</a>',
                                      trace_url(report, mark.figure), label, mark.current, shown))
        else:
            pieces.append(format_html('<a class="fz-figure" href="{}" title="{}">{}</a>',
                                      trace_url(report, mark.figure), label, shown))
        cursor = mark.start + len(shown)
    pieces.append(format_html("{}", text[cursor:]))
    return mark_safe("".join(pieces))


def paragraph_views(report, paragraphs) -> dict[int, dict]:
    """Per paragraph: its text with linked numbers, and the numbers typed over or changed in the records."""
    marks = compose.figure_marks(report, paragraphs)
    views = {}
    for paragraph in paragraphs:
        own = marks.get(paragraph.pk, [])
        views[paragraph.pk] = {
            "html": marked_text(report, paragraph, own) if own else None,
            "typed_over": [m for m in own if m.typed_over],
            "stale": [m for m in own if m.stale],
        }
    return views


def mark_list(marks) -> str:
    return format_html_join("、", "{}（记录为{}）", ((get_indicator(m.figure["code"]).name, m.current) for m in marks))


def prompts(report, today: dt.date) -> dict:
    """What the writer of 存在的不足 and 下一年度安排 may start from: the year's plan tasks not done in time
    and the rates of the report's areas that fall short or fell."""
    from fazhi.plans.choices import TaskStatus
    from fazhi.plans.models import Task
    from fazhi.plans.selectors import tasks_in_state

    as_of = min(today, dt.date(report.year, 12, 31))
    tasks = Task.objects.filter(plan__org=report.org, plan__year=report.year).select_related("plan", "lead")
    late = [{"task": t, "status": TaskStatus(t.state.status).label} for t in tasks_in_state(tasks, as_of)
            if t.state.status in (TaskStatus.OVERDUE, TaskStatus.WARNING)]
    facts = compose.facts_for(report)
    weak = []
    codes = dict.fromkeys(code for item in contributions() for code in item.indicators)
    for code in codes:
        indicator = get_indicator(code)
        if not indicator.is_rate:
            continue
        now, before = facts.value(code), facts.value(code, report.year - 1)
        if now is None:
            continue
        if now < 95 or (before is not None and now < before):
            weak.append({"indicator": indicator, "value": now, "before": before})
    return {"tasks": late, "weak": weak}


def due_dates(report) -> list[dict]:
    """When the report must reach the party committee, government and superior, and the public."""
    limits = LegalTimeLimit.objects.in_bulk(["annual-report-filing", "annual-report-publication"], field_name="code")
    rows = []
    for code, done in (("annual-report-filing", report.filed_on),
                       ("annual-report-publication", report.published_at and report.published_at.date())):
        due = due_for(code, dt.date(report.year, 12, 31), limit=limits[code])
        rows.append({"limit": limits[code], "citation": citation(limits[code]), "due": due.date, "done": done,
                     "late": bool(done and done > due.date)})
    return rows
