"""Queries that read cases: scoped lists and lookups, each case's legal clocks, the reviewers' queue and the
evaluation rounds. Clocks are counted by the rules table and the holiday calendar (core.deadlines), for many
cases at once with one read of the rules and one calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from fazhi.core.choices import Action, RoleCode
from fazhi.core.deadlines import Due, WorkCalendar, due_for
from fazhi.core.models import LegalTimeLimit
from fazhi.core.rules import citation
from fazhi.core.scoping import scope_filter
from fazhi.core.selectors import get_visible

from . import evaluation, steps
from .choices import CaseStatus, DecisionKind, EvaluationGrade, Procedure
from .models import Case, CaseEvaluation, CaseStep, EvaluationRound, EvaluationScore, LegalReview

# ---------------------------------------------------------------- cases
LIST_RELATED = ("org",)


def cases_visible(user, action: str = Action.VIEW):
    return Case.objects.visible_to(user, action).select_related(*LIST_RELATED)


def get_case(user, pk, action: str = Action.VIEW) -> Case:
    return get_visible(Case.objects.select_related("org", "entity", "inspection", "lenient_item", "created_by"),
                       user, pk, action)


def case_steps(case: Case) -> list[CaseStep]:
    return list(case.steps.select_related("actor").order_by("seq"))


# ---------------------------------------------------------------- legal clocks
OK, SOON, OVERDUE, MET = "ok", "soon", "overdue", "met"
STATE_LABELS = {OK: "进行中", SOON: "即将到期", OVERDUE: "已逾期", MET: "已完成"}
STATE_COLOURS = {OK: "blue", SOON: "orange", OVERDUE: "red", MET: "green"}
# How many calendar days ahead a clock counts as due soon: office practice, not law. The decision gets ten
# days' warning; the short periods (service, publicity, payment) three.
DUE_SOON_DAYS = {"decision": 10}
DEFAULT_DUE_SOON_DAYS = 3
CLOCK_CODES = ("penalty-decision", "penalty-statement", "penalty-hearing-request", "penalty-hearing-notice",
               "penalty-service", "penalty-payment", "penalty-publicity")


@dataclass
class Clock:
    """One legal clock of a case: what must happen by when, counted from what, and where it stands."""

    key: str
    label: str
    limit: LegalTimeLimit
    start: dt.date
    due: Due
    state: str
    done_on: dt.date | None = None
    late: bool = False
    # The agency's own deadlines warn; the party's periods (陈述申辩, 要求听证) only keep the decision waiting.
    agency: bool = True
    note: str = ""

    @property
    def state_label(self) -> str:
        if self.state == MET and self.late:
            return "超期完成"
        if not self.agency:  # the party's period: it runs, it ran out, or the party ended it (see note)
            return "期间未届满" if self.state == OK else "已结束" if self.done_on else "已届满"
        return STATE_LABELS[self.state]

    @property
    def colour(self) -> str:
        return "red" if self.state == MET and self.late else STATE_COLOURS[self.state]

    @property
    def citation(self) -> str:
        return citation(self.limit)


@dataclass
class Clocks:
    """What counting many cases' clocks shares: the rules rows, read once, and one working calendar."""

    today: dt.date
    rows: dict = field(default_factory=dict)
    cal: WorkCalendar = field(default_factory=WorkCalendar)

    def __post_init__(self):
        if not self.rows:
            self.rows = {row.code: row for row in LegalTimeLimit.objects.filter(code__in=CLOCK_CODES)}

    def due(self, code: str, start: dt.date, **kwargs) -> Due:
        return due_for(code, start, cal=self.cal, limit=self.rows.get(code), **kwargs)

    def clock(self, key, label, code, start, *, done_on=None, agency=True, note="", **kwargs) -> Clock:
        due = self.due(code, start, **kwargs)
        if done_on is not None:
            state, late = MET, done_on > due.date
        elif not agency:
            state, late = (MET if self.today > due.date else OK), False
        elif self.today > due.date:
            state, late = OVERDUE, True
        elif (due.date - self.today).days <= DUE_SOON_DAYS.get(key, DEFAULT_DUE_SOON_DAYS):
            state, late = SOON, False
        else:
            state, late = OK, False
        return Clock(key, label, self.rows[code], start, due, state, done_on, late, agency, note)

    def of(self, case: Case) -> list[Clock]:
        """The case's clocks in the order the procedure meets them."""
        clocks = []
        ordinary = case.procedure == Procedure.ORDINARY
        if ordinary:
            clocks.append(self.clock("decision", "作出处理决定", "penalty-decision", case.opened_on,
                                     done_on=case.decided_on, with_extension=case.extended,
                                     note="已延长" if case.extended else ""))
        if ordinary and case.notified_on:
            waived = case.waived_on
            clocks.append(self.clock("statement", "当事人陈述、申辩", "penalty-statement", case.notified_on,
                                     agency=False, done_on=waived, note="当事人已书面放弃" if waived else ""))
            if case.hearing_right:
                requested = case.hearing_requested_on
                clocks.append(self.clock("hearing_request", "当事人要求听证", "penalty-hearing-request",
                                         case.notified_on, agency=False, done_on=requested or waived,
                                         note="已申请听证" if requested else "当事人已书面放弃" if waived else ""))
        if case.hearing_on:
            clocks.append(self.clock("hearing_notice", "听证通知（最迟）", "penalty-hearing-notice", case.hearing_on,
                                     done_on=case.hearing_notice_on, note=f"听证日期{case.hearing_on:%Y-%m-%d}"))
        if case.decided_on and case.decision_kind != DecisionKind.TRANSFER:
            clocks.append(self.clock("service", "送达决定书", "penalty-service", case.decided_on,
                                     done_on=case.served_on))
        if case.served_on and case.decision_kind == DecisionKind.PENALTY and case.amount > 0:
            clocks.append(self.clock("payment", "当事人缴纳罚没款", "penalty-payment", case.served_on,
                                     done_on=case.executed_on))
        if case.decided_on and case.decision_kind == DecisionKind.PENALTY:
            published = timezone.localdate(case.published_at) if case.published_at else None
            clocks.append(self.clock("publicity", "处罚决定公示", "penalty-publicity", case.decided_on,
                                     done_on=published))
        return clocks


