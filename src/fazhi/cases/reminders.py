"""Daily reminders of cases, sent by `fazhi remind`: a decision due within ten days or overdue, a decision
to serve or publish running late, and legal reviews waiting for reviewers. Officers of the case and the
commission's legal affairs office hear of its deadlines; reviewers of the commission hear of the reviews
they may answer. Each reminder names its occasion in `key`, so it is sent once."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core.choices import NotificationLevel, RoleCode
from fazhi.core.models import User

from .models import Case, LegalReview
from .selectors import OVERDUE, SOON, at_risk_q, open_cases, with_clocks
from .texts import cn_date

# The clocks that warn, and whom: the office publishes, so it hears of publicity alone.
WARNED = ("decision", "service", "publicity")


def _commission_people(cases, role) -> dict[int, list[User]]:
    """Active users with `role` anywhere in each case's commission, in one query."""
    by_org = {}
    for case in cases:
        if case.org_id not in by_org:
            by_org[case.org_id] = case.org.commission() or case.org
    commissions = {case.pk: by_org[case.org_id] for case in cases}
    paths = {c.path for c in commissions.values()}
    where = Q(pk__in=[])
    for path in paths:
        where |= Q(org__path__startswith=path)
    people = list(User.objects.filter(where, is_active=True, roles__code=role).select_related("org").distinct())
    return {pk: [u for u in people if u.org.path.startswith(c.path)] for pk, c in commissions.items()}


def reminders(today: dt.date):
    # Only the cases whose stored warning day has come have a clock due soon or passed.
    cases = list(open_cases(Case.objects.select_related("org")).filter(at_risk_q(today))
                 .prefetch_related("officers__user"))
    offices = _commission_people(cases, RoleCode.LEGAL_ADMIN)
    for case, clocks, _ in with_clocks(cases, today):
        officers = [o.user for o in case.officers.all() if o.user_id and o.user.is_active]
        for clock in clocks:
            if clock.key not in WARNED or clock.state not in (SOON, OVERDUE):
                continue
            overdue = clock.state == OVERDUE
            users = offices[case.pk] + ([] if clock.key == "publicity" else officers)
            yield {"users": users, "key": f"case:{case.pk}:{clock.key}:{clock.state}:{clock.due.date}",
                   "title": f"{'已逾期' if overdue else '即将到期'}：{case.number}{clock.label}",
                   "body": f"{case.party_name}（{case.cause}）{clock.label}期限为{cn_date(clock.due.date)}"
                           f"（{clock.citation}）",
                   "url": reverse("case_detail", args=[case.pk]),
                   "level": NotificationLevel.DANGER if overdue else NotificationLevel.WARNING}
    yield from _pending_reviews()


def _pending_reviews():
    pending = list(LegalReview.objects.filter(opinion="", case__deleted_at__isnull=True)
                   .select_related("case__org").prefetch_related("case__officers"))
    reviewers = _commission_people([r.case for r in pending], RoleCode.REVIEWER)
    for review in pending:
        own = {o.user_id for o in review.case.officers.all()}
        users = [u for u in reviewers[review.case.pk] if u.pk not in own]
        yield {"users": users, "key": f"review:{review.pk}:pending",
               "title": f"待法制审核：{review.case.number}第{review.round}轮",
               "body": f"{review.case.party_name}（{review.case.cause}），"
                       f"{cn_date(timezone.localdate(review.submitted_at))}送审",
               "url": reverse("review_detail", args=[review.pk]), "level": NotificationLevel.INFO}
