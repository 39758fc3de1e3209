"""Writing annual reports: draft from the records, edit paragraphs, redraft, sign off, file and publish."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core.choices import Action, OrgKind, RoleCode
from fazhi.core.scoping import can
from fazhi.core.services import as_history_user

from . import compose
from .choices import Approximate, Coverage, Part, ReportStatus
from .models import AnnualReport, Paragraph


def _may_write(actor, org) -> None:
    if not (actor.has_role(RoleCode.LEGAL_ADMIN, RoleCode.SYSADMIN) or actor.is_superuser) \
            or not can(actor, Action.CHANGE, org):
        raise PermissionDenied("年度报告由本机关的法治工作管理员起草和修改")


def _editable(report: AnnualReport) -> None:
    if not report.is_editable:
        raise ValidationError(f"报告{report.get_status_display()}，不能再修改；如需修改请先撤回签发")


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("org").get(pk=report.pk)


def _save_paragraph(paragraph: Paragraph, actor) -> None:
    paragraph.full_clean()
    as_history_user(paragraph, actor)
    paragraph.save()


@transaction.atomic
def report_create(*, org, year: int, actor, coverage: str = Coverage.OWN, approximate: str = "",
                  compare_last_year: bool = False) -> AnnualReport:
    """A new report for (org, year), drafted from the records at once."""
    if org.kind != OrgKind.COMMISSION:
        raise ValidationError({"org": "年度报告以卫生健康行政部门的名义报送，请选择卫生健康委（局）"})
    _may_write(actor, org)
    if coverage not in Coverage.values:
        raise ValidationError({"coverage": "请选择统计范围"})
    if approximate not in Approximate.values:
        raise ValidationError({"approximate": "请选择数字写法"})
    report = AnnualReport(org=org, year=year, title=compose.title_for(org, year), coverage=coverage,
                          approximate=approximate, compare_last_year=compare_last_year, created_by=actor)
    report.full_clean()
    as_history_user(report, actor)
    report.save()
    _write_draft(report, actor)
    return report


def _write_draft(report: AnnualReport, actor) -> None:
    rows = [{"part": Part.INTRO, "area": "", "key": "intro", "is_heading": False,
             "text": compose.opening(report), "figures": []}, *compose.draft(report)]
    for order, row in enumerate(rows, start=1):
        paragraph = Paragraph(report=report, order=order * 10, drafted_text=row["text"], **row)
        _save_paragraph(paragraph, actor)
    report.drafted_at = timezone.now()
    report.save(update_fields=["drafted_at"])


@transaction.atomic
def report_settings(*, report: AnnualReport, actor, coverage: str, approximate: str,
                    compare_last_year: bool) -> AnnualReport:
    """Change how the report counts and writes its numbers; the drafted paragraphs are written again."""
    report = _locked(report)
    _may_write(actor, report.org)
    _editable(report)
    report.coverage, report.approximate, report.compare_last_year = coverage, approximate, compare_last_year
    report.full_clean()
    as_history_user(report, actor)
    report.save()
    return report_redraft(report=report, actor=actor)


@transaction.atomic
def report_redraft(*, report: AnnualReport, actor) -> AnnualReport:
    """Write the drafted paragraphs again from today's records. A paragraph the user has edited keeps the
    user's words (its numbers are then flagged where the records changed); a paragraph whose area has
    nothing on record any more goes; one newly on record comes in at its place."""
    report = _locked(report)
    _may_write(actor, report.org)
    _editable(report)
    fresh = {row["key"]: row for row in compose.draft(report)}
    kept = {p.key: p for p in report.paragraphs.exclude(key="")}
    for key, paragraph in kept.items():
        if key == "intro":
            continue
        row = fresh.get(key)
        if paragraph.is_edited:
            continue
        if row is None:
            as_history_user(paragraph, actor)
            paragraph.delete()
            continue
        if paragraph.text != row["text"] or paragraph.figures != row["figures"]:
            paragraph.text = paragraph.drafted_text = row["text"]
            paragraph.figures = row["figures"]
            _save_paragraph(paragraph, actor)
    order = list(fresh)
    for position, key in enumerate(order):
        if key in kept:
            continue
        after = next((kept[k].order for k in reversed(order[:position]) if k in kept), None)
        row = fresh[key]
        paragraph = Paragraph(report=report, order=_slot(report, row["part"], after), drafted_text=row["text"], **row)
        _save_paragraph(paragraph, actor)
        kept = {p.key: p for p in report.paragraphs.exclude(key="")}  # the orders after it have moved on
    report.drafted_at = timezone.now()
    report.save(update_fields=["drafted_at"])
    return report


def _slot(report: AnnualReport, part: str, after: int | None) -> int:
    """An order number just after `after` (or after the last paragraph of `part` and those before it),
    moving the paragraphs that follow on by one place."""
    if after is None:
        parts = list(Part.values)
        after = report.paragraphs.filter(part__in=parts[:parts.index(part) + 1]).aggregate(top=Max("order"))["top"] or 0
    later = list(report.paragraphs.filter(order__gt=after))
    for paragraph in later:
        paragraph.order += 10
    Paragraph.objects.bulk_update(later, ["order"])
    return after + 10


@transaction.atomic
def paragraph_save(*, paragraph: Paragraph, actor, text: str) -> Paragraph:
    """The user's words for a paragraph; every version is kept in its history."""
    report = _locked(paragraph.report)
    _may_write(actor, report.org)
    _editable(report)
    if not text.strip():
        raise ValidationError({"text": "段落内容不能为空；不需要的段落请删除"})
    paragraph.text = text.strip()
    _save_paragraph(paragraph, actor)
    return paragraph


