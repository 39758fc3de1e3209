"""Actions on the enforcement registers and inspections. Views, the API, imports, draws and cases all
call these; the legal numbers come from the rules table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.choices import Action
from fazhi.core.models import Org, User
from fazhi.core.rules import rule
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user, evidence_upload

from .choices import FollowUp, InspectionResult
from .models import Entity, Inspection, Officer, OfficerConflict


# ---------------------------------------------------------------- teams
def team_problems(*, officers: Iterable[Officer], on: dt.date, entity: Entity | None = None) -> list[str]:
    """Why `officers` may not act together on `on` (against `entity`), in Chinese; empty when they may.
    The law: at least the rules table's minimum (two), each with a valid certificate, none who must
    stand aside from the entity."""
    officers = list(officers)
    problems = []
    minimum = rule("enforcement-min-officers")
    if len({o.pk for o in officers}) < minimum.number:
        problems.append(f"执法人员不得少于{minimum.number}人（{minimum.legal_basis}{minimum.article}）")
    for officer in officers:
        if not officer.certified_on(on):
            if officer.status != "active":
                why = officer.get_status_display()
            elif on < officer.issued_on:
                why = f"证件{officer.issued_on:%Y-%m-%d}才核发"
            else:
                why = f"证件已于{officer.valid_until:%Y-%m-%d}到期"
            problems.append(f"{officer.name}（{officer.certificate_no}）在{on:%Y-%m-%d}不能执法：{why}")
    if entity is not None and officers:
        for conflict in OfficerConflict.objects.filter(entity=entity, officer__in=officers).select_related("officer"):
            problems.append(f"{conflict.officer.name}与{entity.name}有回避关系（{conflict.get_reason_display()}），"
                            "不能参加")
    return problems


def team_check(*, officers: Iterable[Officer], on: dt.date, entity: Entity | None = None,
               field: str = "officers") -> None:
    problems = team_problems(officers=officers, on=on, entity=entity)
    if problems:
        raise ValidationError({field: problems})


# ---------------------------------------------------------------- inspections
INSPECTION_FIELDS = ("entity", "date", "kind", "findings", "result", "opinion_no", "rectify_by", "follow_up",
                     "follow_up_on", "follow_up_note")


@transaction.atomic
def inspection_save(*, org: Org, officers: Iterable[Officer], items: Iterable = (), actor: User,
                    inspection: Inspection | None = None, uploads: Iterable = (), **fields) -> Inspection:
    """Register or correct an inspection. The team is checked on the inspection's day against its entity;
    a result that asks for correction needs a 卫生监督意见书 and a deadline."""
    if not can(actor, Action.CHANGE, org):
        raise PermissionDenied("无权为该单位登记监督检查")
    unknown = set(fields) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown inspection fields: {sorted(unknown)}")
    inspection = inspection or Inspection(created_by=actor)
    inspection.org = org
    for name, value in fields.items():
        setattr(inspection, name, value)
    if inspection.result == InspectionResult.RECTIFY:
        if not inspection.opinion_no:
            raise ValidationError({"opinion_no": "责令整改的须下达《卫生监督意见书》，请填写文书编号"})
        if not inspection.rectify_by:
            raise ValidationError({"rectify_by": "责令整改的须写明整改期限"})
        if inspection.follow_up == FollowUp.NONE:
            inspection.follow_up = FollowUp.PENDING
    elif inspection.result == InspectionResult.CASE and inspection.follow_up == FollowUp.NONE:
        inspection.follow_up = FollowUp.CASE
    officers = list(officers)
    team_check(officers=officers, on=inspection.date, entity=inspection.entity)
    if not can(actor, Action.VIEW, inspection.entity.org):
        raise PermissionDenied("无权检查该监管对象")
    inspection.full_clean()
    as_history_user(inspection, actor)
    inspection.save()
    inspection.officers.set(officers)
    inspection.items.set(list(items))
    for upload in uploads:
        evidence_upload(org=org, uploaded=upload, linked=inspection, actor=actor)
    return inspection


@transaction.atomic
def inspection_follow_up(*, inspection: Inspection, on: dt.date, rectified: bool, note: str,
                         actor: User) -> Inspection:
    """Record the recheck of a correction: done, or handed on to a case."""
    if not can(actor, Action.CHANGE, inspection.org):
        raise PermissionDenied("无权登记该检查的复查情况")
    if inspection.follow_up != FollowUp.PENDING:
        raise ValidationError("该检查没有待复查的整改事项")
    inspection.follow_up = FollowUp.DONE if rectified else FollowUp.CASE
    inspection.follow_up_on, inspection.follow_up_note = on, note
    inspection.full_clean()
    as_history_user(inspection, actor)
    inspection.save(update_fields=["follow_up", "follow_up_on", "follow_up_note", "updated_at"])
    return inspection
