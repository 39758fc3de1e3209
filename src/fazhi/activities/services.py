"""Writing the activity ledgers: save a record with its attachments, delete it, import a sheet."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core.choices import Action
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user, evidence_upload, record_delete


@transaction.atomic
def record_save(*, form, actor, uploads=()):
    """Save a validated ledger form (new or edited) and attach the uploaded files to the record."""
    record = form.instance
    if record.pk and not can(actor, Action.CHANGE, type(record).all_objects.get(pk=record.pk).org):
        raise PermissionDenied("无权修改该记录")
    if not can(actor, Action.CHANGE, form.cleaned_data["org"]):
        raise PermissionDenied("无权为该单位登记")
    record = form.save(commit=False)
    if not record.pk:
        record.created_by = actor
    as_history_user(record, actor)
    record.save()
    for upload in uploads:
        evidence_upload(org=record.org, uploaded=upload, linked=record, actor=actor)
    return record


def record_remove(*, record, actor) -> None:
    """Soft-delete a ledger record; a 述法对象 or 法律顾问 with records of its own stays."""
    for related in ("accounts", "services"):
        manager = getattr(record, related, None)
        if manager is not None and manager.exists():
            raise PermissionDenied(f"“{record}”已有{manager.model._meta.verbose_name}，不能删除，可改为不在职或到期")
    record_delete(record=record, actor=actor)