@transaction.atomic
def paragraph_add(*, report: AnnualReport, actor, part: str, text: str, after: Paragraph | None = None) -> Paragraph:
    """A paragraph the user writes: in any part, after a given paragraph or at the end of its part."""
    report = _locked(report)
    _may_write(actor, report.org)
    _editable(report)
    if part not in Part.values:
        raise ValidationError({"part": "请选择报告的部分"})
    if after is not None and after.part != part:
        raise ValidationError({"part": "插入位置不在所选部分"})
    if not text.strip():
        raise ValidationError({"text": "请填写段落内容"})
    paragraph = Paragraph(report=report, part=part, order=_slot(report, part, after.order if after else None),
                          text=text.strip())
    _save_paragraph(paragraph, actor)
    return paragraph


@transaction.atomic
def paragraph_remove(*, paragraph: Paragraph, actor) -> None:
    report = _locked(paragraph.report)
    _may_write(actor, report.org)
    _editable(report)
    as_history_user(paragraph, actor)
    paragraph.delete()


@transaction.atomic
def paragraph_refresh(*, paragraph: Paragraph, actor) -> Paragraph:
    """Write a drafted paragraph again from today's records, giving up the user's edits of it."""
    report = _locked(paragraph.report)
    _may_write(actor, report.org)
    _editable(report)
    if not paragraph.key or paragraph.is_heading or paragraph.key == "intro":
        raise ValidationError("只有由记录生成的段落可以按记录重新生成")
    rows = compose.draft(report, keys={paragraph.key})
    if not rows:
        raise ValidationError("该项工作本年度已没有记录，可删除此段")
    paragraph.text = paragraph.drafted_text = rows[0]["text"]
    paragraph.figures = rows[0]["figures"]
    _save_paragraph(paragraph, actor)
    return paragraph


# ---------------------------------------------------------------- sign off, file, publish
def may_sign(user, report: AnnualReport) -> bool:
    """A leader of the reporting commission."""
    return user.has_role(RoleCode.LEADER) and user.org is not None and user.org.commission() == report.org


@transaction.atomic
def report_sign(*, report: AnnualReport, actor) -> AnnualReport:
    """签发: a leader of the reporting commission signs the report off; it is then fixed."""
    report = _locked(report)
    if not may_sign(actor, report):
        raise PermissionDenied("年度报告由本机关的领导签发")
    if report.status != ReportStatus.DRAFT:
        raise ValidationError("报告已签发")
    empty = [label for value, label in Part.choices
             if value not in (Part.INTRO, Part.OTHER) and not report.paragraphs.filter(part=value).exists()]
    if empty:
        raise ValidationError(f"以下部分尚未撰写，不能签发：{'、'.join(empty)}")
    report.status, report.signed_by, report.signed_at = ReportStatus.SIGNED, actor, timezone.now()
    as_history_user(report, actor)
    report.save(update_fields=["status", "signed_by", "signed_at", "updated_at"])
    return report


@transaction.atomic
def report_unsign(*, report: AnnualReport, actor) -> AnnualReport:
    """撤回签发, so that the report can be changed again; a published report is first withdrawn from the portal."""
    report = _locked(report)
    if not may_sign(actor, report):
        raise PermissionDenied("只有本机关的领导可以撤回签发")
    if report.status != ReportStatus.SIGNED:
        raise ValidationError("只有已签发、未公开的报告可以撤回签发")
    report.status, report.signed_by, report.signed_at = ReportStatus.DRAFT, None, None
    as_history_user(report, actor)
    report.save(update_fields=["status", "signed_by", "signed_at", "updated_at"])
    return report


@transaction.atomic
def report_file(*, report: AnnualReport, actor, on: dt.date, to: str) -> AnnualReport:
    """Record that the signed report went to the party committee and government and to the superior."""
    report = _locked(report)
    _may_write(actor, report.org)
    if report.status == ReportStatus.DRAFT:
        raise ValidationError("报告签发后才能报送")
    if on > timezone.localdate():
        raise ValidationError({"filed_on": "报送日期不能晚于今天"})
    if on.year <= report.year:
        raise ValidationError({"filed_on": f"{report.year}年度报告应在年度结束后报送"})
    if not to.strip():
        raise ValidationError({"filed_to": "请填写报送的单位"})
    report.filed_on, report.filed_to = on, to.strip()
    as_history_user(report, actor)
    report.save(update_fields=["filed_on", "filed_to", "updated_at"])
    return report


@transaction.atomic
def report_publish(*, report: AnnualReport, actor) -> AnnualReport:
    """公开: the signed report goes on the public portal."""
    report = _locked(report)
    _may_write(actor, report.org)
    if report.status != ReportStatus.SIGNED:
        raise ValidationError("报告签发后才能公开" if report.status == ReportStatus.DRAFT else "报告已公开")
    report.status, report.published_at = ReportStatus.PUBLISHED, timezone.now()
    as_history_user(report, actor)
    report.save(update_fields=["status", "published_at", "updated_at"])
    return report


@transaction.atomic
def report_withdraw(*, report: AnnualReport, actor) -> AnnualReport:
    """Take a published report off the portal; it stays signed."""
    report = _locked(report)
    _may_write(actor, report.org)
    if report.status != ReportStatus.PUBLISHED:
        raise ValidationError("报告尚未公开")
    report.status, report.published_at = ReportStatus.SIGNED, None
    as_history_user(report, actor)
    report.save(update_fields=["status", "published_at", "updated_at"])
    return report
