"""Forms of random-inspection tasks, the draw steps and the picks' outcomes. Plain forms: the services
decide what may change, so a form never writes to a model instance itself."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q

from fazhi.core.choices import Action, OrgKind
from fazhi.core.forms import DATE, MultipleFileField, OrgChoiceField
from fazhi.core.models import Org
from fazhi.core.rules import citation, rule
from fazhi.enforcement.choices import CreditGrade, EntityCategory, InspectionResult, OfficerStatus
from fazhi.enforcement.models import CheckItem, Officer
from fazhi.enforcement.selectors import catalogue_visible

from .choices import SampleMode, TaskSource
from .models import DrawTask

CHECKS = forms.CheckboxSelectMultiple


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_category_display()}）"


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.certificate_no}）"


def task_orgs(user):
    """Where a user may set up a task or draw from: commissions and units in their change scope."""
    return Org.objects.visible_to(user, Action.CHANGE).filter(kind__in=[OrgKind.COMMISSION, OrgKind.UNIT])


def task_defaults(user, orgs) -> dict:
    """A new task's likely org (the unit with the most officers: its 卫生监督所/执法大队) and pool (the
    user's commission)."""
    busiest = (Officer.objects.filter(org__in=orgs).values("org").annotate(n=Count("pk")).order_by("-n", "org")
               .first())
    commission = user.org.commission() if user.org_id else None
    return {"org": busiest["org"] if busiest else None,
            "pool_org": commission.pk if commission and orgs.filter(pk=commission.pk).exists() else None}


class TaskForm(forms.Form):
    org = OrgChoiceField(queryset=Org.objects.none(), label="组织单位",
                         help_text="负责抽取和检查的单位；其持证执法人员组成检查组")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="任务名称", max_length=200)
    source = forms.ChoiceField(label="任务来源", choices=TaskSource.choices)
    pool_org = OrgChoiceField(queryset=Org.objects.none(), label="抽取范围",
                              help_text="从该机构及其下级监管的对象中抽取")
    categories = forms.MultipleChoiceField(label="监管类别", choices=EntityCategory.choices, required=False,
                                           widget=CHECKS, help_text="不选为全部类别")
    grades = forms.MultipleChoiceField(label="信用等级", choices=CreditGrade.choices, required=False, widget=CHECKS,
                                       help_text="不选为全部等级")
    mode = forms.ChoiceField(label="抽取方式", choices=SampleMode.choices)
    sample_size = forms.IntegerField(label="抽取数量", min_value=1, required=False, help_text="按数量抽取时必填")
    team_size = forms.IntegerField(label="每组执法人员数", min_value=1, max_value=10)
    items = ItemChoiceField(queryset=CheckItem.objects.none(), label="抽查事项", required=False, widget=CHECKS)
    start_date = forms.DateField(label="开始日期", widget=DATE)
    due_date = forms.DateField(label="完成时限", widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, task: DrawTask | None = None, **kwargs):
        if task is not None:
            kwargs.setdefault("initial", {
                **{name: getattr(task, name) for name in ("year", "name", "source", "categories", "grades", "mode",
                                                          "sample_size", "team_size", "start_date", "due_date",
                                                          "note")},
                "org": task.org_id, "pool_org": task.pool_org_id,
                "items": list(task.items.values_list("pk", flat=True))})
        super().__init__(*args, **kwargs)
        orgs = task_orgs(user)
        for name in ("org", "pool_org"):
            self.fields[name].queryset, self.fields[name].empty_label = orgs, "请选择"
        # The commission publishes the list; its enforcement unit's officers set up the tasks.
        self.fields["items"].queryset = catalogue_visible(CheckItem, user).filter(is_random=True).order_by(
            "org__path", "category", "pk")
        minimum = rule("enforcement-min-officers")
        self.fields["team_size"].help_text = f"不少于{minimum.number}人（{citation(minimum)}）"
        self.fields["mode"].help_text = (
            "按信用等级比例抽取时，各等级的抽查比例取自法定时限与限额表，按本任务分别适用："
            "名录中各等级的对象数乘以比例、向上取整；不与同年度其他任务合并计算")

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("due_date") and data["due_date"] < data["start_date"]:
            self.add_error("due_date", "完成时限不能早于开始日期")
        return data


class RunForm(forms.Form):
    witness = forms.CharField(label="现场监督人", max_length=100, help_text="姓名及其单位、职务，如：驻局纪检组 王某某")
    witness_input = forms.CharField(label="监督人输入", max_length=100,
                                    help_text="由监督人当场给出的任意数字或文字，与系统随机数、名录哈希共同生成随机种子")


class VoidForm(forms.Form):
    void_reason = forms.CharField(label="作废原因", max_length=300)


class UnableForm(forms.Form):
    unable_reason = forms.CharField(label="无法检查原因", max_length=200)


class PickInspectForm(forms.Form):
    """The inspection of a picked entity, filled in with the drawn team and the task's items."""

    date = forms.DateField(label="检查日期", widget=DATE)
    officers = OfficerChoiceField(queryset=Officer.objects.none(), label="检查人员", widget=CHECKS,
                                  help_text="默认为抽取的检查组；须为检查当日持证的执法人员")
    team_change_reason = forms.CharField(label="调整检查人员原因", max_length=200, required=False,
                                         help_text="检查人员与抽取的检查组不同时必填，记入抽中对象的变更记录")
    items = ItemChoiceField(queryset=CheckItem.objects.none(), label="检查事项", required=False, widget=CHECKS)
    findings = forms.CharField(label="检查情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    result = forms.ChoiceField(label="检查结果", choices=InspectionResult.choices)
    opinion_no = forms.CharField(label="卫生监督意见书编号", max_length=60, required=False,
                                 help_text="下达《卫生监督意见书》的填写文书编号")
    rectify_by = forms.DateField(label="整改期限", required=False, widget=DATE)
    files = MultipleFileField(label="佐证材料", required=False,
                              help_text="检查笔录、现场照片、卫生监督意见书等，可多选")

    def __init__(self, *args, pick, user, **kwargs):
        super().__init__(*args, **kwargs)
        task = pick.draw.task
        team = list(pick.officers.values_list("pk", flat=True))
        # The task unit's officers in post, and the drawn team whatever has happened to them since.
        self.fields["officers"].queryset = Officer.objects.filter(
            Q(org__path__startswith=task.org.path, status=OfficerStatus.ACTIVE) | Q(pk__in=team)
        ).order_by("org__path", "name")
        self.fields["items"].queryset = catalogue_visible(CheckItem, user).filter(
            category=pick.entity.category).order_by("pk")
        self.initial.setdefault("officers", team)
        self.initial.setdefault("items", list(task.items.filter(category=pick.entity.category)
                                              .values_list("pk", flat=True)))
