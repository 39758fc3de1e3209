"""Actions on the enforcement registers and inspections. Views, the API, imports, draws and cases all
call these; the legal numbers come from the rules table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.choices import Action
from fazhi.core.models import Org, User
from fazhi.core.rules import citation, rule
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user, evidence_upload, record_delete

from .choices import MEDICAL_CATEGORIES, CreditGrade, FollowUp, InspectionKind, InspectionResult, PointSubject
from .models import (
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
from .selectors import can_keep


def _assign(record, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown {type(record).__name__} fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, value)


def _save(record, actor: User, **kwargs) -> None:
    record.full_clean()
    as_history_user(record, actor)
    record.save(**kwargs)


# ---------------------------------------------------------------- officers
OFFICER_FIELDS = ("name", "position", "certificate_no", "issuing_body", "issued_on", "valid_until", "status", "note",
                  "user")


@transaction.atomic
def officer_save(*, org: Org, actor: User, officer: Officer | None = None, **fields) -> Officer:
    """Enter an officer on the roster or correct their certificate. The legal affairs office keeps the
    roster; a certificate number is registered once."""
    if not can_keep(actor, org) or (officer is not None and officer.pk and not can_keep(actor, officer.org)):
        raise PermissionDenied("执法人员名册由本部门法治工作管理员维护")
    officer = officer or Officer(created_by=actor)
    officer.org = org
    _assign(officer, fields, OFFICER_FIELDS)
    if officer.user_id and not can(actor, Action.VIEW, officer.user.org):
        raise ValidationError({"user": "只能关联本部门的系统账号"})
    _save(officer, actor)
    return officer


@transaction.atomic
def conflict_add(*, officer: Officer, entity: Entity, reason: str, note: str = "", actor: User) -> OfficerConflict:
    """Register that an officer must stand aside (回避) from an entity: from now on no picker offers them
    for it and no team with them is accepted."""
    if not can_keep(actor, officer.org):
        raise PermissionDenied("回避关系由本部门法治工作管理员登记")
    if not can(actor, Action.VIEW, entity.org):
        raise PermissionDenied("无权查看该监管对象")
    conflict = OfficerConflict(officer=officer, entity=entity, reason=reason, note=note, created_by=actor)
    _save(conflict, actor)
    return conflict


@transaction.atomic
def conflict_remove(*, conflict: OfficerConflict, actor: User) -> None:
    if not can_keep(actor, conflict.officer.org):
        raise PermissionDenied("回避关系由本部门法治工作管理员维护")
    as_history_user(conflict, actor)
    conflict.delete()


# ---------------------------------------------------------------- entities
ENTITY_FIELDS = ("name", "category", "credit_code", "licence_no", "licence_valid_until", "address", "legal_person",
                 "phone", "is_individual", "status", "registered_on", "note")


@transaction.atomic
def entity_save(*, org: Org, actor: User, entity: Entity | None = None, credit_grade: str = CreditGrade.B,
                graded_on: dt.date | None = None, grade_basis: str = "", **fields) -> Entity:
    """Register a supervised entity or correct its particulars. A new entity's grade is its first grading
    (kept in its grade history); later changes of grade go through `entity_grade`."""
    if not can(actor, Action.CHANGE, org) or (entity is not None and entity.pk
                                               and not can(actor, Action.CHANGE, entity.org)):
        raise PermissionDenied("无权为该单位登记监管对象")
    new = entity is None or not entity.pk
    if fields.get("registered_on", ...) is None:  # left blank: today for a new entry, unchanged otherwise
        fields.pop("registered_on")
    if (fields.get("registered_on") or dt.date.min) > timezone.localdate():
        raise ValidationError({"registered_on": "纳入监管日期不能晚于今天"})
    entity = entity or Entity(created_by=actor)
    entity.org = org
    _assign(entity, fields, ENTITY_FIELDS)
    if new:
        entity.credit_grade, entity.graded_on = credit_grade, graded_on or timezone.localdate()
    _save(entity, actor)
    if new:
        rating = CreditRating(org=org, entity=entity, grade=entity.credit_grade, rated_on=entity.graded_on,
                              basis=grade_basis or "新登记监管对象的初始等级", created_by=actor)
        _save(rating, actor)
    return entity


@transaction.atomic
def entity_grade(*, entity: Entity, grade: str, on: dt.date, basis: str, actor: User) -> CreditRating:
    """Grade an entity's credit again (信用分级): the new grade sets how often the draws pick it from now on.
    The grading, its date and basis stay in the entity's grade history."""
    if not can(actor, Action.CHANGE, entity.org):
        raise PermissionDenied("无权评定该监管对象的信用等级")
    entity = Entity.objects.select_for_update().get(pk=entity.pk)
    if not basis.strip():
        raise ValidationError({"basis": "请写明评定依据，如：2026年度信用评价结果、行政处罚决定书文号"})
    if on > timezone.localdate():
        raise ValidationError({"rated_on": "评定日期不能晚于今天"})
    if entity.graded_on and on < entity.graded_on:
        raise ValidationError({"rated_on": f"评定日期不能早于上次评定日期（{entity.graded_on:%Y-%m-%d}）"})
    rating = CreditRating(org=entity.org, entity=entity, grade=grade, previous_grade=entity.credit_grade,
                          rated_on=on, basis=basis.strip(), created_by=actor)
    _save(rating, actor)
    entity.credit_grade, entity.graded_on = grade, on
    _save(entity, actor, update_fields=["credit_grade", "graded_on", "updated_at"])
    return rating


