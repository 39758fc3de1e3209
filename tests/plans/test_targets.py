"""Reading quantitative targets out of an item's text, and mapping them to indicators."""

from decimal import Decimal

import pytest

from fazhi.indicators import registry
from fazhi.plans.targets import find_targets


def only(text):
    (target,) = find_targets(text)
    return target.what, target.comparator, target.number, target.unit, target.period


@pytest.mark.parametrize("text, expected", [
    ("全年听取法治建设工作汇报不少于 2 次。", ("听取法治建设工作汇报", ">=", Decimal(2), "次", "year")),
    ("每季度组织集中学法不少于1次。", ("组织集中学法", ">=", Decimal(1), "次", "quarter")),
    ("执法人员年度法律知识培训不少于16学时。", ("执法人员年度法律知识培训", ">=", Decimal(16), "学时", "year")),
    ("每半年开展两次以案释法宣讲。", ("开展以案释法宣讲", ">=", Decimal(2), "次", "half")),
    ("全年开展普法活动不少于三次。", ("开展普法活动", ">=", Decimal(3), "次", "year")),
    ("行政规范性文件合法性审核率达到100%。", ("行政规范性文件合法性审核率", ">=", Decimal(100), "%", "year")),
    ("群众满意率90%以上。", ("群众满意率", ">=", Decimal(90), "%", "year")),
    ("办结时限不超过5个工作日。", ("办结时限", "<=", Decimal(5), "个工作日", "year")),
    ("各单位每月至少报送1次工作信息。", ("报送工作信息", ">=", Decimal(1), "次", "month")),
    ("实行年终述法全覆盖。", ("年终述法", ">=", Decimal(100), "%", "year")),
    ("开展公平竞争审查，做到应审尽审。", ("公平竞争审查", ">=", Decimal(100), "%", "year")),
])
def test_a_target_is_read_as_what_comparator_number_unit_period(text, expected):
    assert only(text) == expected


def test_a_bare_count_with_a_verb_is_an_at_least_target():
    what, comparator, number, unit, _ = only("开展1次委领导、机关干部参与的法院庭审旁听活动。")
    assert (comparator, number, unit) == (">=", 1, "次") and what.endswith("法院庭审旁听活动")


@pytest.mark.parametrize("text", [
    "做好2026年度规范性文件清理工作。",
    "落实《条例》第三十二条的规定。",
    "于3月15日前报送分工方案。",
])
def test_dates_years_and_article_numbers_are_not_targets(text):
    assert find_targets(text) == []


def test_several_targets_in_one_item_are_all_found():
    text = "全年开展法律法规知识测试不少于3次；组织年度学法考试，参考率、通过率均达到100%。"
    assert [t.describe() for t in find_targets(text)] == ["全年开展法律法规知识测试不少于3次",
                                                        "全年参考率达到100%", "全年通过率达到100%"]


def test_two_rates_sharing_one_number_are_two_targets_with_the_words_before_the_first():
    assert [t.describe() for t in find_targets("年度学法考试参考率、通过率均达到100%。")] == [
        "全年学法考试参考率达到100%", "全年学法考试通过率达到100%"]
    (one,) = find_targets("执法人员、管理人员培训率达到100%。")  # one rate of two groups of people
    assert one.what == "执法人员、管理人员培训率"


def test_a_target_maps_to_the_indicator_whose_wording_it_uses():
    assert registry.match("全年听取法治建设相关工作汇报", unit="次") == registry.get("duty.reports_heard")
    assert registry.match("全年听取法治建设相关工作汇报", unit="%") is None  # the unit must fit too
    assert registry.match("开展普法宣传活动", unit="次") == registry.get("publicity.events")
    assert registry.match("报送矛盾纠纷排查化解工作信息", unit="次") is None  # no area counts it


def test_each_of_two_rates_maps_to_its_own_indicator():
    text = "全年开展法律法规知识测试不少于3次；组织年度学法考试，参考率、通过率均达到100%。"
    assert [registry.match(t.what, unit=t.unit).code for t in find_targets(text)] == [
        "exam.count", "exam.attendance_rate", "exam.pass_rate"]
