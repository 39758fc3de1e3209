"""Forms of the enforcement registers and inspections. The same entity form checks a register entry typed
in the browser and each row of an Excel import; the inspection form is laid out for a phone."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.db.models import Q
from django.utils import timezone

from fazhi.core.choices import Action, RoleCode
from fazhi.core.files import check_upload
from fazhi.core.forms import DATE, MultipleFileField, OrgChoiceField
from fazhi.core.models import Org, User
from fazhi.core.rules import threshold
from fazhi.core.scoping import can, scope_filter

from . import selectors
from .choices import CreditGrade, InspectionResult, PointBand
from .models import (
    CheckItem,
    Entity,
    Inspection,
    LenientItem,
    Officer,
    OfficerConflict,
    PointRecord,
    Power,
    Practitioner,
)

# 统一社会信用代码 (GB 32100-2015): 18 characters, digits and capitals without I, O, S, V and Z.
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


class RegisterForm(forms.ModelForm):
    """Base of the register forms: Tabler-friendly dates and Chinese empty choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
            elif isinstance(field, forms.ModelChoiceField):  # Django's default empty choice is "---------"
                field.empty_label = "请选择" if field.required else "（不选）"
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "请选择" if field.required else "（不选）"), *field.choices[1:]]
            if isinstance(field.widget, forms.Textarea) and field.widget.attrs.get("rows") == "10":
                field.widget.attrs["rows"] = 3  # Django's default of ten rows is a page on a phone


def _taken(model, field: str, value, instance, user) -> str | None:
    """The error for a number registered already, naming the record only when the user may see it."""
    if not value:
        return None
    other = model.objects.filter(**{field: value}).exclude(pk=instance.pk).select_related("org").first()
    if other is None:
        return None
    label = model._meta.get_field(field).verbose_name
    if user is not None and can(user, Action.VIEW, other.org):
        return f"该{label}已登记：{other}（{other.org.name}）"
    return f"该{label}已在其他单位登记"


# ---------------------------------------------------------------- officers
class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User):
        return f"{obj.full_name or obj.username}（{obj.username}，{obj.org.name if obj.org_id else '—'}）"


