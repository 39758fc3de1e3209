"""Working days and legal due dates over the State Council's holiday schedules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import deadlines, services
from fazhi.core.deadlines import due, due_for
from fazhi.core.models import LegalTimeLimit, StatutoryHoliday

D = dt.date
pytestmark = pytest.mark.django_db


def test_spring_festival_holidays_are_not_working_days():
    # 2026 春节: 15–23 February off; 13 Feb (Fri) + 2 working days skips the whole holiday.
    assert due(D(2026, 2, 13), 2, "wd").date == D(2026, 2, 24)


def test_make_up_saturday_counts_as_a_working_day():
    # Saturday 14 February 2026 is a 调休 workday.
    assert due(D(2026, 2, 13), 1, "wd").date == D(2026, 2, 14)
    # Saturday 28 February 2026 too.
    assert due(D(2026, 2, 26), 2, "wd").date == D(2026, 2, 28)


def test_ordinary_weekends_are_skipped():
    # Friday 6 March 2026 + 1 working day = Monday 9 March.
    assert due(D(2026, 3, 6), 1, "wd").date == D(2026, 3, 9)


def test_working_days_across_the_new_year():
    # 31 Dec 2025 (1), 1–3 Jan 2026 off, Sunday 4 Jan is a make-up workday (2), Monday 5 Jan (3).
    result = due(D(2025, 12, 30), 3, "wd")
    assert result.date == D(2026, 1, 5)
    assert not result.provisional


def test_calendar_day_period_ending_on_a_holiday_moves_to_the_next_working_day():
    # 10 Feb + 7 days = 17 Feb, inside the Spring Festival holiday → 24 Feb.
    assert due(D(2026, 2, 10), 7, "cal").date == D(2026, 2, 24)
    # Holidays inside a calendar-day period are not deducted.
    assert due(D(2026, 2, 1), 30, "cal").date == D(2026, 3, 3)


def test_month_periods_clamp_to_the_month_end():
    assert due(D(2026, 8, 31), 6, "month").date == D(2027, 3, 1)  # 28 Feb 2027 is a Sunday
    assert deadlines.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_a_year_without_a_schedule_or_statutory_holidays_is_counted_monday_to_friday_and_marked_provisional():
    StatutoryHoliday.objects.all().delete()
    result = due(D(2026, 12, 20), 20, "wd")
    # 9 working days left in 2026, then 1 Jan 2027 (a Friday) counted as a workday.
    assert result.date == D(2027, 1, 15)
    assert result.provisional and result.provisional_years == (2027,)
    assert "2027年节假日安排尚未发布或录入，按周一至周五临时计算" in result.note()


def test_an_entered_schedule_replaces_the_provisional_count():
    services.holiday_schedule_import(year=2027, source="测试通知", actor=None,
                                     text="2027-01-01 放假 元旦\n2027-01-09 上班 元旦")
    result = due(D(2026, 12, 20), 20, "wd")
    assert not result.provisional
    # 1 Jan is now a holiday and Saturday 9 Jan a workday: the 20th working day is 15 Jan again.
    assert result.date == D(2027, 1, 15)
    assert due(D(2026, 12, 31), 1, "wd").date == D(2027, 1, 4)
    assert due(D(2027, 1, 8), 1, "wd").date == D(2027, 1, 9)


def test_an_entered_schedule_overrides_the_package_for_its_year():
    services.holiday_schedule_import(year=2026, source="更正", actor=None, text="2026-03-09 放假 测试")
    assert due(D(2026, 3, 6), 1, "wd").date == D(2026, 3, 10)
    # and the package's Spring Festival no longer applies to 2026
    assert due(D(2026, 2, 13), 1, "wd").date == D(2026, 2, 16)


def test_legal_time_limits_are_looked_up_by_code():
    # Licence decision: 20 working days from acceptance (行政许可法 第四十二条).
    limit = LegalTimeLimit.objects.get(code="licence-decision")
    assert (limit.number, limit.unit) == (20, "wd")
    assert due_for("licence-decision", D(2026, 9, 21)).date == D(2026, 10, 26)
    assert due_for("licence-decision", D(2026, 9, 21), with_extension=True).date == D(2026, 11, 9)


def test_an_administrators_correction_changes_every_due_date():
    LegalTimeLimit.objects.filter(code="penalty-decision").update(number=60)
    assert due_for("penalty-decision", D(2026, 3, 2)).date == D(2026, 5, 6)  # 1 May falls in the holiday


def test_annual_report_dates_are_fixed_dates_of_the_next_year():
    assert due_for("annual-report-filing", D(2025, 6, 30)).date == D(2026, 2, 28)
    assert due_for("annual-report-publication", D(2027, 1, 1)).date == D(2028, 3, 31)
    assert not due_for("annual-report-publication", D(2027, 1, 1)).provisional


def test_the_seeded_limits_cover_what_the_areas_need():
    codes = set(LegalTimeLimit.objects.values_list("code", flat=True))
    for needed in ["penalty-decision", "licence-decision", "penalty-publicity", "licence-publicity",
                   "petition-handling", "petition-notice", "reconsideration-decision", "mediation-people",
                   "normative-legality-review", "decision-public-comment", "annual-report-filing",
                   "annual-report-publication"]:
        assert needed in codes
    unconfirmed = LegalTimeLimit.objects.get(code="normative-legality-review")
    assert unconfirmed.status == "unconfirmed"


def test_schedule_lines_with_errors_are_all_reported_by_line_number():
    text = "2027-01-01 放假 元旦\n2027-02-30 放假 春节\n这不是日期\n2026-12-31 放假 元旦"
    with pytest.raises(ValidationError) as error:
        services.parse_schedule(text, 2027)
    messages = error.value.messages
    assert any(m.startswith("第2行") and "日期不存在" in m for m in messages)
    assert any(m.startswith("第3行") and "无法识别" in m for m in messages)
    assert any(m.startswith("第4行") and "不在2027年内" in m for m in messages)


def test_a_failed_import_keeps_the_previous_schedule():
    services.holiday_schedule_import(year=2027, source="第一次", actor=None, text="2027-01-01 放假 元旦")
    with pytest.raises(ValidationError):
        services.holiday_schedule_import(year=2027, source="第二次", actor=None, text="坏数据")
    assert due(D(2026, 12, 31), 1, "wd").date == D(2027, 1, 4)


def test_ranges_expand_to_every_day():
    rows = services.parse_schedule("2027-02-06~2027-02-12 放假 春节\n2027-02-14 上班 春节", 2027)
    assert len(rows) == 8
    assert rows[-1] == (D(2027, 2, 14), "workday", "春节")


def test_copying_the_package_year_gives_the_same_dates():
    before = due(D(2026, 9, 24), 5, "wd").date
    services.holiday_schedule_from_package(year=2026, actor=None)
    assert due(D(2026, 9, 24), 5, "wd").date == before == D(2026, 10, 9)
    with pytest.raises(ValidationError):
        services.holiday_schedule_from_package(year=2030, actor=None)


def test_limits_before_an_event_count_back():
    # Notice of a hearing at least 7 working days before it: hearing on Monday 12 October 2026.
    # Back: Sat 10 Oct (调休), 9, 8 Oct; 1–7 Oct off; 30, 29, 28 Sep; 25–27 Sep off; Thu 24 Sep.
    assert due_for("penalty-hearing-notice", D(2026, 10, 12)).date == D(2026, 9, 24)
    assert due_for("licence-renewal-apply", D(2026, 6, 30)).date == D(2026, 5, 31)
    assert LegalTimeLimit.objects.get(code="licence-renewal-apply").describe() == "事件前30自然日"
