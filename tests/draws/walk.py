"""The draws' part of the scoping walk (tests/core/test_scoping.py): every URL of the area that names a
record, filled in with 示例区's demo records, and what a refused request must leave unchanged."""

from fazhi.draws.choices import DrawStatus, PickOutcome
from fazhi.draws.models import Draw, DrawTask, Pick
from fazhi.enforcement.models import Inspection

OTHER = "990102"  # 示例区


def urls() -> dict:
    drawn = Draw.objects.filter(org__code__startswith=OTHER, status=DrawStatus.DRAWN).order_by("pk").first()
    fixed = Draw.objects.filter(org__code__startswith=OTHER, status=DrawStatus.POOL_FIXED).first()
    pick = Pick.objects.filter(draw__org__code__startswith=OTHER, outcome=PickOutcome.PENDING).first()
    assert drawn and fixed and pick, "the demo has no drawn draw, no fixed pool or no pending pick in 示例区"
    base = "/enforcement/draws"
    return {
        "draw_task_detail": [f"{base}/{drawn.task_id}/", f"{base}/{fixed.task_id}/"],
        "draw_task_edit": [f"{base}/{fixed.task_id}/edit/"],
        "draw_create": [f"{base}/{fixed.task_id}/draw/"],
        "draw_detail": [f"{base}/draw/{drawn.pk}/", f"{base}/draw/{fixed.pk}/"],
        "draw_fix_pool": [f"{base}/draw/{fixed.pk}/fix-pool/"],
        "draw_run": [f"{base}/draw/{fixed.pk}/run/"],
        "draw_void": [f"{base}/draw/{fixed.pk}/void/"],
        "draw_publish": [f"{base}/draw/{pick.draw_id}/publish/"],
        "draw_record": [f"{base}/draw/{drawn.pk}/record.json", f"{base}/draw/{fixed.pk}/record.json"],
        "draw_pick_inspect": [f"{base}/picks/{pick.pk}/inspect/"],
        "draw_pick_unable": [f"{base}/picks/{pick.pk}/unable/"],
        "draw-task-detail": [f"/api/draw-tasks/{drawn.task_id}/"],
        "draw-detail": [f"/api/draws/{drawn.pk}/"],
        "draw-record": [f"/api/draws/{drawn.pk}/record/"],
    }


def state():
    return (list(DrawTask.all_objects.order_by("pk").values_list("pk", "updated_at", "deleted_at")),
            list(Draw.all_objects.order_by("pk").values_list("pk", "status", "updated_at", "void_reason")),
            list(Pick.objects.order_by("pk").values_list("pk", "outcome", "inspection_id", "result_published_at")),
            Inspection.all_objects.count())
