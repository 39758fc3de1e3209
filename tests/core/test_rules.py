"""The legal numbers that are not periods, and how a message cites the law they come from."""

import pytest

from fazhi.core.models import LegalTimeLimit
from fazhi.core.rules import citation, rule, threshold, thresholds

pytestmark = pytest.mark.django_db


def test_thresholds_are_read_from_the_table_and_follow_its_corrections():
    assert thresholds("simple-fine-individual", "simple-fine-organisation") == {
        "simple-fine-individual": 200, "simple-fine-organisation": 3000}
    LegalTimeLimit.objects.filter(code="simple-fine-individual").update(number=500)
    assert threshold("simple-fine-individual") == 500


def test_a_missing_rule_is_an_error_not_a_silent_default():
    with pytest.raises(LookupError):
        thresholds("simple-fine-individual", "no-such-rule")


def test_a_rule_citing_one_law_reads_as_law_and_article():
    assert citation(rule("simple-fine-individual")) == "《中华人民共和国行政处罚法》（2021年修订）第五十一条"


def test_a_rule_citing_two_laws_pairs_each_with_its_article():
    assert citation(rule("penalty-service")) == (
        "《中华人民共和国行政处罚法》（2021年修订）第六十一条；《卫生健康行政处罚程序规定》第五十三条")


def test_a_threshold_describes_itself_with_its_unit():
    assert rule("simple-fine-organisation").describe() == "3,000元"
    assert rule("enforcement-min-officers").describe() == "2人"
