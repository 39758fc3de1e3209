"""One Excel machinery for every register and ledger: a template to fill, a list out, a filled sheet back in.

The columns are a form's fields, headed by their Chinese labels. An import checks every row with the same
form the browser uses; choices, units and linked records are written as people write them (labels and
names) and looked up here. Every problem is reported as 第N行 X列（列名）, and nothing is saved unless every
row is right.

A kind of record takes part by subclassing `Sheet`: it names its fields, builds its form, says how to look
up the cells only it has, and saves the checked rows through its service.
"""

from __future__ import annotations

import datetime as dt
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

from .statistics import after_import
from .xlsx import workbook_bytes

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


@dataclass
class Row:
    """One data row of an imported sheet: its number, the checked form, and where each field's column is."""

    number: int
    form: djforms.BaseForm
    positions: dict[str, int]

    def error(self, name: str, message: str) -> RowError:
        """A problem with this row's cell of field `name` (or with the whole row when it has no column)."""
        if name in self.positions:
            return cell_error(self.number, self.positions[name], self.form.fields[name], message)
        return RowError(self.number, "", "", message)


class Sheet:
    """How one kind of record goes into and out of Excel."""

    title = ""  # the worksheet's title and the file's name
    verbose_name = ""  # what one row is, for the instructions
    fields: list[str] = []  # form fields, in column order

    def form(self, data=None) -> djforms.BaseForm:
        raise NotImplementedError

    def how(self, name: str, field) -> str:
        """The instructions' line for a column."""
        return how(field)

    def cell_value(self, record, name: str):
        """A record's field as the export writes it, in a form the import reads back."""
        return display(record, name)

    def convert(self, name: str, field, raw):
        """A cell as the form expects it; ValueError with a Chinese message when it cannot be read."""
        return convert(field, raw)

    def check_rows(self, rows: list[Row]) -> list[RowError]:
        """Problems between rows (the same code twice in the sheet), after each row passed on its own."""
        return []

    def save(self, forms: list[djforms.BaseForm]) -> list:
        raise NotImplementedError

    def columns(self, form) -> list[tuple[str, djforms.Field]]:
        return [(name, form.fields[name]) for name in self.fields]


# ---------------------------------------------------------------- template and export
def write(sheet_spec: Sheet, records) -> bytes:
    """The sheet's template with `records` as rows, and a sheet of instructions."""
    columns = sheet_spec.columns(sheet_spec.form())
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_spec.title[:31]
    for index, (_name, field) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=str(field.label))
        cell.fill, cell.alignment = HEADER_FILL, Alignment(horizontal="center", vertical="center", wrap_text=True)
        if field.required:
            cell.font = REQUIRED_FONT
        if field.help_text:
            cell.comment = Comment(str(field.help_text), "法治")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 30 if isinstance(field.widget, djforms.Textarea) else 16
        labels = choice_labels(field)
        if labels and len("".join(labels)) + len(labels) < 250 and not isinstance(field, djforms.MultipleChoiceField):
            check = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=not field.required)
            check.error, check.errorTitle = "请从下拉列表中选择", "填写有误"
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}2000")
    sheet.freeze_panes = "A2"
    for row, record in enumerate(records, start=2):
        for index, (name, _field) in enumerate(columns, start=1):
            sheet.cell(row=row, column=index, value=sheet_spec.cell_value(record, name))
    _instructions(book.create_sheet("填写说明"), sheet_spec, columns)
    return workbook_bytes(book)


def _instructions(sheet, sheet_spec: Sheet, columns) -> None:
    sheet.append(["列", "是否必填", "填写要求"])
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, Font(bold=True)
    for name, field in columns:
        sheet.append([str(field.label), "必填" if field.required else "选填", sheet_spec.how(name, field)])
    sheet.append([])
    sheet.append(
        ["说明", "", f"每行一条{sheet_spec.verbose_name}；整表无误才会保存，有误时逐行逐列列出问题，一条也不保存。"]
    )
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 22, 10
    sheet.column_dimensions["C"].width = 90


def display(record, name: str):
    """A field of a record as people read it: the choice's label, 是/否, a linked record by name."""
    label = getattr(record, f"get_{name}_display", None)
    value = label() if label else getattr(record, name)
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "_meta"):
        return getattr(value, "name", str(value))
    return "" if value is None else value


def choice_labels(field) -> list[str]:
    if isinstance(field, djforms.ModelChoiceField):
        return []
    if isinstance(field, djforms.NullBooleanField | djforms.BooleanField):
        return ["是", "否"]
    return [str(label) for value, label in getattr(field, "choices", []) if value != ""]


