from decimal import Decimal

import pytest

from fazhi.reports import wording


@pytest.mark.parametrize(("n", "mark", "shown"), [
    (8, "余", "8"), (99, "余", "99"), (523, "余", "500余"), (500, "余", "500"), (2025, "", "2025"),
    (2025, "余", "2000余"), (13480, "余", "13000余"), (1783, "多", "1700多"), (100, "余", "100"),
    (Decimal("17.5"), "余", "17.5"), (17.0, "", "17")])
def test_counts_are_rounded_down_only_when_asked_and_only_when_something_is_lost(n, mark, shown):
    assert wording.count(n, mark) == shown


@pytest.mark.parametrize(("yuan", "written"), [
    (Decimal("100000"), ("10", "万元")), (5000, ("0.5", "万元")), (Decimal("99200.00"), ("9.92", "万元")),
    (12345, ("1.23", "万元")), (200, ("200", "元")), (0, ("0", "元"))])
def test_money_is_written_in_wan_yuan_from_a_thousand_yuan_on(yuan, written):
    assert wording.money(yuan) == written


def test_rates_and_changes_read_as_reports_write_them():
    assert wording.percent(98.1) == "98.1%"
    assert wording.percent(100.0) == "100%"
    assert wording.change(120, 100) == "同比增长20%"
    assert wording.change(90, 120) == "同比下降25%"
    assert wording.change(7, 7) == "与上年持平"
    assert wording.change(7, 0) is None and wording.change(7, None) is None
