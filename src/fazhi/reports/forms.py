from django import forms
from django.utils import timezone

from .choices import Approximate, Coverage, Part
from .models import AnnualReport


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["org", "year", "coverage", "approximate", "compare_last_year"]

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["org"].label = "报告单位"
        self.fields["org"].empty_label = "请选择"
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)
            if orgs is not None and len(orgs) == 1:
                self.initial.setdefault("org", orgs[0].pk)

    def validate_unique(self):
        pass  # the service creates the report and says when one exists


class SettingsForm(forms.Form):
    coverage = forms.ChoiceField(label="统计范围", choices=Coverage.choices)
    approximate = forms.ChoiceField(label="数字写法", choices=Approximate.choices, required=False)
    compare_last_year = forms.BooleanField(label="与上年比较", required=False)


class ParagraphForm(forms.Form):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": "段落内容不能为空；不需要的段落请删除"})


class NewParagraphForm(forms.Form):
    part = forms.ChoiceField(label="部分", choices=[c for c in Part.choices if c[0] != Part.INTRO])
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "请填写段落内容"})


class FilingForm(forms.Form):
    filed_on = forms.DateField(label="报送日期", widget=forms.DateInput(attrs={"type": "date"}),
                               error_messages={"required": "请填写报送日期", "invalid": "日期格式应为YYYY-MM-DD"})
    filed_to = forms.CharField(label="报送单位", max_length=200,
                               initial="本级党委、政府和上一级卫生健康行政部门",
                               error_messages={"required": "请填写报送的单位"})

