"""Forms of plans and tasks. Errors are Chinese and shown beside the field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator

from fazhi.core.files import check_upload
from fazhi.core.forms import DATE, MultipleFileField, OrgChoiceField
from fazhi.core.models import Org, User
from fazhi.indicators import registry

from . import extract
from .choices import Cadence
from .models import Plan, Target, Task


class OrgMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User):
        return f"{obj}（{obj.title or obj.org.name}）" if obj.org_id else str(obj)


# ---------------------------------------------------------------- import
class PlanImportForm(forms.Form):
    org = OrgChoiceField(queryset=Org.objects.none(), label="所属单位")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="标题", max_length=200, required=False, help_text="留空则使用文件中识别出的标题")
    file = forms.FileField(label="工作要点文件", required=False, help_text="Word（.docx）、PDF 或文本文件（.txt）")
    text = forms.CharField(label="或粘贴全文", required=False,
                           widget=forms.Textarea(attrs={"rows": 10, "placeholder": "一、……\n（一）……。……"}))

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.source_name = ""

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                check_upload(upload, allowed=extract.SUFFIXES)
                data["text"] = extract.text_from_file(upload.name, upload.read())
                self.source_name = upload.name
            except ValidationError as error:
                self.add_error("file", error)
        elif not (data.get("text") or "").strip():
            self.add_error("text", "请上传文件或粘贴工作要点全文")
        return data


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "year", "warn_days", "report_grace_days", "default_cadence", "preamble"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_issued:
            self.fields["year"].disabled = True
            self.fields["year"].help_text = "已下达的工作要点不能修改年度"
        else:
            self.fields["year"].help_text = "修改年度时，各任务的完成时限随之顺延"


# ---------------------------------------------------------------- targets and assignment
def indicator_choices():
    return [("", "（手工目标：牵头单位附佐证材料填报）")] + [(i.code, f"{i.name}（{i.unit}）")
                                                       for i in registry.all_indicators()]


class TargetForm(forms.ModelForm):
    indicator_code = forms.ChoiceField(label="对应指标", required=False)

    class Meta:
        model = Target
        fields = ["what", "comparator", "number", "unit", "period", "indicator_code", "confirmed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        if self.instance.pk:  # 2, not 2.00: the number as the plan wrote it
            self.initial["number"] = f"{self.instance.number.normalize():f}"
        self.fields["number"].min_value = 0
        self.fields["number"].validators.append(MinValueValidator(0, "目标值不能为负数"))


class NewTargetForm(TargetForm):
    """A target the reading missed, added by the office; left blank, it adds nothing."""

    task = forms.ModelChoiceField(queryset=Task.objects.none(), label="任务")

    class Meta(TargetForm.Meta):
        fields = ["task", *TargetForm.Meta.fields]

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks
        self.empty_permitted = True
        self.use_required_attribute = False

    def has_changed(self):
        # Selects always post a value; only a chosen task or typed words mean a new target.
        return bool(self.data.get(self.add_prefix("task")) or self.data.get(self.add_prefix("what"), "").strip())


class AssignForm(forms.Form):
    """One task's row on the bulk assignment screen."""

    task = forms.IntegerField(widget=forms.HiddenInput)
    lead = OrgChoiceField(queryset=Org.objects.none(), label="牵头单位", required=False)
    co_units = OrgMultipleChoiceField(queryset=Org.objects.none(), label="配合单位", required=False,
                                      widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    leader = LeaderChoiceField(queryset=User.objects.none(), label="责任领导", required=False)
    due_date = forms.DateField(label="完成时限", widget=DATE)
    cadence = forms.ChoiceField(label="报送周期", choices=Cadence.choices)

    def __init__(self, *args, orgs=None, leaders=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("lead", "co_units"):
            self.fields[name].queryset = orgs
        self.fields["leader"].queryset = leaders
        if choices is not None:  # rendered once for a whole formset, not once per row
            for name, options in choices.items():
                self.fields[name].choices = options

    @classmethod
    def shared_choices(cls, orgs, leaders) -> dict:
        blank = [("", "---------")]
        org_options = [(o.pk, o.name) for o in orgs]
        return {"lead": blank + org_options, "co_units": org_options,
                "leader": blank + [(u.pk, cls.base_fields["leader"].label_from_instance(u))
                                   for u in leaders.select_related("org")]}


class TaskForm(AssignForm):
    task = None  # the single-task page knows its task
    title = forms.CharField(label="工作任务", max_length=300)
    measures = forms.CharField(label="具体措施", required=False, widget=forms.Textarea(attrs={"rows": 6}))

    field_order = ["title", "measures", "lead", "co_units", "leader", "due_date", "cadence"]


class BaseAssignFormSet(forms.BaseFormSet):
    def __init__(self, *args, orgs=None, leaders=None, **kwargs):
        self.orgs, self.leaders = orgs, leaders
        self.choices = AssignForm.shared_choices(orgs, leaders)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"orgs": self.orgs, "leaders": self.leaders, "choices": self.choices}


AssignFormSet = forms.formset_factory(AssignForm, formset=BaseAssignFormSet, extra=0)


# ---------------------------------------------------------------- progress
class ReportForm(forms.Form):
    period = forms.ChoiceField(label="报送周期")
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="做了什么、取得的成效和数据、下一步安排",
                           error_messages={"required": "请填写进展情况"})
    completes_task = forms.BooleanField(label="本次报送表示任务已全部完成（申报完成）", required=False)
    links = forms.MultipleChoiceField(label="关联记录", required=False,
                                      help_text="能证明本项工作的台账记录，如培训、审查、检查记录")
    files = MultipleFileField(label="附件", required=False, help_text="签到表、照片、会议纪要等，可多选")

    def __init__(self, *args, periods=(), records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(f"{s:%Y-%m-%d}|{e:%Y-%m-%d}", text) for s, e, text in periods]
        self.fields["links"].choices = records

    def clean_period(self):
        import datetime as dt

        start, end = self.cleaned_data["period"].split("|")
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("请填写进展情况")
        return text


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "采纳"), ("return", "退回")], widget=forms.HiddenInput)
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TickForm(forms.Form):
    value = forms.DecimalField(label="完成值", min_value=0, max_digits=12, decimal_places=2)
    note = forms.CharField(label="完成说明", max_length=300, required=False)
    files = MultipleFileField(label="佐证材料", required=False, help_text="必须附佐证材料，可多选")


class LedgerImportForm(forms.Form):
    file = forms.FileField(label="台账文件", help_text="由本系统导出、编辑后保存的 .xlsx 文件，不超过 10 MB")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("请上传 .xlsx 格式的台账")
        check_upload(upload, allowed=[".xlsx"])
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError("台账文件超过 10 MB")
        return upload