def deadlines(case: Case, today: dt.date | None = None, *, clocks: Clocks | None = None) -> list[Clock]:
    """The case's legal clocks (decision, statement, hearing request, hearing notice, service, payment,
    publicity), each with its due date and state: ok, due soon, overdue or met."""
    return (clocks or Clocks(today or steps.today())).of(case)


def next_clock(clocks: list[Clock]) -> Clock | None:
    """The agency's nearest open deadline."""
    open_ = [c for c in clocks if c.agency and c.state != MET]
    return min(open_, key=lambda c: c.due.date) if open_ else None


def open_cases(queryset=None):
    """Cases still in hand: not closed, or a penalty decision still to publish."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(~Q(status=CaseStatus.CLOSED) | Q(decision_kind=DecisionKind.PENALTY,
                                                              published_at__isnull=True))


def with_clocks(cases, today: dt.date) -> list[tuple[Case, list[Clock], Clock | None]]:
    counter = Clocks(today)
    rows = []
    for case in cases:
        clocks = counter.of(case)
        rows.append((case, clocks, next_clock(clocks)))
    return rows


def overdue_q(today: dt.date) -> Q:
    """Cases with an agency deadline passed and not met: the stored nearest open deadline is before today."""
    return Q(next_due__lt=today)


def at_risk_q(today: dt.date) -> Q:
    """Cases with an agency deadline due soon or passed: their stored warning day has come."""
    return Q(warn_from__lte=today)


def warnings(user, today: dt.date) -> list[tuple[Case, Clock]]:
    """办案期限预警: every deadline of the user's cases that is due soon or passed, nearest first. Only the cases
    whose stored warning day has come are counted clock by clock."""
    rows = []
    for case, clocks, _ in with_clocks(open_cases(cases_visible(user)).filter(at_risk_q(today)), today):
        rows += [(case, c) for c in clocks if c.agency and c.state in (SOON, OVERDUE)]
    return sorted(rows, key=lambda row: (row[1].due.date, row[0].pk))


# ---------------------------------------------------------------- the case page
def case_page(case: Case, today: dt.date) -> dict:
    """Everything the case page shows: clocks, the log with its files and its check (with the latest published
    digest that listed it), the reviews."""
    log = case_steps(case)
    files = steps.step_files(log)
    listed = steps.listed_heads([case.public_id]).get(case.public_id, [])
    problems = steps.log_problems(case, steps=log, files=files, listed=listed)
    reviews = list(case.reviews.select_related("submitted_by", "reviewer").order_by("round"))
    evaluations = list(case.evaluations.select_related("round", "evaluator").order_by("evaluated_at"))
    clocks = deadlines(case, today)
    return {"log": [(s, files.get(s.pk, [])) for s in log], "log_problems": problems,
            "log_published": listed[-1] if listed else None, "log_published_count": len(listed), "reviews": reviews,
            "clocks": clocks, "next_clock": next_clock(clocks), "evaluations": evaluations,
            "officers": list(case.officers.select_related("user").order_by("name"))}


# ---------------------------------------------------------------- legal review
def reviews_visible(user):
    return LegalReview.objects.filter(scope_filter(user, Action.VIEW, path_field="case__org__path"),
                                      case__deleted_at__isnull=True)


def get_review(user, pk) -> LegalReview:
    try:
        return reviews_visible(user).select_related("case__org", "submitted_by", "reviewer").get(pk=pk)
    except (LegalReview.DoesNotExist, ValueError):
        raise Http404("记录不存在或不在您的权限范围内")


def review_queue(user):
    """Pending reviews a reviewer may answer, oldest first: the reviewer's commission, never their own case."""
    if not user.has_role(RoleCode.REVIEWER):
        return LegalReview.objects.none()
    return (LegalReview.objects.filter(scope_filter(user, Action.CHANGE, path_field="case__org__path"), opinion="",
                                       case__deleted_at__isnull=True)
            .exclude(case__officers__user=user).select_related("case__org", "submitted_by")
            .order_by("submitted_at", "pk"))