# ---------------------------------------------------------------- practitioners and points
PRACTITIONER_FIELDS = ("name", "profession", "licence_no")


def _require_medical(entity: Entity) -> None:
    if entity.category not in MEDICAL_CATEGORIES:
        raise ValidationError(f"{entity.name}不是医疗机构（{entity.get_category_display()}），"
                              "不良执业行为记分和医务人员只适用于医疗机构")


@transaction.atomic
def practitioner_save(*, entity: Entity, actor: User, practitioner: Practitioner | None = None,
                      **fields) -> Practitioner:
    """Register a doctor, nurse or other practitioner of a medical institution, or correct their entry."""
    if not can(actor, Action.CHANGE, entity.org):
        raise PermissionDenied("无权为该监管对象登记医务人员")
    if practitioner is not None and practitioner.pk and practitioner.entity_id != entity.pk:
        raise ValidationError("医务人员只能在其执业机构下修改")
    _require_medical(entity)
    practitioner = practitioner or Practitioner(created_by=actor)
    practitioner.org, practitioner.entity = entity.org, entity
    _assign(practitioner, fields, PRACTITIONER_FIELDS)
    _save(practitioner, actor)
    return practitioner


@transaction.atomic
def point_add(*, entity: Entity, date: dt.date, behaviour: str, points: int, actor: User,
              practitioner: Practitioner | None = None, basis: str = "",
              inspection: Inspection | None = None) -> PointRecord:
    """Give bad-practice points (不良执业行为记分) to an institution, or to one of its practitioners. They
    add up over the rules table's cycle; its bands say what follows."""
    if not can(actor, Action.CHANGE, entity.org):
        raise PermissionDenied("无权对该机构记分")
    _require_medical(entity)
    if practitioner is not None and practitioner.entity_id != entity.pk:
        raise ValidationError({"practitioner": f"{practitioner.name}不是{entity.name}的医务人员"})
    if inspection is not None and inspection.entity_id != entity.pk:
        raise ValidationError({"inspection": "来源检查不是对该机构的检查"})
    if date > timezone.localdate():
        raise ValidationError({"date": "记分日期不能晚于今天"})
    maximum = rule("points-max-per-record")
    if points > maximum.number:
        raise ValidationError({"points": f"一次记分不得超过{maximum.number}分（{citation(maximum)}）"})
    record = PointRecord(
        org=entity.org, entity=entity, practitioner=practitioner, date=date, behaviour=behaviour, points=points,
        basis=basis, inspection=inspection, created_by=actor,
        subject=PointSubject.PRACTITIONER if practitioner is not None else PointSubject.INSTITUTION)
    _save(record, actor)
    return record


def point_remove(*, record: PointRecord, actor: User) -> None:
    """Withdraw points given in error (soft delete: the system administrator can restore them)."""
    record_delete(record=record, actor=actor)


# ---------------------------------------------------------------- published catalogues
CATALOGUE_FIELDS = {
    Power: ("kind", "name", "basis", "sort_order"),
    CheckItem: ("name", "category", "content", "basis", "method", "is_random"),
    LenientItem: ("kind", "violation", "basis", "conditions"),
}


def _catalogue_save(model, *, org: Org, actor: User, item=None, **fields):
    if not can_keep(actor, org) or (item is not None and item.pk and not can_keep(actor, item.org)):
        raise PermissionDenied(f"{model._meta.verbose_name}清单由本部门法治工作管理员维护")
    item = item or model(created_by=actor)
    item.org = org
    _assign(item, fields, CATALOGUE_FIELDS[model])
    _save(item, actor)
    return item


@transaction.atomic
def power_save(*, org: Org, actor: User, power: Power | None = None, **fields) -> Power:
    """An entry of the 权责清单."""
    return _catalogue_save(Power, org=org, actor=actor, item=power, **fields)


