"""The activity ledgers, each described once: its model, form, list columns, filters and Excel columns.
Views, URLs, import and export, the year view and the API are driven from this table."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django import forms as djforms
from django.http import Http404

from . import forms
from .models import (
    Accountable,
    AdviserService,
    Exam,
    LawAccount,
    LegalAdviser,
    Meeting,
    PublicityEvent,
    StudySession,
    Training,
)

COMMON = ["org", "date", "title"]


@dataclass(frozen=True, eq=False)  # hashed by identity: tables and filters are cached per ledger
class Ledger:
    slug: str
    model: type
    form: type
    title: str  # the ledger's name: 学法台账
    fields: list[str]  # form and Excel columns, in order
    columns: list[str]  # list-page columns after the common ones
    filters: list[str] = field(default_factory=list)  # choice fields offered as list filters
    hint: str = ""  # one line under the title: what belongs here
    is_activity: bool = True  # dated work, shown in the year view
    search: tuple[str, ...] = ("title", "note")

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name


LEDGERS = [
    Ledger(
        "study",
        StudySession,
        forms.StudyForm,
        "学法台账",
        COMMON + ["kind", "form", "laws", "presenter", "participants", "attendees", "task", "note"],
        ["kind", "presenter", "participants"],
        ["kind", "form"],
        "中心组学法、会前学法、干部职工集体学法、法治讲座和庭审旁听",
        search=("title", "laws", "presenter"),
    ),
    Ledger(
        "training",
        Training,
        forms.ActivityForm,
        "培训台账",
        COMMON + ["organiser", "audience", "mode", "hours", "participants", "task", "note"],
        ["audience", "hours", "participants"],
        ["audience", "mode"],
        "各类法治培训：对象、学时、人数，据此统计人次和人均学时",
        search=("title", "organiser"),
    ),
    Ledger(
        "exam",
        Exam,
        forms.ActivityForm,
        "考试台账",
        COMMON + ["kind", "expected", "sat", "passed", "task", "note"],
        ["kind", "expected", "sat", "passed"],
        ["kind"],
        "学法用法考试、执法资格考试等：应考、实考、通过人数，据此计算参考率和通过率",
    ),
    Ledger(
        "publicity",
        PublicityEvent,
        forms.PublicityForm,
        "普法台账",
        COMMON
        + ["kind", "occasion", "channels", "place", "laws", "materials", "reached", "case_summary", "task", "note"],
        ["kind", "occasion", "materials", "reached"],
        ["kind", "occasion"],
        "普法宣传活动和以案释法：渠道、宣传的法律法规、发放资料和受众",
        search=("title", "laws", "place"),
    ),
    Ledger(
        "meeting",
        Meeting,
        forms.ActivityForm,
        "会议研究法治工作台账",
        COMMON + ["kind", "chair", "heard_report", "studied_law", "decisions", "task", "note"],
        ["kind", "heard_report", "studied_law"],
        ["kind"],
        "党组会、主任办公会、专题会听取或研究法治建设工作",
        search=("title", "decisions"),
    ),
    Ledger(
        "account",
        LawAccount,
        forms.AccountForm,
        "述法台账",
        COMMON + ["person", "year", "form", "evaluation", "task", "note"],
        ["person", "year", "form"],
        ["form"],
        "领导干部和单位负责人年度述法：书面述法、会议述法、专题述法",
        search=("title", "person__name"),
    ),
    Ledger(
        "accountable",
        Accountable,
        forms.AccountableForm,
        "述法对象",
        ["org", "name", "position", "is_principal", "is_active"],
        ["position", "is_principal", "is_active"],
        [],
        "应当述法的领导干部和科室、单位负责人，述法覆盖率以此为准",
        is_activity=False,
        search=("name", "position"),
    ),
    Ledger(
        "adviser",
        LegalAdviser,
        forms.AdviserForm,
        "法律顾问",
        ["org", "name", "kind", "firm", "licence", "phone", "contract_start", "contract_end", "fee"],
        ["kind", "firm", "contract_start", "contract_end"],
        ["kind"],
        "聘请的法律顾问、公职律师和法学专家及聘期",
        is_activity=False,
        search=("name", "firm"),
    ),
    Ledger(
        "service",
        AdviserService,
        forms.ServiceForm,
        "法律顾问服务台账",
        COMMON + ["adviser", "kind", "count", "task", "note"],
        ["adviser", "kind", "count"],
        ["kind"],
        "法律顾问提供的咨询、合法性审查、参与诉讼和复议、讲座",
        search=("title", "adviser__name"),
    ),
]
BY_SLUG = {ledger.slug: ledger for ledger in LEDGERS}
ACTIVITY_LEDGERS = [ledger for ledger in LEDGERS if ledger.is_activity]


def get_ledger(slug: str) -> Ledger:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise Http404("没有这类台账") from None


def ledger_of(record) -> Ledger:
    return BY_SLUG[type(record).slug]


@cache
def form_class(ledger: Ledger) -> type[djforms.ModelForm]:
    """The ledger's form: its base form with the ledger's fields, for the browser and each Excel row alike."""
    return djforms.modelform_factory(ledger.model, form=ledger.form, fields=ledger.fields)


def display(record, name: str):
    """A field of a record as people read it: the choice's label, 是/否, the channels by name."""
    if name == "channels":
        return record.get_channels_display()
    label = getattr(record, f"get_{name}_display", None)
    value = label() if label else getattr(record, name)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value