def reviews_done(user, limit: int = 20):
    """The latest opinions in the user's view, for the queue page's history."""
    return (reviews_visible(user).exclude(opinion="").select_related("case", "reviewer")
            .order_by("-reviewed_at", "-pk")[:limit])


# ---------------------------------------------------------------- evaluation
def rounds_visible(user):
    passed = Q(evaluations__grade__in=[EvaluationGrade.EXCELLENT, EvaluationGrade.PASS])
    return (EvaluationRound.objects.visible_to(user).select_related("org")
            .annotate(scored=Count("evaluations"), passed=Count("evaluations", filter=passed),
                      excellent=Count("evaluations", filter=Q(evaluations__grade=EvaluationGrade.EXCELLENT)))
            .order_by("-year", "-pk"))


def get_round(user, pk, action: str = Action.VIEW) -> EvaluationRound:
    return get_visible(EvaluationRound.objects.select_related("org"), user, pk, action)


def round_page(evaluation_round: EvaluationRound, user) -> dict:
    """A round's checklist, scored files with their grades and the files still to score."""
    scored = list(evaluation_round.evaluations.select_related("case__org", "evaluator").order_by("-total", "pk"))
    done = {e.case_id for e in scored}
    waiting = [c for c in evaluation.pool(evaluation_round).filter(scope_filter(user, Action.VIEW))
               .select_related("org").order_by("closed_on", "pk") if c.pk not in done]
    counts = {grade: sum(1 for e in scored if e.grade == grade) for grade in ("excellent", "pass", "fail")}
    passed = counts["excellent"] + counts["pass"]
    return {"checklist": list(evaluation_round.checklist.all()), "scored": scored, "waiting": waiting,
            "counts": counts, "typical": sum(1 for e in scored if e.is_typical),
            "pass_rate": round(100 * passed / len(scored), 1) if scored else None}


def evaluation_of(evaluation_round: EvaluationRound, case: Case) -> CaseEvaluation | None:
    return (CaseEvaluation.objects.filter(round=evaluation_round, case=case).select_related("evaluator")
            .prefetch_related(Prefetch("scores", queryset=EvaluationScore.objects.select_related("item"))).first())