class OfficerForm(RegisterForm):
    org = OrgChoiceField(queryset=Org.objects.none(), label="所在单位")
    user = UserChoiceField(queryset=User.objects.none(), label="系统账号", required=False,
                           help_text="持有执法人员角色的账号；关联后证件到期提醒发给本人")

    class Meta:
        model = Officer
        fields = ["org", "name", "position", "certificate_no", "issuing_body", "issued_on", "valid_until", "status",
                  "user", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["org"].queryset = selectors.changeable_orgs(user)
        self.fields["user"].queryset = (User.objects.filter(scope_filter(user, Action.VIEW), is_active=True,
                                                            roles__code=RoleCode.OFFICER)
                                        .filter(Q(officer__isnull=True) | Q(officer=self.instance.pk or 0))
                                        .select_related("org").distinct().order_by("org__path", "username"))

    def clean_certificate_no(self):
        number = self.cleaned_data["certificate_no"].strip()
        if problem := _taken(Officer, "certificate_no", number, self.instance, self.user):
            raise forms.ValidationError(problem)
        return number

    def clean(self):
        data = super().clean()
        if data.get("issued_on") and data.get("valid_until") and data["valid_until"] < data["issued_on"]:
            self.add_error("valid_until", "有效期至不能早于发证日期")
        return data


class ConflictForm(RegisterForm):
    entity = forms.ModelChoiceField(queryset=Entity.objects.none(), label="监管对象", widget=forms.HiddenInput,
                                    error_messages={"required": "请先搜索并选择监管对象"})

    class Meta:
        model = OfficerConflict
        fields = ["entity", "reason", "note"]

    def __init__(self, *args, user, officer, **kwargs):
        super().__init__(*args, **kwargs)
        self.officer = officer
        self.fields["entity"].queryset = Entity.objects.visible_to(user)

    def clean_entity(self):
        entity = self.cleaned_data["entity"]
        if OfficerConflict.objects.filter(officer=self.officer, entity=entity).exists():
            raise forms.ValidationError("该回避关系已登记")
        return entity


# ---------------------------------------------------------------- entities
class EntityForm(RegisterForm):
    """A register entry. On a new entry the first credit grade is given too; later grades go through
    the grading form, which keeps the history."""

    org = OrgChoiceField(queryset=Org.objects.none(), label="监管单位",
                         help_text="负责监管该对象的执法机构或科室")
    credit_grade = forms.ChoiceField(label="信用等级", choices=CreditGrade.choices, initial=CreditGrade.B)
    graded_on = forms.DateField(label="评定日期", required=False, widget=DATE, help_text="留空为今天")

    class Meta:
        model = Entity
        fields = ["org", "name", "category", "credit_code", "licence_no", "licence_valid_until", "address",
                  "legal_person", "phone", "is_individual", "status", "credit_grade", "graded_on", "registered_on",
                  "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["org"].queryset = selectors.changeable_orgs(user)
        self.fields["registered_on"].required = False
        self.fields["registered_on"].help_text += "；留空为今天"
        if self.instance.pk:  # the grade changes through 信用评定, with its date and basis
            del self.fields["credit_grade"], self.fields["graded_on"]

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        if code and not CREDIT_CODE.match(code):
            raise forms.ValidationError("统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）")
        if problem := _taken(Entity, "credit_code", code, self.instance, self.user):
            raise forms.ValidationError(problem)
        return code

    def clean_registered_on(self):
        day = self.cleaned_data.get("registered_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("纳入监管日期不能晚于今天")
        return day

    def clean_graded_on(self):
        day = self.cleaned_data.get("graded_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("评定日期不能晚于今天")
        return day


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label="信用等级", choices=CreditGrade.choices)
    rated_on = forms.DateField(label="评定日期", widget=DATE)
    basis = forms.CharField(label="评定依据", max_length=200,
                            help_text="如：2026年度医疗机构信用评价结果；行政处罚决定书文号")


class PractitionerForm(RegisterForm):
    class Meta:
        model = Practitioner
        fields = ["name", "profession", "licence_no"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_licence_no(self):
        number = self.cleaned_data["licence_no"].strip()
        if problem := _taken(Practitioner, "licence_no", number, self.instance, self.user):
            raise forms.ValidationError(problem)
        return number


class PractitionerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.profession}，{obj.licence_no}）"


class InspectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.date:%Y-%m-%d} {obj.get_kind_display()}（{obj.get_result_display()}）"


class PointForm(RegisterForm):
    practitioner = PractitionerChoiceField(queryset=Practitioner.objects.none(), label="医务人员", required=False,
                                           help_text="对机构记分时不选")
    inspection = InspectionChoiceField(queryset=Inspection.objects.none(), label="来源检查", required=False)

    class Meta:
        model = PointRecord
        fields = ["practitioner", "date", "behaviour", "points", "basis", "inspection"]

    def __init__(self, *args, entity, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = entity.practitioners.order_by("name")
        maximum = threshold("points-max-per-record")
        self.fields["points"].help_text = f"一次不超过{maximum}分（法定时限与限额表）"
        self.fields["inspection"].queryset = Inspection.objects.visible_to(user).filter(entity=entity)


class BandForm(forms.Form):
    band = forms.ChoiceField(label="达到", choices=PointBand.choices, required=False)


# ---------------------------------------------------------------- catalogues
class PowerForm(RegisterForm):
    class Meta:
        model = Power
        fields = ["kind", "name", "basis", "sort_order"]


class CheckItemForm(RegisterForm):
    class Meta:
        model = CheckItem
        fields = ["name", "category", "content", "basis", "method", "is_random"]


class LenientForm(RegisterForm):
    class Meta:
        model = LenientItem
        fields = ["kind", "violation", "basis", "conditions"]


# ---------------------------------------------------------------- inspections
class OfficerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Officer):
        return f"{obj.name}（{obj.certificate_no}）"


class InspectionForm(RegisterForm):
    """One inspection, as filled in on a phone at the door: the entity found by typing, the officers
    certified that day, the entity's check items, what was found and what was issued."""

    entity = forms.ModelChoiceField(queryset=Entity.objects.none(), label="监管对象", widget=forms.HiddenInput,
                                    error_messages={"required": "请先搜索并选择监管对象",
                                                    "invalid_choice": "请从搜索结果中选择监管对象"})
    # Any officer in the user's scope validates here, so that one who may not act that day is refused by
    # the team check with the reason and the law; the page offers only the certified ones.
    officers = OfficerChoices(queryset=Officer.objects.none(), label="执法人员",
                              widget=forms.CheckboxSelectMultiple,
                              error_messages={"invalid_choice": "所选执法人员不在本单位范围内"})
    items = forms.ModelMultipleChoiceField(queryset=CheckItem.objects.none(), label="检查事项", required=False,
                                           widget=forms.CheckboxSelectMultiple)
    files = MultipleFileField(label="现场照片、笔录等附件", required=False)

    class Meta:
        model = Inspection
        fields = ["entity", "date", "kind", "officers", "items", "findings", "result", "opinion_no", "rectify_by"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 4}),
                   "result": forms.RadioSelect(attrs={"class": "form-selectgroup-input"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["entity"].queryset = Entity.objects.visible_to(user)
        # A 双随机 pick's inspection stays of its entity and kind (the service refuses a change too).
        self.drawn = bool(self.instance.pk and Inspection.objects.filter(pk=self.instance.pk, pick__isnull=False)
                          .exists())
        if self.drawn:
            self.fields["entity"].disabled = self.fields["kind"].disabled = True
            self.fields["kind"].help_text = "双随机抽中对象的检查，监管对象和检查类型不能更改"
        entity, day = self.chosen_entity(), self.chosen_date()
        self.fields["officers"].queryset = Officer.objects.visible_to(user, Action.CHANGE)
        self.offered = list(selectors.officers_offered(user, day, entity))
        self.chosen, self.day = entity, day  # not `entity`: templates would find the field
        self.minimum = threshold("enforcement-min-officers")
        self.chosen_officers, self.chosen_items = self.selected("officers"), self.selected("items")
        self.fields["items"].queryset = selectors.check_items_for(entity)
        self.fields["date"].initial = self.fields["date"].initial or timezone.localdate()

    def selected(self, name: str) -> set[str]:
        """The ids ticked in a checkbox list so far, as strings, to keep them ticked when the list is redrawn."""
        if self.is_bound:
            return set(self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name, []))
        if self.instance.pk:
            return {str(pk) for pk in getattr(self.instance, name).values_list("pk", flat=True)}
        return {str(getattr(v, "pk", v)) for v in self.initial.get(name, [])}

    def chosen_entity(self) -> Entity | None:
        raw = (self.data.get("entity") if self.is_bound and not self.drawn
               else (self.initial.get("entity") or self.instance.entity_id))
        raw = getattr(raw, "pk", raw)
        if raw in (None, "") or not str(raw).isdigit():
            return None
        return Entity.objects.visible_to(self.user).filter(pk=raw).first()

    def chosen_date(self) -> dt.date:
        raw = self.data.get("date") if self.is_bound else (self.initial.get("date") or self.instance.date)
        if isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            return timezone.localdate()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError("检查日期不能晚于今天")
        return day

    def clean(self):
        data = super().clean()
        if data.get("result") == InspectionResult.RECTIFY:
            if not data.get("opinion_no", "").strip():
                self.add_error("opinion_no", "责令整改的须下达《卫生监督意见书》，请填写文书编号")
            if not data.get("rectify_by"):
                self.add_error("rectify_by", "责令整改的须写明整改期限")
        return data


class FollowUpForm(forms.Form):
    on = forms.DateField(label="复查日期", widget=DATE)
    rectified = forms.TypedChoiceField(label="复查结论", coerce=lambda v: v == "yes",
                                       choices=[("yes", "已整改到位"), ("no", "未整改，转立案查处")],
                                       widget=forms.RadioSelect)
    note = forms.CharField(label="复查情况", widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件", help_text="请使用本页提供的模板（.xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件")
        check_upload(upload, allowed=[".xlsx"])
        return upload

