"""The enforcement registers in the scoping walk (tests/core/test_scoping.py): every URL that names one
record, filled in with a record of 示例区, and what a forbidden request must leave unchanged."""

from __future__ import annotations

OTHER = "990102"  # 示例区


def _first(queryset, what: str):
    record = queryset.filter(org__code__startswith=OTHER).order_by("pk").first()
    assert record is not None, f"the demo has no {what} in 示例区"
    return record


def urls() -> dict[str, list[str]]:
    from fazhi.enforcement.models import (
        CheckItem,
        Entity,
        Inspection,
        LenientItem,
        Officer,
        OfficerConflict,
        PointRecord,
        Power,
        Practitioner,
    )

    officer = _first(Officer.objects, "officer")
    entity = _first(Entity.objects.filter(category="hospital"), "hospital")
    practitioner = _first(Practitioner.objects, "practitioner")
    point = _first(PointRecord.objects, "point record")
    inspection = _first(Inspection.objects.filter(follow_up="pending"), "inspection awaiting its recheck")
    conflict = OfficerConflict.objects.filter(officer__org__code__startswith=OTHER).order_by("pk").first()
    assert conflict is not None, "the demo has no avoidance pair in 示例区"
    power, item, lenient = _first(Power.objects, "power"), _first(CheckItem.objects, "check item"), _first(
        LenientItem.objects, "lenient item")
    e = "/enforcement"
    return {
        "officer_detail": [f"{e}/officers/{officer.pk}/"],
        "officer_edit": [f"{e}/officers/{officer.pk}/edit/"],
        "officer_conflict_add": [f"{e}/officers/{officer.pk}/conflicts/add/"],
        "officer_conflict_remove": [f"{e}/officers/conflicts/{conflict.pk}/remove/"],
        "entity_detail": [f"{e}/entities/{entity.pk}/"],
        "entity_edit": [f"{e}/entities/{entity.pk}/edit/"],
        "entity_grade": [f"{e}/entities/{entity.pk}/grade/"],
        "practitioner_add": [f"{e}/entities/{entity.pk}/practitioners/add/"],
        "practitioner_edit": [f"{e}/practitioners/{practitioner.pk}/edit/"],
        "point_add": [f"{e}/entities/{entity.pk}/points/add/"],
        "point_delete": [f"{e}/points/{point.pk}/delete/"],
        "power_edit": [f"{e}/powers/{power.pk}/edit/"],
        "power_delete": [f"{e}/powers/{power.pk}/delete/"],
        "check_item_edit": [f"{e}/check-items/{item.pk}/edit/"],
        "check_item_delete": [f"{e}/check-items/{item.pk}/delete/"],
        "lenient_edit": [f"{e}/lenient-items/{lenient.pk}/edit/"],
        "lenient_delete": [f"{e}/lenient-items/{lenient.pk}/delete/"],
        "inspection_detail": [f"{e}/inspections/{inspection.pk}/"],
        "inspection_edit": [f"{e}/inspections/{inspection.pk}/edit/"],
        "inspection_follow_up": [f"{e}/inspections/{inspection.pk}/follow-up/"],
        "officer-detail": [f"/api/officers/{officer.pk}/"],
        "entity-detail": [f"/api/entities/{entity.pk}/"],
        "inspection-detail": [f"/api/inspections/{inspection.pk}/"],
    }


def state():
    """Every row of the registers with what a change would touch."""
    from fazhi.enforcement.models import (
        CheckItem,
        CreditRating,
        Entity,
        Inspection,
        LenientItem,
        Officer,
        OfficerConflict,
        PointRecord,
        Power,
        Practitioner,
    )

    records = [Officer, Entity, Practitioner, PointRecord, CreditRating, Power, CheckItem, LenientItem]
    return ([list(model.all_objects.order_by("pk").values_list("pk", "updated_at", "deleted_at")) for model in records]
            + [list(Inspection.all_objects.order_by("pk").values_list("pk", "updated_at", "follow_up")),
               list(OfficerConflict.objects.order_by("pk").values_list("pk", "officer_id", "entity_id"))])
