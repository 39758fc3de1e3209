"""Each ledger in Excel: a template to fill, the filtered list out, and a filled sheet back in.

The columns are the ledger's form fields, headed by their Chinese labels. An import checks every row
with the same form the browser uses; choices, units, tasks, people and advisers are written as people
write them (labels and names) and looked up here. Every problem is reported by row and column, and
nothing is saved unless every row is right.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import openpyxl
from django import forms as djforms
from django.db import transaction
from django.db.models import Q
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .ledgers import Ledger, display, form_class
from .services import record_save

HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
REQUIRED_FONT = Font(bold=True, color="C00000")
SEPARATORS = re.compile(r"[、，,;；/\n]+")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
YES, NO = {"是", "√", "✓", "有", "y", "yes", "true", "1"}, {"否", "×", "无", "", "n", "no", "false", "0"}


@dataclass
class RowError:
    row: int
    column: str  # a letter, or "" for the whole row
    label: str
    message: str

    def __str__(self):
        where = f"第{self.row}行" + (f" {self.column}列（{self.label}）" if self.column else "")
        return f"{where}：{self.message}"


def _form(ledger: Ledger, user, data=None):
    return form_class(ledger)(data, user=user)


def _columns(ledger: Ledger, form) -> list[tuple[str, djforms.Field]]:
    return [(name, form.fields[name]) for name in ledger.fields]


# ---------------------------------------------------------------- template and export
def template(ledger: Ledger, user) -> bytes:
    return export(ledger, user, [])


def export(ledger: Ledger, user, records) -> bytes:
    """The ledger's sheet in the template's columns, with `records` as rows; a sheet of instructions."""
    form = _form(ledger, user)
    columns = _columns(ledger, form)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = ledger.title[:31]
    for index, (_name, field) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=field.label)
        cell.fill, cell.alignment = HEADER_FILL, Alignment(horizontal="center", vertical="center", wrap_text=True)
        if field.required:
            cell.font = REQUIRED_FONT
        if field.help_text:
            cell.comment = Comment(str(field.help_text), "法治")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 30 if isinstance(field.widget, djforms.Textarea) else 16
        labels = _choice_labels(field)
        if labels and len("".join(labels)) + len(labels) < 250 and not isinstance(field, djforms.MultipleChoiceField):
            check = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=not field.required)
            check.error, check.errorTitle = "请从下拉列表中选择", "填写有误"
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}2000")
    sheet.freeze_panes = "A2"
    for row, record in enumerate(records, start=2):
        for index, (name, _field) in enumerate(columns, start=1):
            sheet.cell(row=row, column=index, value=_cell_value(record, name))
    _instructions(book.create_sheet("填写说明"), ledger, columns)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choice_labels(field) -> list[str]:
    if isinstance(field, djforms.ModelChoiceField):
        return []
    if isinstance(field, djforms.NullBooleanField | djforms.BooleanField):
        return ["是", "否"]
    return [str(label) for value, label in getattr(field, "choices", []) if value != ""]


def _cell_value(record, name: str):
    value = getattr(record, name)
    if name == "task":
        return f"{value.pk} {value.title}" if value else ""  # the number the import looks up
    if name == "org" or hasattr(value, "_meta"):
        return value.name if value is not None else ""
    value = display(record, name)
    return "" if value is None else value


def _instructions(sheet, ledger: Ledger, columns) -> None:
    sheet.append(["列", "是否必填", "填写要求"])
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, Font(bold=True)
    for name, field in columns:
        sheet.append([str(field.label), "必填" if field.required else "选填", _how(name, field)])
    sheet.append([])
    sheet.append(
        ["说明", "", f"每行一条{ledger.verbose_name}；整表无误才会保存，有误时逐行逐列列出问题，一条也不保存。"]
    )
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 22, 10
    sheet.column_dimensions["C"].width = 90


def _how(name: str, field) -> str:
    if name == "org":
        return "本单位或下属科室、单位的全称、简称或机构代码"
    if name == "task":
        return "工作要点任务的系统编号（任务台账最后一列）或任务名称全文，可不填"
    if name in ("person", "adviser", "occasion"):
        return {
            "person": "述法对象的姓名（须先在“述法对象”中登记）",
            "adviser": "法律顾问的姓名或名称（须先登记）",
            "occasion": "宣传节点名称，如：国家宪法日；可不填",
        }[name]
    if isinstance(field, djforms.DateField):
        return "日期，如 2026-03-08"
    if isinstance(field, djforms.MultipleChoiceField):
        return "可填多项，用顿号分隔：" + "、".join(_choice_labels(field))
    labels = _choice_labels(field)
    if labels:
        return "从下列选一项：" + "、".join(labels)
    if isinstance(field, djforms.IntegerField | djforms.DecimalField):
        return "数字" + (f"，{field.help_text}" if field.help_text else "")
    return str(field.help_text or "文字")


# ---------------------------------------------------------------- import
def import_sheet(ledger: Ledger, user, upload) -> tuple[list, list[RowError]]:
    """Read a filled template; returns (saved records, []) or ([], every error)."""
    try:
        book = openpyxl.load_workbook(upload, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [RowError(0, "", "", "无法读取该文件，请确认是用本系统模板填写的 .xlsx 文件")]
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    form = _form(ledger, user)
    columns = _columns(ledger, form)
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    positions, errors = {}, []
    for name, field in columns:
        if str(field.label) in header:
            positions[name] = header.index(str(field.label))
        elif field.required:
            errors.append(RowError(1, "", "", f"缺少“{field.label}”列，请使用本页提供的模板"))
    if errors:
        return [], errors
    lookups = Lookups(form)
    forms_to_save = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        data, row_errors = {}, []
        for name, field in columns:
            if name not in positions:
                continue
            raw = row[positions[name]] if positions[name] < len(row) else None
            try:
                data[name] = lookups.convert(name, field, raw)
            except ValueError as error:
                row_errors.append(_error(number, positions[name], field, str(error)))
        row_form = _form(ledger, user, data)
        if not row_form.is_valid():
            for name, messages in row_form.errors.items():
                if name in positions and any(e.column == get_column_letter(positions[name] + 1) for e in row_errors):
                    continue  # the lookup already said what is wrong with this cell
                for message in messages:
                    if name in positions:
                        row_errors.append(_error(number, positions[name], row_form.fields[name], message))
                    else:
                        row_errors.append(RowError(number, "", "", message))
        errors += row_errors
        if not row_errors:
            forms_to_save.append(row_form)
    if not forms_to_save and not errors:
        errors.append(RowError(2, "", "", "表中没有数据行"))
    if errors:
        return [], errors
    with transaction.atomic():
        return [record_save(form=f, actor=user) for f in forms_to_save], []


def _error(row: int, position: int, field, message: str) -> RowError:
    return RowError(row, get_column_letter(position + 1), str(field.label), str(message).rstrip("。"))


class Lookups:
    """Turns what people write in a cell into what the form expects."""

    def __init__(self, form):
        self.form = form

    def convert(self, name: str, field, raw):
        text = "" if raw is None else str(raw).strip()
        if name == "org":
            return self._pick(field.queryset, text, "单位", lambda t: Q(name=t) | Q(short_name=t) | Q(code=t))
        if name == "task":
            number = text.split(" ", 1)[0]
            return self._pick(
                field.queryset, text, "工作任务", lambda t: Q(pk=int(number)) if number.isdigit() else Q(title=t)
            )
        if name in ("person", "adviser"):
            return self._pick(field.queryset, text, str(field.label), lambda t: Q(name=t))
        if name == "occasion":
            return self._pick(field.queryset, text, "宣传节点", lambda t: Q(name=t))
        if isinstance(field, djforms.MultipleChoiceField):
            return [self._choice(field, part) for part in SEPARATORS.split(text) if part.strip()]
        if isinstance(field, djforms.BooleanField):
            if text.lower() in YES:
                return "on"
            if text.lower() in NO:
                return ""
            raise ValueError(f"“{text}”应填“是”或“否”")
        if isinstance(field, djforms.TypedChoiceField | djforms.ChoiceField) and text:
            return self._choice(field, text)
        if isinstance(field, djforms.DateField):
            return _date(raw, text)
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        return text

    @staticmethod
    def _choice(field, text: str) -> str:
        text = text.strip()
        for value, label in field.choices:
            if text in (str(label), str(value)) and value != "":
                return value
        raise ValueError(f"“{text}”不是可选值，可选：{'、'.join(_choice_labels(field))}")

    @staticmethod
    def _pick(queryset, text: str, what: str, condition):
        if not text:
            return ""
        found = list(queryset.filter(condition(text))[:2])
        if not found:
            raise ValueError(f"找不到{what}“{text}”，或无权为其登记")
        if len(found) > 1:
            raise ValueError(f"{what}“{text}”不止一个，请写全称")
        return found[0].pk


def _date(raw, text: str) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    if text:
        raise ValueError(f"“{text}”不是日期，请写成 2026-03-08")
    return ""
