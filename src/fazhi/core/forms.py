"""Forms of the spine. Validation messages are Chinese and shown beside the field."""

import datetime as dt

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from . import deadlines
from .choices import OrgKind, ThresholdUnit, TimeUnit
from .files import check_upload
from .models import LegalTimeLimit, Org, Role, User

# Widgets and fields the areas' forms share.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        for upload in files:  # every attachment becomes evidence: refuse a bad one before anything is stored
            check_upload(upload)
        return files


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OrgForm(forms.ModelForm):
    class Meta:
        model = Org
        fields = ["parent", "kind", "level", "name", "short_name", "code", "sort_order", "is_active"]

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Org.objects.none()
        self.fields["parent"].required = True
        if self.instance.pk:
            self.fields["code"].disabled = True  # codes are stable once issued
            self.fields["parent"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("kind") == OrgKind.REGION and not data.get("level"):
            self.add_error("level", "行政区域须选择行政级别")
        if data.get("kind") != OrgKind.REGION and data.get("level"):
            self.add_error("level", "只有行政区域才有行政级别")
        return data


class UserForm(forms.ModelForm):
    roles = forms.ModelMultipleChoiceField(queryset=Role.objects.all(),
                                           widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                                           label="角色", required=True)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, required=False,
                               help_text="新建用户时必填，至少10位，不能全为数字")

    class Meta:
        model = User
        fields = ["username", "full_name", "org", "title", "phone", "roles", "is_active"]

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()
        self.fields["org"].required = True
        if not self.instance.pk:
            self.fields["password"].required = True

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if password:
            validate_password(password, self.instance)
        return password

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
            self.save_m2m()
        return user


class LegalTimeLimitForm(forms.ModelForm):
    class Meta:
        model = LegalTimeLimit
        fields = ["name", "number", "unit", "counts_back", "fixed_month", "fixed_day", "extension", "starts_from",
                  "legal_basis", "article", "status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("unit") == TimeUnit.NEXT_YEAR_DATE:
            if not data.get("fixed_month"):
                self.add_error("fixed_month", "次年固定日期须填写截止月")
            if not data.get("fixed_day"):
                self.add_error("fixed_day", "次年固定日期须填写截止日")
            if data.get("fixed_month") and data.get("fixed_day"):
                try:
                    dt.date(2001, data["fixed_month"], data["fixed_day"])
                except ValueError:
                    self.add_error("fixed_day", "该月没有这一天")
        elif data.get("number") is None:
            self.add_error("number", "请填写期限数值")
        return data


class ScheduleImportForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    source = forms.CharField(label="依据", max_length=200,
                             initial="国务院办公厅关于部分节假日安排的通知")
    text = forms.CharField(
        label="安排",
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": "每行一条：日期[~日期] 放假|上班 节日名称\n"
                                     "2027-01-01 放假 元旦\n2027-02-06~2027-02-12 放假 春节\n2027-02-14 上班 春节"}),
        required=False,
    )
    file = forms.FileField(label="或上传文本文件", required=False, help_text="UTF-8 编码的 .txt/.csv，格式同上")

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                check_upload(upload, allowed=[".txt", ".csv"])
                data["text"] = upload.read().decode("utf-8-sig")
            except ValidationError as error:
                self.add_error("file", error)
            except UnicodeDecodeError:
                self.add_error("file", "文件不是 UTF-8 编码的文本")
        if not data.get("text", "").strip() and not self.errors:
            self.add_error("text", "请粘贴安排或上传文件")
        return data


class DueDateForm(forms.Form):
    start = forms.DateField(label="起算日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    limit = forms.ModelChoiceField(queryset=LegalTimeLimit.objects.exclude(unit__in=ThresholdUnit.values),
                                   label="法定时限", required=False,
                                   empty_label="（自定义期限）")
    number = forms.IntegerField(label="期限", min_value=0, max_value=deadlines.MAX_PERIOD, required=False)
    unit = forms.ChoiceField(label="单位", choices=[c for c in TimeUnit.choices if c[0] != TimeUnit.NEXT_YEAR_DATE],
                             required=False)

    def clean(self):
        data = super().clean()
        if not data.get("limit") and (data.get("number") is None or not data.get("unit")):
            raise forms.ValidationError("请选择法定时限，或填写期限和单位")
        return data


class EvidenceUploadForm(forms.Form):
    org = forms.ModelChoiceField(queryset=Org.objects.none(), label="所属机构")
    title = forms.CharField(label="材料名称", max_length=200, required=False, help_text="留空则使用文件名")
    description = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    file = forms.FileField(label="文件")

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs if orgs is not None else Org.objects.none()



def apply_service_errors(form, error) -> None:
    """A service's refusal (ValidationError) shown on the form: beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)
