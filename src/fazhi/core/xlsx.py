"""The one place an Excel file is saved: every export, template and ledger goes through `workbook_bytes`.

A cell whose text begins with =, +, -, @, a tab or a carriage return would be read by Excel as a formula
(`=HYPERLINK(…)` runs when the file is opened, and the others when a cell is edited); such text is written
as a string cell with Excel's quote prefix, so it shows as typed and never runs. Nothing Fazhi exports is
meant to be a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.utils import timezone
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_TYPES = (int, float, Decimal, dt.date, dt.time, bool)


def workbook_bytes(book: openpyxl.Workbook) -> bytes:
    """The saved .xlsx, with every formula-like text made inert."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cell_value(value):
    """A value openpyxl can write: numbers and dates as they are, local time without a zone, the rest as text."""
    if value is None or isinstance(value, PLAIN_TYPES) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return str(value)


def table_bytes(table, title: str, exclude_columns=()) -> bytes:
    """A django-tables2 table (every row it holds) as one sheet under a bold header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for values in table.as_values(exclude_columns=exclude_columns):
        sheet.append([cell_value(v) for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)
