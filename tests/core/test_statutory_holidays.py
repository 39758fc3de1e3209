"""The holidays the law fixes, counted in a year before its State Council notice is entered or shipped.

The suite's holiday package ends with 2026 (tests/conftest.py), so 2027 has only the statutory days of
《全国年节及纪念日放假办法》第二条: its due dates skip them and stay provisional until the notice.
"""

import datetime as dt

import chinese_calendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core import deadlines, services
from fazhi.core.deadlines import WorkCalendar, due
from fazhi.core.models import StatutoryHoliday

from ..conftest import login

D = dt.date
pytestmark = pytest.mark.django_db

# 2027 from the lunar calendar: 除夕 5 February (春节 6 February), 清明 5 April, 端午 9 June, 中秋 15 September.
STATUTORY_2027 = {
    D(2027, 1, 1): "元旦",
    D(2027, 2, 5): "春节", D(2027, 2, 6): "春节", D(2027, 2, 7): "春节", D(2027, 2, 8): "春节",
    D(2027, 4, 5): "清明节",
    D(2027, 5, 1): "劳动节", D(2027, 5, 2): "劳动节",
    D(2027, 6, 9): "端午节",
    D(2027, 9, 15): "中秋节",
    D(2027, 10, 1): "国庆节", D(2027, 10, 2): "国庆节", D(2027, 10, 3): "国庆节",
}


def test_the_rules_carry_their_legal_basis():
    rows = {h.name: h for h in StatutoryHoliday.objects.all()}
    assert sorted(rows) == sorted(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"])
    assert sum(h.days for h in rows.values()) == 13
    for holiday in rows.values():
        assert holiday.legal_basis.startswith("全国年节及纪念日放假办法")
        assert "国务院令第795号" in holiday.legal_basis and holiday.article == "第二条"
        assert holiday.valid_from == D(2025, 1, 1)
    assert str(rows["春节"]) == "春节（农历1月1日前1日起放假4天）"
    assert str(rows["清明节"]) == "清明节（清明当日起放假1天）"


def test_2027_statutory_days_fall_on_the_years_lunar_and_solar_term_dates():
    assert WorkCalendar().statutory_days(2027) == STATUTORY_2027
    assert WorkCalendar().source(2027) == "statutory"


def test_the_statutory_days_are_holidays_in_every_notice_since_the_amendment():
    # The 2025 and 2026 notices (shipped by the package) rest on each of the 13 days the rules give.
    for year in (2025, 2026):
        days = WorkCalendar().statutory_days(year)
        assert len(days) == 13
        assert all(chinese_calendar.is_holiday(day) for day in days), year
    assert D(2025, 1, 28) in WorkCalendar().statutory_days(2025)  # 除夕 of a year whose 腊月 has 29 days


def test_the_qingming_term_agrees_with_the_holiday_packages_own_table():
    for year in range(2025, 2041):
        terms = dict((name, day) for day, name in chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 10)))
        assert deadlines.solar_term_day(year, "清明") == terms["清明"], year


def test_a_2027_period_across_new_years_day_skips_it_and_stays_provisional():
    result = due(D(2026, 12, 20), 20, "wd")
    # 9 working days left in 2026; Friday 1 January 2027 is 元旦, so the 20th working day is Monday 18th.
    assert result.date == D(2027, 1, 18)
    assert result.provisional and result.provisional_years == (2027,)
    assert "2027年节假日安排尚未发布或录入，已计入法定节假日，连休和调休上班日尚未公布" in result.note()


def test_a_2027_period_across_the_spring_festival_skips_its_lunar_dates():
    # Thursday 4 February 2027 + 2 working days: 5–8 February (除夕 to 正月初三) are rest days,
    # Saturday 6 and Sunday 7 too, so Tuesday 9 and Wednesday 10 are the 1st and 2nd.
    result = due(D(2027, 2, 4), 2, "wd")
    assert result.date == D(2027, 2, 10)
    assert result.provisional
    cal = WorkCalendar()
    assert [d for d in (D(2027, 2, 5) + dt.timedelta(days=i) for i in range(4)) if cal.is_workday(d)] == []
    # A calendar-day period ending on 除夕 moves to the first working day after the festival.
    assert due(D(2027, 1, 29), 7, "cal").date == D(2027, 2, 9)


def test_an_entered_2027_schedule_wins_over_the_statutory_days():
    services.holiday_schedule_import(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知", actor=None,
                                     text="2027-02-05~2027-02-11 放假 春节\n2027-02-20 上班 春节")
    cal = WorkCalendar()
    assert cal.source(2027) == "entered"
    result = due(D(2027, 2, 4), 2, "wd")
    # Now 9–11 February rest too and Saturday 20th is worked; 1 January, absent from this schedule, is a
    # working day as entered.
    assert result.date == D(2027, 2, 15) and not result.provisional
    assert cal.is_workday(D(2027, 1, 1)) and cal.is_workday(D(2027, 2, 20))


def test_a_corrected_rule_moves_the_dates_it_gives():
    StatutoryHoliday.objects.filter(name="劳动节").update(days=3)
    assert WorkCalendar().statutory_days(2027)[D(2027, 5, 3)] == "劳动节"


def test_the_calendar_page_shows_2027_as_counted_on_the_statutory_days(county_admin):
    page = login(county_admin.username).get("/calendar/?year=2027").content.decode()
    assert "法定节假日（调休待公布）" in page
    assert "按周一至周五临时计算" not in page
    assert "2027年的节假日安排尚未录入" in page
    for day in ("2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15"):
        assert day in page
    # 261 weekdays in 2027 less the 7 statutory days that fall on one (1 Jan, 5 and 8 Feb, 5 Apr, 9 Jun,
    # 15 Sep, 1 Oct).
    assert "全年工作日 254 天" in page and "（临时）" in page


def test_the_dashboard_says_next_year_counts_the_statutory_days(county_leader):
    page = login(county_leader.username).get("/?year=2026").content.decode()
    assert "跨入2027年的期限暂按法定节假日计算（连休和调休待公布）" in page


def test_the_holidays_command_names_what_2027_is_counted_on_without_a_file():
    with pytest.raises(CommandError, match="节假日数据包不含2027年的安排（现为：法定节假日（调休待公布））"):
        call_command("import_holidays", 2027)