def how(field) -> str:
    """What a column of this kind of field takes, in words."""
    if isinstance(field, djforms.DateField):
        return "日期，如 2026-03-08"
    if isinstance(field, djforms.MultipleChoiceField):
        return "可填多项，用顿号分隔：" + "、".join(choice_labels(field))
    labels = choice_labels(field)
    if labels:
        return "从下列选一项：" + "、".join(labels)
    if isinstance(field, djforms.IntegerField | djforms.DecimalField):
        return "数字" + (f"，{field.help_text}" if field.help_text else "")
    return str(field.help_text or "文字")


# ---------------------------------------------------------------- import
def read(sheet_spec: Sheet, upload) -> tuple[list, list[RowError]]:
    """Read a filled template; returns (saved records, []) or ([], every error)."""
    try:
        book = openpyxl.load_workbook(upload, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [RowError(0, "", "", "无法读取该文件，请确认是用本系统模板填写的 .xlsx 文件")]
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    columns = sheet_spec.columns(sheet_spec.form())
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    positions, errors = {}, []
    for name, field in columns:
        if str(field.label) in header:
            positions[name] = header.index(str(field.label))
        elif field.required:
            errors.append(RowError(1, "", "", f"缺少“{field.label}”列，请使用本页提供的模板"))
    if errors:
        return [], errors
    checked = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        data, row_errors = {}, []
        for name, field in columns:
            if name not in positions:
                continue
            raw = row[positions[name]] if positions[name] < len(row) else None
            try:
                data[name] = sheet_spec.convert(name, field, raw)
            except ValueError as error:
                row_errors.append(cell_error(number, positions[name], field, str(error)))
        row_form = sheet_spec.form(data)
        if not row_form.is_valid():
            for name, messages in row_form.errors.items():
                if name in positions and any(e.column == get_column_letter(positions[name] + 1) for e in row_errors):
                    continue  # the lookup already said what is wrong with this cell
                for message in messages:
                    if name in positions:
                        row_errors.append(cell_error(number, positions[name], row_form.fields[name], message))
                    else:
                        row_errors.append(RowError(number, "", "", message))
        errors += row_errors
        if not row_errors:
            checked.append(Row(number, row_form, positions))
    if not checked and not errors:
        errors.append(RowError(2, "", "", "表中没有数据行"))
    errors += sheet_spec.check_rows(checked)
    if errors:
        return [], sorted(errors, key=lambda e: e.row)  # stable: a row's own problems keep their order
    with transaction.atomic():
        saved = sheet_spec.save([row.form for row in checked])
    after_import(type(saved[0]) if saved else None, len(saved))
    return saved, []


def cell_error(row: int, position: int, field, message: str) -> RowError:
    return RowError(row, get_column_letter(position + 1), str(field.label), str(message).rstrip("。"))


def convert(field, raw):
    """What people write in a cell, as the form expects it."""
    text = "" if raw is None else str(raw).strip()
    if isinstance(field, djforms.MultipleChoiceField):
        return [choice(field, part) for part in SEPARATORS.split(text) if part.strip()]
    if isinstance(field, djforms.BooleanField):
        if text.lower() in YES:
            return "on"
        if text.lower() in NO:
            return ""
        raise ValueError(f"“{text}”应填“是”或“否”")
    if isinstance(field, djforms.TypedChoiceField | djforms.ChoiceField) and text:
        return choice(field, text)
    if isinstance(field, djforms.DateField):
        return date(raw, text)
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return text


def choice(field, text: str) -> str:
    text = text.strip()
    for value, label in field.choices:
        if text in (str(label), str(value)) and value != "":
            return value
    raise ValueError(f"“{text}”不是可选值，可选：{'、'.join(choice_labels(field))}")


def pick(queryset, text: str, what: str, condition) -> int | str:
    """The one record of `queryset` that `condition(text)` names, by its pk."""
    if not text:
        return ""
    found = list(queryset.filter(condition(text))[:2])
    if not found:
        raise ValueError(f"找不到{what}“{text}”，或无权为其登记")
    if len(found) > 1:
        raise ValueError(f"{what}“{text}”不止一个，请写全称")
    return found[0].pk


def pick_org(queryset, text: str):
    """An org written by its full name, short name or code."""
    return pick(queryset, text, "单位", lambda t: Q(name=t) | Q(short_name=t) | Q(code=t))


def date(raw, text: str) -> str:
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
