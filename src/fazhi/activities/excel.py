"""Each ledger in Excel: a template to fill, the filtered list out, and a filled sheet back in.

The machinery is the one every register shares (fazhi.core.sheets); a ledger adds only the cells it
alone has: the plan task it serves, the 述法 person, the legal adviser and the publicity day, each looked
up by the name or number people write.
"""

from __future__ import annotations

from django.db.models import Q

from fazhi.core import sheets
from fazhi.core.sheets import RowError

from .ledgers import Ledger, display, form_class
from .services import record_save

__all__ = ["RowError", "export", "import_sheet", "template"]


class LedgerSheet(sheets.Sheet):
    def __init__(self, ledger: Ledger, user):
        self.ledger, self.user = ledger, user
        self.title, self.verbose_name, self.fields = ledger.title, ledger.verbose_name, ledger.fields

    def form(self, data=None):
        return form_class(self.ledger)(data, user=self.user)

    def cell_value(self, record, name: str):
        value = getattr(record, name)
        if name == "task":
            return f"{value.pk} {value.title}" if value else ""  # the number the import looks up
        if name == "org" or hasattr(value, "_meta"):
            return value.name if value is not None else ""
        value = display(record, name)
        return "" if value is None else value

    def how(self, name: str, field) -> str:
        return {
            "org": "本单位或下属科室、单位的全称、简称或机构代码",
            "task": "工作要点任务的系统编号（任务台账最后一列）或任务名称全文，可不填",
            "person": "述法对象的姓名（须先在“述法对象”中登记）",
            "adviser": "法律顾问的姓名或名称（须先登记）",
            "occasion": "宣传节点名称，如：国家宪法日；可不填",
        }.get(name) or sheets.how(field)

    def convert(self, name: str, field, raw):
        text = "" if raw is None else str(raw).strip()
        if name == "org":
            return sheets.pick_org(field.queryset, text)
        if name == "task":
            number = text.split(" ", 1)[0]
            return sheets.pick(
                field.queryset, text, "工作任务", lambda t: Q(pk=int(number)) if number.isdigit() else Q(title=t)
            )
        if name in ("person", "adviser"):
            return sheets.pick(field.queryset, text, str(field.label), lambda t: Q(name=t))
        if name == "occasion":
            return sheets.pick(field.queryset, text, "宣传节点", lambda t: Q(name=t))
        return sheets.convert(field, raw)

    def save(self, forms):
        return [record_save(form=f, actor=self.user) for f in forms]


def template(ledger: Ledger, user) -> bytes:
    return sheets.write(LedgerSheet(ledger, user), [])


def export(ledger: Ledger, user, records) -> bytes:
    """The ledger's sheet in the template's columns, with `records` as rows; a sheet of instructions."""
    return sheets.write(LedgerSheet(ledger, user), records)


def import_sheet(ledger: Ledger, user, upload) -> tuple[list, list[RowError]]:
    """Read a filled template; returns (saved records, []) or ([], every error)."""
    return sheets.read(LedgerSheet(ledger, user), upload)
