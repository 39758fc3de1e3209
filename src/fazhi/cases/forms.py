"""Forms of cases, legal review and evaluation. Each step's form holds what its service asks for; the law is
checked in the service, and its Chinese message comes back beside the field or above the form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from fazhi.core.choices import Action
from fazhi.core.forms import DATE, MultipleFileField, OrgChoiceField
from fazhi.core.models import LegalTimeLimit, Org
from fazhi.core.rules import citation
from fazhi.enforcement.choices import InspectionResult
from fazhi.enforcement.models import Entity, Inspection, LenientItem, Officer

from . import evaluation
from .choices import (
    SIMPLE_PENALTIES,
    CaseSource,
    DecisionKind,
    ExecutionKind,
    PartyKind,
    PenaltyKind,
    ReviewOpinion,
    ServiceMethod,
)
from .models import Case, EvaluationRound

CHECKS = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2, "initial": 0}


def text(label, *, required=True, rows=2, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


def files(label="文书和音像材料", help_text="笔录、文书扫描件、照片、录音录像等，可多选；上传时记录SHA-256"):
    return MultipleFileField(label=label, required=False, help_text=help_text)


class OfficerChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.certificate_no}）"


class EntityChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InspectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.date:%Y-%m-%d} {obj.entity.name}"


# ---------------------------------------------------------------- opening a case, on the spot
class PartyForm(forms.Form):
    """The party and the team, shared by 立案 and 当场处罚."""

    org = OrgChoiceField(queryset=Org.objects.none(), label="办案单位")
    officers = OfficerChoice(queryset=Officer.objects.none(), label="承办执法人员", widget=CHECKS,
                             help_text="至少两名持有效执法证件的执法人员；与当事人有回避关系的不能参加")
    entity = EntityChoice(queryset=Entity.objects.none(), label="监管对象", required=False,
                          help_text="从监管对象库选择时，当事人信息可留空，自动取自监管对象")
    party_kind = forms.ChoiceField(label="当事人类型", choices=[("", "（按监管对象）"), *PartyKind.choices],
                                   required=False)
    party_name = forms.CharField(label="当事人", max_length=200, required=False)
    party_id_no = forms.CharField(label="证件号码", max_length=30, required=False,
                                  help_text="公民填身份证号，单位填统一社会信用代码；公示时隐去")
    party_address = forms.CharField(label="住所/地址", max_length=200, required=False)
    cause = forms.CharField(label="案由", max_length=200)
    source = forms.ChoiceField(label="案件来源", choices=CaseSource.choices)
    on = forms.DateField(label="日期", widget=DATE)
    facts = text("违法事实", required=False, rows=3)
    legal_basis = text("处罚依据", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        officers = Officer.objects.visible_to(user).certified(timezone.localdate()).select_related("org")
        orgs = Org.objects.visible_to(user, Action.CHANGE).filter(pk__in=officers.values("org"))
        self.fields["org"].queryset = orgs
        self.fields["officers"].queryset = officers.order_by("org__path", "name")
        self.fields["entity"].queryset = Entity.objects.visible_to(user).order_by("name")
        self.fields["on"].initial = timezone.localdate()
        if orgs.count() == 1:
            self.fields["org"].initial = orgs.first().pk
        own = Officer.objects.filter(user=user).values_list("pk", flat=True).first()
        if own is not None:
            self.fields["officers"].initial = [own]
        empty_labels(self)

    def clean(self):
        data = super().clean()
        if not data.get("entity"):
            if not data.get("party_name"):
                self.add_error("party_name", "请选择监管对象或填写当事人")
            if not data.get("party_kind"):
                self.add_error("party_kind", "请选择当事人类型")
        return data


class CaseOpenForm(PartyForm):
    inspection = InspectionChoice(queryset=Inspection.objects.none(), label="来源检查", required=False,
                                  help_text="检查结果为“立案查处”、尚未立案的监督检查")
    is_complex = forms.BooleanField(label="案情疑难复杂、涉及多个法律关系", required=False)
    public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    note = text("立案说明", required=False)
    files = files("立案材料")

    field_order = ["org", "on", "officers", "entity", "party_kind", "party_name", "party_id_no", "party_address",
                   "cause", "source", "inspection", "facts", "legal_basis", "is_complex", "public_interest", "note",
                   "files"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["on"].label = "立案日期"
        self.fields["inspection"].queryset = (Inspection.objects.visible_to(user)
                                              .filter(result=InspectionResult.CASE, cases__isnull=True)
                                              .select_related("entity").order_by("-date"))


def empty_labels(form) -> None:
    """A choice left empty reads 请选择 when it must be made, （不选） when it may be left."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
            field.empty_label = "请选择" if field.required else "（不选）"


