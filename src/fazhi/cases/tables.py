"""List-page tables of cases and evaluation rounds."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from fazhi.core.tables import badge
from fazhi.indicators import registry

from . import selectors
from .choices import CASE_STATUS_COLOURS
from .models import Case, EvaluationRound


class CaseTable(tables.Table):
    """The next deadline is counted for the rows shown (a page, or every row of an export) at once."""

    number = tables.Column(linkify=True, verbose_name="案号")
    party_name = tables.Column(verbose_name="当事人")
    status = tables.Column(verbose_name="状态")
    decision = tables.Column(empty_values=(), accessor="decision_no", verbose_name="决定")
    next_deadline = tables.Column(empty_values=(), orderable=False, verbose_name="最近期限")

    class Meta:
        model = Case
        fields = ("number", "party_name", "cause", "procedure", "opened_on", "status", "decision", "next_deadline")
        order_by = ("-opened_on",)

    _clocks = None

    def clock(self, record):
        if self._clocks is None:
            counter = selectors.Clocks(timezone.localdate())
            self._clocks = {row.record.pk: selectors.next_clock(counter.of(row.record))
                            for row in self.paginated_rows}
        return self._clocks.get(record.pk)

    def render_status(self, record):
        return badge(record.get_status_display(), CASE_STATUS_COLOURS[record.status])

    def value_status(self, record):
        return record.get_status_display()

    def render_decision(self, record):
        if not record.decision_kind:
            return "—"
        return format_html("{}<div class='small text-secondary'>{}</div>", record.decision_no,
                           record.get_decision_kind_display())

    def value_decision(self, record):
        return record.decision_no

    def render_next_deadline(self, record):
        clock = self.clock(record)
        if clock is None:
            return "—"
        due = f"{clock.due.date:%Y-%m-%d}"
        return format_html("{} {} {}", clock.label, due, badge(clock.state_label, clock.colour))

    def value_next_deadline(self, record):
        clock = self.clock(record)
        return f"{clock.label} {clock.due.date:%Y-%m-%d}（{clock.state_label}）" if clock else ""


class RoundTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="名称")
    org = tables.Column(verbose_name="组织单位")
    scored = tables.Column(verbose_name="已评案卷")
    pass_rate = tables.Column(empty_values=(), orderable=False, verbose_name="合格率")
    excellent = tables.Column(verbose_name="优秀案卷")

    class Meta:
        model = EvaluationRound
        fields = ("year", "name", "org", "scored", "pass_rate", "excellent")

    def render_pass_rate(self, record):
        rate = registry.rate(record.passed, record.scored)
        return "—" if rate is None else f"{rate:.1f}%"

    def value_pass_rate(self, record):
        return registry.rate(record.passed, record.scored)
