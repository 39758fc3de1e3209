"""Each case's nearest open legal deadline, stored so that lists and counts filter by it in the database."""

from __future__ import annotations

import datetime as dt

from fazhi.core.stored import refresher

# The case's columns its clocks read (see selectors.Clocks.of).
CLOCK_FIELDS = ("id", "procedure", "opened_on", "extended", "decided_on", "notified_on", "waived_on", "hearing_right",
                "hearing_requested_on", "hearing_on", "hearing_notice_on", "decision_kind", "served_on",
                "fine_amount", "confiscation_amount", "executed_on", "published_at", "next_due", "warn_from")


def open_deadline(case, clocks=None) -> tuple[dt.date | None, dt.date | None]:
    """(the agency's nearest open deadline, the day it starts to warn), or (None, None). Neither depends on
    today: only on the case's dates, the rules table and the holiday calendar."""
    from .selectors import DEFAULT_DUE_SOON_DAYS, DUE_SOON_DAYS, Clocks

    if case.opened_on is None and case.decided_on is None:
        return None, None
    counter = clocks or Clocks(dt.date.min)
    open_ = [c for c in counter.of(case) if c.agency and c.done_on is None]
    if not open_:
        return None, None
    due = min(c.due.date for c in open_)
    warn = min(c.due.date - dt.timedelta(days=DUE_SOON_DAYS.get(c.key, DEFAULT_DUE_SOON_DAYS)) for c in open_)
    return due, warn


@refresher("cases.deadlines")
def refresh(queryset=None) -> int:
    """Recompute every case's stored deadline (after a time limit or a holiday schedule changed, or a bulk
    load that bypassed save()); returns how many changed."""
    from .models import Case
    from .selectors import Clocks

    counter = Clocks(dt.date.min)
    changed = []
    for case in (queryset if queryset is not None else Case.all_objects.all()).iterator(chunk_size=500):
        due, warn = open_deadline(case, counter)
        if (due, warn) != (case.next_due, case.warn_from):
            case.next_due, case.warn_from = due, warn
            changed.append(case)
    Case.all_objects.bulk_update(changed, ["next_due", "warn_from"], batch_size=500)
    return len(changed)
