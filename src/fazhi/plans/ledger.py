"""The task ledger (任务台账) as Excel: export in the usual layout, and import an edited one back.

Layout: 序号, 工作任务, 具体措施, 牵头单位, 配合单位, 完成时限, 进展情况, 完成情况/佐证材料, and a last
column 系统编号 that ties each row to its task. Either one sheet per section or one sheet in all,
with a row per section. Importing updates measures, assignments and deadlines, and adds progress:
the lines of 进展情况 without a 【period】 mark are new. Every bad cell is reported by sheet, row and
column, and nothing is saved unless every row is right.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from fazhi.core.templatetags.fazhi import figure
from fazhi.core.xlsx import workbook_bytes

from . import events, services
from .models import Plan, ProgressReport, Target, Task
from .periods import span_for, task_spans
from .selectors import accepted_reports, linked_files, plan_candidates, plan_tasks, with_states

COLUMNS = ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时限", "进展情况", "完成情况/佐证材料",
           "系统编号"]
WIDTHS = [7, 28, 48, 16, 22, 13, 48, 36, 9]
ID_COLUMN = "系统编号"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
SEPARATORS = re.compile(r"[、,，;；\n/]+")


# ---------------------------------------------------------------- export
def progress_text(reports: list[ProgressReport]) -> str:
    """The ledger's 进展情况: the accepted reports, newest first, each with its period."""
    return "\n".join(f"【{r.period_label}】{r.text}" for r in reports)


def export(plan: Plan, today: dt.date, *, user, per_section: bool = True) -> bytes:
    rows = with_states(plan_tasks(plan), today)
    accepted = accepted_reports(plan)
    evidence = _evidence_titles(plan, user)
    book = openpyxl.Workbook()
    book.remove(book.active)
    if per_section:
        for section in plan.sections.all():
            section_rows = [r for r in rows if r[0].section_id == section.pk]
            _sheet(book, _sheet_name(str(section), book), plan, section_rows, accepted, evidence, str(section))
    else:
        _sheet(book, "任务台账", plan, rows, accepted, evidence, None)
    return workbook_bytes(book)


def _evidence_titles(plan: Plan, user) -> dict[int, list[str]]:
    """Titles of each task's evidence files, through its reports and manual targets."""
    report_task = dict(ProgressReport.objects.filter(task__plan=plan).values_list("pk", "task_id"))
    target_task = dict(Target.objects.filter(task__plan=plan).values_list("pk", "task_id"))
    files = linked_files(user, reports=report_task, targets=target_task)
    titles: dict[int, list[str]] = {}
    for (kind, pk), items in files.items():
        task_id = (report_task if kind == "report" else target_task)[pk]
        titles.setdefault(task_id, []).extend(item.title for item in items)
    return titles


def _sheet_name(title: str, book) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", title)[:28] or "任务台账"
    candidate, n = name, 2
    while candidate in book.sheetnames:
        candidate, n = f"{name[:25]}({n})", n + 1
    return candidate


def _sheet(book, name, plan, rows, accepted, evidence, section_title):
    sheet = book.create_sheet(name)
    sheet.append([f"{plan.title}任务台账" + (f"（{section_title}）" if section_title else "")])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    current_section = None
    for task, state in rows:
        if section_title is None and task.section_id != current_section:
            current_section = task.section_id
            sheet.append([str(task.section)])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(COLUMNS))
            sheet.cell(sheet.max_row, 1).font, sheet.cell(sheet.max_row, 1).fill = Font(bold=True), SECTION_FILL
        result = [state.label, *state.reasons] + [
            f"{t.target}：{'已达成' if t.met else '未达成'}（{figure(t.value)}{t.target.unit}）"
            for t in state.targets]
        if evidence.get(task.pk):
            result.append("佐证材料：" + "、".join(evidence[task.pk]))
        sheet.append([task.number, task.title, task.measures, task.lead.name if task.lead else "",
                      "、".join(o.name for o in task.co_units.all()), task.due_date,
                      progress_text(accepted.get(task.pk, [])), "\n".join(result), task.pk])
        for cell in sheet[sheet.max_row]:
            cell.border, cell.alignment = BORDER, Alignment(vertical="top", wrap_text=True)
        sheet.cell(sheet.max_row, 6).number_format = "yyyy-mm-dd"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"


# ---------------------------------------------------------------- import
@dataclass
class RowChange:
    task: Task
    fields: dict
    progress: str | None
    where: str


