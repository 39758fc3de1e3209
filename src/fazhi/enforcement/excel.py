"""The register of supervised entities in Excel: a template to fill, the filtered register out, and a
filled sheet back in — through the machinery every register shares (fazhi.core.sheets). Each row is checked
with the entity form the browser uses; a credit code given twice in the sheet is reported on each later row;
nothing is saved unless every row is right."""

from __future__ import annotations

from fazhi.core import sheets
from fazhi.core.sheets import Row, RowError

from . import selectors, services
from .forms import EntityForm


class EntitySheet(sheets.Sheet):
    title = "监管对象库"
    verbose_name = "监管对象"
    fields = EntityForm.Meta.fields

    def __init__(self, user):
        self.user = user
        self.unit = selectors.home_unit(user)

    def form(self, data=None):
        return EntityForm(data, user=self.user)

    def how(self, name: str, field) -> str:
        if name == "org":
            unit = f"，留空为{self.unit.name}" if self.unit else ""
            return f"负责监管的执法机构或科室的全称、简称或机构代码{unit}"
        if name == "credit_code":
            return "18位统一社会信用代码；同一代码只能登记一次，个体执业者没有的可不填"
        if name == "credit_grade":
            return sheets.how(field) + "；以后的等级变化在系统中“信用评定”登记"
        return sheets.how(field)

    def convert(self, name: str, field, raw):
        if name == "org":
            text = "" if raw is None else str(raw).strip()
            if not text and self.unit is not None:
                return self.unit.pk
            return sheets.pick_org(field.queryset, text)
        return sheets.convert(field, raw)

    def check_rows(self, rows: list[Row]) -> list[RowError]:
        errors, first_row = [], {}
        for row in rows:
            code = row.form.cleaned_data.get("credit_code")
            if not code:
                continue
            if code in first_row:
                errors.append(row.error("credit_code", f"与第{first_row[code]}行的统一社会信用代码重复"))
            else:
                first_row[code] = row.number
        return errors

    def save(self, forms):
        saved = []
        for form in forms:
            data = dict(form.cleaned_data)
            saved.append(services.entity_save(org=data.pop("org"), actor=self.user,
                                              grade_basis="Excel导入时的等级", **data))
        return saved


def template(user) -> bytes:
    return sheets.write(EntitySheet(user), [])


def export(user, entities) -> bytes:
    """The register in the template's columns, so that a downloaded list can be filled in and sent back."""
    return sheets.write(EntitySheet(user), entities)


def import_sheet(user, upload) -> tuple[list, list[RowError]]:
    return sheets.read(EntitySheet(user), upload)
