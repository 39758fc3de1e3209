"""Forms of the activity ledgers. The same form validates a record typed in the browser and each row
of an Excel import, so both obey the same rules and speak the same Chinese."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.choices import Action, OrgKind
from fazhi.core.files import check_upload
from fazhi.core.forms import DATE, MultipleFileField, OrgChoiceField
from fazhi.core.models import Org
from fazhi.core.selectors import orgs_visible
from fazhi.plans.choices import PlanStatus
from fazhi.plans.selectors import tasks_visible

from .choices import Channel, PublicityKind


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.year}年 {obj.number} {obj.title}"


class RecordForm(forms.ModelForm):
    """Base of every ledger form: the org is one the user may change; the task one the user can see."""

    org = OrgChoiceField(queryset=Org.objects.none(), label="所属单位（科室）")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["org"].queryset = changeable_orgs(user)
        if "task" in self.fields:
            self.fields["task"] = TaskChoiceField(
                queryset=tasks_visible(user).filter(plan__status=PlanStatus.ISSUED).order_by("-plan__year", "seq"),
                label="关联工作任务",
                required=False,
                help_text="该记录落实的工作要点任务，可不选",
            )
        for name in ("person", "adviser"):
            if name in self.fields:
                model = self.fields[name].queryset.model
                self.fields[name].queryset = model.objects.visible_to(user).select_related("org")
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
            elif isinstance(field, forms.ModelChoiceField):  # Django's default empty choice is "---------"
                field.empty_label = "请选择" if field.required else "（不选）"

    def clean(self):
        data = super().clean()
        task, day = data.get("task"), data.get("date")
        year = data.get("year") or (day.year if day else None)  # 述法 counts for its 述法年度
        if task and year and task.plan.year != year:
            self.add_error("task", f"该任务属于{task.plan.year}年工作要点，与记录所属年度不一致")
        return data


def changeable_orgs(user):
    return orgs_visible(user, Action.CHANGE).exclude(kind=OrgKind.REGION).filter(is_active=True)


def can_register(user) -> bool:
    """Whether the user may register ledger records for any org at all (a leader may not)."""
    return changeable_orgs(user).exists()


class ActivityForm(RecordForm):
    files = MultipleFileField(label="附件", required=False, help_text="签到表、照片、会议纪要等，可多选")


class PublicityForm(ActivityForm):
    channels = forms.MultipleChoiceField(
        label="宣传渠道",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["channels"] = self.instance.channel_list()
        self.fields["occasion"].queryset = self.fields["occasion"].queryset.filter(is_active=True)

    def clean_channels(self):
        return ",".join(self.cleaned_data["channels"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == PublicityKind.CASE and not data.get("case_summary", "").strip():
            self.add_error("case_summary", "以案释法须填写案例及释法要点")
        return data


class StudyForm(ActivityForm):
    def clean(self):
        data = super().clean()
        names = [n for n in _names(data.get("attendees", "")) if n]
        if names and data.get("participants") and data["participants"] < len(names):
            self.add_error("participants", f"参加人数少于名单中的{len(names)}人")
        return data


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[、，,;；\s]+", text or "")]


class AccountForm(ActivityForm):
    def clean(self):
        data = super().clean()
        person, day, year = data.get("person"), data.get("date"), data.get("year")
        if person and data.get("org") and not data["org"].path.startswith(_commission_path(person.org)):
            self.add_error("person", "述法人不属于所选单位所在的卫生健康部门")
        if day and year and not (year <= day.year <= year + 1):
            self.add_error("year", "述法年度应为述法日期的当年或上一年")
        return data


def _commission_path(org: Org) -> str:
    commission = org.commission()
    return (commission or org).path


class AccountableForm(RecordForm):
    pass


class AdviserForm(RecordForm):
    pass


class ServiceForm(ActivityForm):
    def clean(self):
        data = super().clean()
        adviser, day = data.get("adviser"), data.get("date")
        if adviser and day and not (adviser.contract_start <= day <= adviser.contract_end):
            self.add_error("date", f"不在该法律顾问的聘期（{adviser.contract_start}至{adviser.contract_end}）内")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 台账", help_text="请使用本页提供的模板（.xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("请上传 .xlsx 格式的 Excel 文件")
        check_upload(upload, allowed=[".xlsx"])
        return upload