def import_ledger(*, plan: Plan, data: bytes, actor, today: dt.date) -> dict:
    """Apply an edited ledger. Raises ValidationError listing every bad cell; saves nothing then."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:
        raise ValidationError("无法读取该文件，请上传由本系统导出、编辑后保存的 .xlsx 台账")
    tasks = {t.pk: t for t in plan_tasks(plan)}
    by_title = {t.title: t for t in tasks.values()}
    orgs = {o.name: o for o in plan_candidates(plan)}
    orgs.update({o.short_name: o for o in orgs.values() if o.short_name})
    accepted = accepted_reports(plan)

    errors, changes, seen = [], [], set()
    for sheet in book.worksheets:
        header_row, columns = _header(sheet)
        if header_row is None:
            continue
        missing = [c for c in ("工作任务", "牵头单位", "完成时限") if c not in columns]
        if missing:
            errors.append(f"工作表“{sheet.title}”缺少列：{'、'.join(missing)}")
            continue
        for row in sheet.iter_rows(min_row=header_row + 1):
            values = {name: row[index].value for name, index in columns.items() if index < len(row)}
            if not any(v not in (None, "") for v in values.values()):
                continue
            where = f"工作表“{sheet.title}”第{row[0].row}行"
            if _is_section_row(values):
                continue
            task = _find_task(values, tasks, by_title)
            if task is None:
                errors.append(f"{where}：找不到对应的任务（请保留“{ID_COLUMN}”列，或不要修改“工作任务”）")
                continue
            if task.pk in seen:
                errors.append(f"{where}：任务“{task.title}”在台账中出现了两次")
                continue
            seen.add(task.pk)
            change = _row_change(task, values, columns, orgs, plan, where, errors, accepted.get(task.pk, []))
            if change is not None:
                changes.append(change)
    if not seen and not errors:
        errors.append("没有读到任何任务行：请使用本系统导出的台账格式（第二行为表头“序号、工作任务、具体措施…”）")
    if errors:
        raise ValidationError(errors)
    return _apply(plan, changes, actor, today)


def _header(sheet) -> tuple[int | None, dict[str, int]]:
    for row in sheet.iter_rows(min_row=1, max_row=6):
        names = {str(c.value).strip(): i for i, c in enumerate(row) if c.value not in (None, "")}
        if "工作任务" in names and ("序号" in names or ID_COLUMN in names):
            return row[0].row, names
    return None, {}


def _is_section_row(values) -> bool:
    """The single-sheet layout's section headings: a merged row with only the first cell filled."""
    filled = [name for name, value in values.items() if value not in (None, "")]
    return filled == ["序号"]


def _find_task(values, tasks, by_title):
    identifier = values.get(ID_COLUMN)
    if identifier not in (None, ""):
        number = str(identifier).strip()
        number = number[:-2] if number.endswith(".0") else number  # Excel stores whole numbers as floats
        return tasks.get(int(number)) if number.isdigit() else None
    return by_title.get(str(values.get("工作任务") or "").strip())


def column_letter(columns: dict[str, int], name: str) -> str:
    return get_column_letter(columns[name] + 1)


def _row_change(task, values, columns, orgs, plan, where, errors, accepted) -> RowChange | None:
    fields = {}

    def error(name, message):
        errors.append(f"{where} {column_letter(columns, name)}列（{name}）：{message}")

    if "具体措施" in values:
        measures = str(values["具体措施"] or "").strip()
        if measures != task.measures.strip():
            fields["measures"] = measures
    lead_name = str(values.get("牵头单位") or "").strip()
    if not lead_name:
        error("牵头单位", "不能为空")
    elif lead_name not in orgs:
        error("牵头单位", f"找不到“{lead_name}”，须为{plan.org.name}的科室或委属单位名称")
    elif orgs[lead_name] != task.lead:
        fields["lead"] = orgs[lead_name]
    if "配合单位" in values:
        names = [n.strip() for n in SEPARATORS.split(str(values["配合单位"] or "")) if n.strip()]
        unknown = [n for n in names if n not in orgs]
        if unknown:
            error("配合单位", f"找不到“{'、'.join(unknown)}”")
        elif {orgs[n] for n in names} != set(task.co_units.all()):
            fields["co_units"] = [orgs[n] for n in names]
    due = parse_date(values.get("完成时限"), plan.year)
    if due is None:
        error("完成时限",
              f"“{values.get('完成时限') or ''}”不是日期，请写作 {plan.year}-12-31 或 {plan.year}年12月31日")
    elif due.year < plan.year:
        error("完成时限", f"不能早于{plan.year}年")
    elif due != task.due_date:
        fields["due_date"] = due
    progress = new_progress(str(values.get("进展情况") or ""), accepted)
    if progress and not plan.is_issued:
        error("进展情况", "工作要点尚未下达，不能导入进展")
    if fields or progress:
        return RowChange(task, fields, progress, where)
    return None


def new_progress(cell: str, accepted: list[ProgressReport]) -> str:
    """The cell's new lines: those without the 【period】 mark the export puts on accepted progress.
    Marked lines are the record and are not changed from Excel."""
    known = {_normal(line) for report in accepted for line in report.text.splitlines()}
    lines = [line.strip() for line in cell.splitlines()]
    return "\n".join(line for line in lines if line and not line.startswith("【") and _normal(line) not in known)


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text)


DATE_TEXT = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
MONTH_END = re.compile(r"^(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月(?:底|末|前)?$")


def parse_date(value, year: int) -> dt.date | None:
    """A deadline cell: an Excel date, "2026-12-31", "2026年12月31日", "12月底", "年底"."""
    import calendar

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if text in ("年底", "年末", "全年", "长期坚持", "持续推进"):
        return dt.date(year, 12, 31)
    match = DATE_TEXT.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = MONTH_END.match(text)
        if match:
            y, m = int(match[1] or year), int(match[2])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        return None
    return None


@transaction.atomic
def _apply(plan: Plan, changes: list[RowChange], actor, today: dt.date) -> dict:
    counts = {"tasks": 0, "reports": 0}
    for change in changes:
        if change.fields:
            services.task_assign(task=change.task, actor=actor, **change.fields)
            counts["tasks"] += 1
        if change.progress:
            start, end = span_for(today, task_spans(plan.year, change.task.cadence, change.task.due_date))
            report = services.report_submit(task=change.task, period_start=start, period_end=end,
                                            text=change.progress, actor=actor)
            services.report_review(report=report, accept=True, comment="台账导入", actor=actor)
            counts["reports"] += 1
        changed = [services.ASSIGN_FIELDS[name] for name in change.fields] + (["进展情况"] if change.progress else [])
        events.ledger_imported_event(task=change.task, actor=actor, changes=changed)
    return counts