class OnTheSpotForm(PartyForm):
    penalty_kinds = forms.MultipleChoiceField(label="处罚种类", widget=CHECKS,
                                              choices=[(k.value, k.label) for k in PenaltyKind
                                                       if k in SIMPLE_PENALTIES])
    fine = forms.DecimalField(label="罚款（元）", **MONEY)
    note = text("当场处罚说明", required=False)
    files = files("当场处罚决定书和现场材料")

    field_order = ["org", "on", "officers", "entity", "party_kind", "party_name", "party_id_no", "party_address",
                   "cause", "source", "facts", "legal_basis", "penalty_kinds", "fine", "note", "files"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["on"].label = "处罚日期"
        limits = {row.code: row for row in LegalTimeLimit.objects.filter(
            code__in=["simple-fine-individual", "simple-fine-organisation"])}
        if len(limits) == 2:
            person, body = limits["simple-fine-individual"], limits["simple-fine-organisation"]
            self.fields["fine"].help_text = (
                f"当场罚款限额：对{person.starts_from}{person.number:,}元、对{body.starts_from}{body.number:,}元"
                f"（{citation(body)}）；超过的应适用普通程序")


# ---------------------------------------------------------------- steps of a case
class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["on"].initial = timezone.localdate()


class EvidenceForm(StepForm):
    note = text("取得的证据", required=False)
    files = files()


class MarkForm(StepForm):
    is_complex = forms.BooleanField(label="案情疑难复杂、涉及多个法律关系", required=False)
    public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    note = text("说明", required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["is_complex"].initial = case.is_complex
            self.fields["public_interest"].initial = case.public_interest


class PenaltyFields(forms.Form):
    penalty_kinds = forms.MultipleChoiceField(label="处罚种类", choices=PenaltyKind.choices, widget=CHECKS,
                                              required=False)
    fine = forms.DecimalField(label="罚款（元）", **MONEY, required=False)
    confiscation = forms.DecimalField(label="没收违法所得（元）", **MONEY, required=False)
    property_value = forms.DecimalField(label="没收非法财物价值（元）", **MONEY, required=False,
                                        help_text="选择“没收非法财物”的，填写财物的价值")

    def clean_fine(self):
        return self.cleaned_data.get("fine") or Decimal(0)

    def clean_confiscation(self):
        return self.cleaned_data.get("confiscation") or Decimal(0)

    def clean_property_value(self):
        return self.cleaned_data.get("property_value") or Decimal(0)

    def propose(self, case: Case | None) -> None:
        """Start from what the party was told."""
        if case is not None and case.notified_on is not None:
            self.fields["penalty_kinds"].initial = case.proposed_kinds
            self.fields["fine"].initial = case.proposed_fine
            self.fields["confiscation"].initial = case.proposed_confiscation
            self.fields["property_value"].initial = case.proposed_property


class NotifyForm(StepForm, PenaltyFields):
    note = text("告知的事实、理由和依据", required=False)
    files = files("行政处罚事先告知书及送达回证")
    field_order = ["on", "penalty_kinds", "fine", "confiscation", "property_value", "note", "files"]


class StatementForm(StepForm):
    note = text("陈述、申辩的主要内容及复核意见")
    files = files("陈述申辩笔录或书面材料")


class WaiveForm(StepForm):
    note = text("说明", required=False)
    files = files("当事人签署的书面材料", help_text="必须上传当事人签署的放弃陈述、申辩和听证的书面材料")


class HearingRequestForm(StepForm):
    note = text("说明", required=False)
    files = files("听证申请书")


class HearingNoticeForm(StepForm):
    hearing_on = forms.DateField(label="听证日期", widget=DATE)
    place = forms.CharField(label="听证地点", max_length=100)
    note = text("说明", required=False)
    files = files("听证通知书及送达回证")
    field_order = ["on", "hearing_on", "place", "note", "files"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "通知日期"


class HearingForm(StepForm):
    presider = forms.CharField(label="听证主持人", max_length=40, help_text="非本案调查人员")
    note = text("听证情况")
    files = files("听证笔录、听证报告和录音录像")


class ReviewSubmitForm(StepForm, PenaltyFields):
    kind = forms.ChoiceField(label="送审的决定类型", choices=DecisionKind.choices, initial=DecisionKind.PENALTY,
                             help_text="审核通过的决定方可作出；作出更重或其他类型的决定须重新送审")
    summary = text("送审说明", rows=3, help_text="拟作出的决定、主要事实、证据和依据")
    files = files("送审材料")
    field_order = ["on", "kind", "penalty_kinds", "fine", "confiscation", "property_value", "summary", "files"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.propose(case)

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] != DecisionKind.PENALTY:
            # Amounts left from the notice do not belong to a decision not to penalise.
            data.update(penalty_kinds=[], fine=Decimal(0), confiscation=Decimal(0), property_value=Decimal(0))
        return data


class DiscussForm(StepForm):
    attendees = forms.CharField(label="参加负责人", max_length=300)
    conclusion = text("讨论结论")
    files = files("集体讨论记录")


class ExtendForm(StepForm):
    approver = forms.CharField(label="批准人", max_length=40)
    reason = text("延长理由")
    files = files("延长办案期限审批表")


class LenientChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_kind_display()}：{obj.violation}"


class DecideForm(StepForm, PenaltyFields):
    kind = forms.ChoiceField(label="决定类型", choices=DecisionKind.choices)
    lenient_item = LenientChoice(queryset=LenientItem.objects.none(), label="两轻一免事项", required=False,
                                 help_text="不予处罚（两轻一免）时必选；从轻、减轻处罚时可选")
    transfer_to = forms.CharField(label="移送机关", max_length=100, required=False)
    facts = text("认定的违法事实", required=False)
    legal_basis = text("处罚依据", required=False)
    note = text("说明", required=False)
    files = files("决定书")
    field_order = ["on", "kind", "penalty_kinds", "fine", "confiscation", "property_value", "lenient_item",
                   "transfer_to", "facts", "legal_basis", "note", "files"]

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            commission = case.org.commission() or case.org
            self.fields["lenient_item"].queryset = LenientItem.objects.filter(org__path__startswith=commission.path)
            self.propose(case)
            self.fields["facts"].initial = case.facts
            self.fields["legal_basis"].initial = case.legal_basis
        empty_labels(self)


class ServeForm(StepForm):
    method = forms.ChoiceField(label="送达方式", choices=[c for c in ServiceMethod.choices
                                                      if c[0] != ServiceMethod.ON_THE_SPOT])
    note = text("说明", required=False)
    files = files("送达回证")


class ExecuteForm(StepForm):
    kind = forms.ChoiceField(label="执行方式", choices=ExecutionKind.choices)
    paid_amount = forms.DecimalField(label="已缴罚没款（元）", **MONEY)
    note = text("说明", required=False)
    files = files("缴款凭证或履行材料")

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case is not None:
            self.fields["paid_amount"].initial = case.amount


class CloseForm(StepForm):
    note = text("结案说明", required=False)
    files = files("结案审批表")


class PublishForm(StepForm):
    pass


class WithdrawForm(StepForm):
    reason = forms.CharField(label="撤回原因", max_length=200)


# ---------------------------------------------------------------- review and evaluation
class ReviewForm(forms.Form):
    opinion = forms.ChoiceField(label="审核意见", choices=ReviewOpinion.choices,
                                widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    reasons = text("理由", required=False, rows=4, help_text="修改后同意或不同意的，须写明理由")
    on = forms.DateField(label="审核日期", widget=DATE, initial=timezone.localdate)


class RoundForm(forms.ModelForm):
    lines = forms.CharField(label="评查项目", widget=forms.Textarea(attrs={"rows": 14}),
                            help_text="每行一项：环节｜评查内容｜分值，合计100分")

    class Meta:
        model = EvaluationRound
        fields = ["org", "year", "name", "pass_score", "excellent_score", "note"]
        field_classes = {"org": OrgChoiceField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label = "组织单位"
        if orgs.count() == 1:
            self.fields["org"].initial = orgs.first().pk
        year = timezone.localdate().year
        self.fields["year"].initial = year
        self.fields["name"].initial = f"{year}年度行政处罚案卷评查"
        self.fields["lines"].initial = evaluation.format_lines(evaluation.DEFAULT_CHECKLIST)

    def clean_lines(self):
        lines = evaluation.parse_lines(self.cleaned_data["lines"])
        evaluation.check_lines(lines)
        return lines


class ScoreForm(forms.Form):
    """One points field and one remark per checklist line."""

    is_typical = forms.BooleanField(label="列为典型案例", required=False)
    comments = text("评查意见", required=False, rows=3)

    def __init__(self, *args, checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = []
        for item in checklist:
            points = forms.DecimalField(label=f"{item.seq}. {item.text}", min_value=0, max_value=item.max_points,
                                        decimal_places=1, initial=item.max_points)
            remark = forms.CharField(label="扣分理由", max_length=300, required=False)
            self.fields[f"points_{item.pk}"], self.fields[f"remark_{item.pk}"] = points, remark
            self.lines.append((item, self[f"points_{item.pk}"], self[f"remark_{item.pk}"]))
        self.order_fields([f for item in checklist for f in (f"points_{item.pk}", f"remark_{item.pk}")]
                          + ["is_typical", "comments"])
