"""Each bad-practice point record's cycle, stored so that a standing on any day is one grouped sum."""

from __future__ import annotations

from collections import defaultdict

from fazhi.core.stored import refresher


def chain_cycles(records) -> int:
    """Give `records` (one or more subjects' point rows) the cycle each falls in: a cycle (`points-cycle` in
    the rules table) begins on the day of a subject's first live points and ends when the rule says;
    points after its end open the next. Deleted rows count in no cycle. Returns how many rows changed."""
    from fazhi.core import deadlines
    from fazhi.core.rules import rule

    from .choices import PointSubject
    from .models import PointRecord

    rows = list(records.order_by("date", "pk"))
    if not rows:  # nothing to chain (a fresh database may not have its rules yet)
        return 0
    cycle = rule("points-cycle")
    calendar = deadlines.WorkCalendar()
    by_subject = defaultdict(list)
    for row in rows:
        key = (row.subject, row.practitioner_id if row.subject == PointSubject.PRACTITIONER else row.entity_id)
        by_subject[key].append(row)
    changed = []
    for rows in by_subject.values():
        end = None
        for row in rows:
            if row.deleted_at is not None:
                start_end = (None, None)
            else:
                if end is None or row.date > end:
                    start, end = row.date, calendar.due(row.date, cycle.number, cycle.unit).date
                start_end = (start, end)
            if (row.cycle_start, row.cycle_end) != start_end:
                row.cycle_start, row.cycle_end = start_end
                changed.append(row)
    PointRecord.all_objects.bulk_update(changed, ["cycle_start", "cycle_end"], batch_size=500)
    return len(changed)


@refresher("enforcement.point_cycles")
def refresh(queryset=None) -> int:
    from .models import PointRecord

    return chain_cycles(PointRecord.all_objects.all() if queryset is None else queryset)