@transaction.atomic
def check_item_save(*, org: Org, actor: User, check_item: CheckItem | None = None, **fields) -> CheckItem:
    """An item of the 随机抽查事项清单."""
    return _catalogue_save(CheckItem, org=org, actor=actor, item=check_item, **fields)


@transaction.atomic
def lenient_save(*, org: Org, actor: User, lenient: LenientItem | None = None, **fields) -> LenientItem:
    """An item of the 两轻一免清单."""
    return _catalogue_save(LenientItem, org=org, actor=actor, item=lenient, **fields)


def catalogue_remove(*, item, actor: User) -> None:
    """Take an item off a published catalogue (soft delete: records citing it keep it)."""
    if not can_keep(actor, item.org):
        raise PermissionDenied(f"{type(item)._meta.verbose_name}清单由本部门法治工作管理员维护")
    record_delete(record=item, actor=actor)


# ---------------------------------------------------------------- teams
def too_few_officers(count: int) -> str:
    """Why `count` officers may not act together, citing the law; empty when they are enough. Inspection
    teams and a draw task's team size are both checked here."""
    minimum = rule("enforcement-min-officers")
    if count < minimum.number:
        return f"执法人员不得少于{minimum.number}人（{citation(minimum)}）"
    return ""


def team_problems(*, officers: Iterable[Officer], on: dt.date, entity: Entity | None = None) -> list[str]:
    """Why `officers` may not act together on `on` (against `entity`), in Chinese; empty when they may.
    The law: at least the rules table's minimum (two), each with a valid certificate, none who must
    stand aside from the entity."""
    officers = list(officers)
    problems = [problem] if (problem := too_few_officers(len({o.pk for o in officers}))) else []
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
    if not can(actor, Action.CHANGE, org) or (inspection is not None and inspection.pk
                                               and not can(actor, Action.CHANGE, inspection.org)):
        raise PermissionDenied("无权为该单位登记监督检查")
    unknown = set(fields) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown inspection fields: {sorted(unknown)}")
    if inspection is not None and inspection.pk:
        _keep_drawn(inspection, fields)
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
    if inspection.date and inspection.date > timezone.localdate():
        raise ValidationError({"date": "检查日期不能晚于今天：检查结束后再登记"})
    officers = list(officers)
    team_check(officers=officers, on=inspection.date, entity=inspection.entity)
    if not can(actor, Action.VIEW, inspection.entity.org):
        raise PermissionDenied("无权检查该监管对象")
    # A draw task's items span its categories: an inspection records those that apply to its entity.
    items = [item for item in items if item.category == inspection.entity.category]
    inspection.full_clean()
    as_history_user(inspection, actor)
    inspection.save()
    inspection.officers.set(officers)
    inspection.items.set(items)
    for upload in uploads:
        evidence_upload(org=org, uploaded=upload, linked=inspection, actor=actor)
    return inspection


def _keep_drawn(inspection: Inspection, fields: dict) -> None:
    """An inspection registered for a 双随机 pick stays the inspection of the picked entity, of that kind."""
    saved = Inspection.objects.filter(pk=inspection.pk).values("entity_id", "kind", "pick").get()
    if saved["pick"] is None:
        return
    entity = fields.get("entity", inspection.entity)
    errors = {}
    if entity is not None and entity.pk != saved["entity_id"]:
        errors["entity"] = "该检查是双随机抽中对象的检查，监管对象不能更改"
    if fields.get("kind", inspection.kind) != saved["kind"]:
        errors["kind"] = f"该检查是双随机抽中对象的检查，检查类型须为“{InspectionKind(saved['kind']).label}”"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def inspection_follow_up(*, inspection: Inspection, on: dt.date, rectified: bool, note: str,
                         actor: User) -> Inspection:
    """Record the recheck of a correction: done, or handed on to a case."""
    if not can(actor, Action.CHANGE, inspection.org):
        raise PermissionDenied("无权登记该检查的复查情况")
    if inspection.follow_up != FollowUp.PENDING:
        raise ValidationError("该检查没有待复查的整改事项")
    if on > timezone.localdate():
        raise ValidationError({"follow_up_on": "复查日期不能晚于今天"})
    if not note.strip():
        raise ValidationError({"follow_up_note": "请写明复查情况"})
    inspection.follow_up = FollowUp.DONE if rectified else FollowUp.CASE
    inspection.follow_up_on, inspection.follow_up_note = on, note
    inspection.full_clean()
    as_history_user(inspection, actor)
    inspection.save(update_fields=["follow_up", "follow_up_on", "follow_up_note", "updated_at"])
    return inspection
