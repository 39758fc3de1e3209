"""The register of supervised entities in Excel: a template to fill, the filtered register out, and a
filled sheet back in — through the machinery every register shares (fazhi.core.sheets). Each row is checked
with the entity form the browser uses; a credit code given twice in the sheet is reported on each later row;
nothing is saved unless every row is right. The export carries each entity's 系统编号, so that a downloaded
register sent back corrects those entities instead of registering them again."""

from __future__ import annotations

from django import forms

from fazhi.core import sheets
from fazhi.core.choices import Action
from fazhi.core.sheets import Row, RowError

from . import selectors, services
from .forms import EntityForm
from .models import Entity


class EntitySheetForm(EntityForm):
    id = forms.IntegerField(label="系统编号", required=False,
                            help_text="导出时自动填写；新增的监管对象留空，填写则修改该编号的监管对象")


class EntitySheet(sheets.Sheet):
    title = "监管对象库"
    verbose_name = "监管对象"
    fields = [*EntityForm.Meta.fields, "id"]

    def __init__(self, user):
        self.user = user
        self.unit = selectors.home_unit(user)
        self.found: dict[int, Entity] = {}  # the entities the sheet's 系统编号 name, looked up once

    def form(self, data=None):
        entity = self.found.get((data or {}).get("id"))
        return EntitySheetForm(data, user=self.user, instance=entity)

    def how(self, name: str, field) -> str:
        if name == "org":
            unit = f"，留空为{self.unit.name}" if self.unit else ""
            return f"负责监管的执法机构或科室的全称、简称或机构代码{unit}"
        if name == "credit_code":
            return "18位统一社会信用代码；同一代码只能登记一次，个体执业者没有的可不填"
        if name == "credit_grade":
            return sheets.how(field) + "；只用于新增的监管对象，以后的等级变化在系统中“信用评定”登记"
        if name == "id":
            return "由系统导出时填写，请勿修改；新增的监管对象留空。填写了系统编号的行修改该监管对象，不会重复登记"
        return sheets.how(field)

    def convert(self, name: str, field, raw):
        if name == "org":
            text = "" if raw is None else str(raw).strip()
            if not text and self.unit is not None:
                return self.unit.pk
            return sheets.pick_org(field.queryset, text)
        if name == "id":
            return self._entity_id(raw)
        return sheets.convert(field, raw)

    def _entity_id(self, raw) -> int | None:
        text = "" if raw is None else str(raw).strip()
        if not text:
            return None
        try:
            pk = int(float(text))
        except ValueError:
            raise ValueError(f"“{text}”不是系统编号：请保留导出时的编号，新增的监管对象留空")
        entity = Entity.objects.visible_to(self.user, Action.CHANGE).filter(pk=pk).first()
        if entity is None:
            raise ValueError(f"系统编号{pk}的监管对象不存在或不在您的管理范围内；新增的监管对象请留空")
        self.found[pk] = entity
        return pk

    def check_rows(self, rows: list[Row]) -> list[RowError]:
        errors, first_row, first_id = [], {}, {}
        for row in rows:
            pk = row.form.cleaned_data.get("id")
            if pk in first_id:
                errors.append(row.error("id", f"与第{first_id[pk]}行的系统编号重复"))
            elif pk:
                first_id[pk] = row.number
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
            if data.pop("id"):  # a row of an exported register: that entity, corrected
                entity = services.entity_save(org=data.pop("org"), entity=form.instance, actor=self.user, **data)
                entity.imported_as = "updated"
            else:
                entity = services.entity_save(org=data.pop("org"), actor=self.user,
                                              grade_basis="Excel导入时的等级", **data)
                entity.imported_as = "added"
            saved.append(entity)
        return saved


def template(user) -> bytes:
    return sheets.write(EntitySheet(user), [])


def export(user, entities) -> bytes:
    """The register in the template's columns, so that a downloaded list can be filled in and sent back."""
    return sheets.write(EntitySheet(user), entities)


def import_sheet(user, upload) -> tuple[list, list[RowError]]:
    return sheets.read(EntitySheet(user), upload)
