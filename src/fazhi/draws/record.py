"""The published record of a draw (抽取记录): everything anyone needs to run the draw again with
`algorithm.py` (the portal offers that file as the verifier) and compare the picks.

Before the draw the record shows the commitment and, once fixed, the pool and its hash; the secret and the
seed appear only once the draw is made. It names no one beyond what is published anyway: entities by name,
officers by name and certificate number, the witness as they signed."""

from __future__ import annotations

from django.utils import timezone

from fazhi.enforcement.choices import CreditGrade, EntityCategory

from . import algorithm
from .choices import DrawStatus
from .models import Draw
from .selectors import draw_picks


def _moment(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def draw_record(draw: Draw) -> dict:
    """The record of `draw` as a JSON-ready dict, in the format `fazhi-draw-record` version 1."""
    task = draw.task
    drawn = draw.status == DrawStatus.DRAWN
    record = {
        "format": algorithm.RECORD_FORMAT,
        "format_version": algorithm.RECORD_VERSION,
        "algorithm": draw.algorithm,
        "draw": {"id": str(draw.public_id), "status": draw.status, "status_label": draw.get_status_display()},
        "task": {
            "name": task.name, "year": task.year, "source": task.source, "source_label": task.get_source_display(),
            "org": task.org.name, "org_code": task.org.code,
            "pool_org": task.pool_org.name, "pool_org_code": task.pool_org.code,
            "categories": [EntityCategory(c).label for c in task.categories],
            "grades": [CreditGrade(g).label for g in task.grades],
            "mode": task.mode, "mode_label": task.get_mode_display(), "sample_size": task.sample_size,
            "team_size": task.team_size, "start_date": task.start_date.isoformat(),
            "due_date": task.due_date.isoformat(), "items": [item.name for item in task.items.order_by("pk")],
        },
        "commitment": draw.commitment,
        "committed_at": _moment(draw.committed_at),
        "pool": draw.pool,
        "pool_hash": draw.pool_hash or None,
        "pool_fixed_at": _moment(draw.pool_fixed_at),
        "witness": draw.witness if drawn else None,
        "witness_input": draw.witness_input if drawn else None,
        "secret": draw.secret if drawn else None,
        "seed": draw.seed if drawn else None,
        "drawn_at": _moment(draw.drawn_at),
        "picks": [],
    }
    if draw.status == DrawStatus.VOID:
        record["void_reason"] = draw.void_reason
    if drawn:
        record["picks"] = [
            {"rank": pick.rank, "entity": pick.entity_id, "entity_name": pick.entity.name, "stratum": pick.stratum,
             "officers": [{"id": o.pk, "name": o.name, "certificate_no": o.certificate_no}
                          for o in pick.officers.all()]}
            for pick in draw_picks(draw)]
    return record


def record_filename(draw: Draw) -> str:
    return f"抽取记录-{draw.task.year}-{draw.public_id}.json"
