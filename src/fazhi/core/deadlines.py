"""Working days and legal due dates: the only place in Fazhi that counts days.

Which days are working days comes, per year, from the first source that knows the year:
1. a schedule an administrator entered or imported (HolidayYear + CalendarDay);
2. the `chinese_calendar` package (the State Council's notices it ships, 2004 to its last year);
3. the statutory holidays the law fixes (StatutoryHoliday rows: 元旦, 春节 from 除夕, 清明, 劳动节, 端午,
   中秋, 国庆), placed on the year's lunar and solar-term dates; the notice's bridging days and 调休
   workdays are not known yet, so every date computed across such a year is marked provisional;
4. otherwise (a year before the rows are in force) Monday–Friday, marked provisional too.

Counting follows the Civil Procedure Law's rules that administrative law borrows: the start
day is not counted; a calendar-day period whose last day is a rest day ends on the next
working day; a working-day period counts working days only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field

import chinese_calendar
from lunar_python import Lunar

from .choices import DayKind, HolidayCalendar, TimeUnit

# The longest period the calculators accept: ten years of days.
MAX_PERIOD = 3650


@dataclass(frozen=True)
class Due:
    date: dt.date
    # Years in the span whose holiday schedule is unknown: counted Monday–Friday, or with only the
    # statutory holidays for those also in `statutory_years`.
    provisional_years: tuple[int, ...] = ()
    statutory_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    def note(self) -> str:
        if not self.provisional:
            return ""
        statutory = [y for y in self.provisional_years if y in self.statutory_years]
        plain = [y for y in self.provisional_years if y not in self.statutory_years]
        parts = []
        if statutory:
            parts.append(f"{_years(statutory)}年节假日安排尚未发布或录入，已计入法定节假日，连休和调休上班日尚未公布，"
                         "临时计算")
        if plain:
            parts.append(f"{_years(plain)}年节假日安排尚未发布或录入，按周一至周五临时计算")
        return "；".join(parts) + "，安排公布后请复核"


def _years(years) -> str:
    return "、".join(str(y) for y in years)


@dataclass
class WorkCalendar:
    """Working-day knowledge for any span of years, loaded in one query and reused."""

    _overrides: dict[dt.date, str] = field(default_factory=dict)
    _entered_years: set[int] = field(default_factory=set)
    _loaded_years: set[int] = field(default_factory=set)
    _workdays: dict[dt.date, bool] = field(default_factory=dict)
    _statutory_rules: list | None = None
    _statutory_days: dict[int, dict[dt.date, str]] = field(default_factory=dict)

    def _load(self, year: int) -> None:
        if year in self._loaded_years:
            return
        from .models import CalendarDay, HolidayYear

        years = set(range(year - 1, year + 3)) - self._loaded_years
        self._entered_years |= set(HolidayYear.objects.filter(year__in=years).values_list("year", flat=True))
        for day, kind in CalendarDay.objects.filter(date__year__in=years).values_list("date", "kind"):
            self._overrides[day] = kind
        self._loaded_years |= years

    def source(self, year: int) -> str:
        """'entered', 'package', 'statutory' or 'provisional' for a year (see SOURCE_LABELS)."""
        self._load(year)
        if year in self._entered_years:
            return "entered"
        if package_knows(year):
            return "package"
        if self.statutory_days(year):
            return "statutory"
        return "provisional"

    def is_provisional(self, year: int) -> bool:
        """Whether dates across `year` must be checked again once its notice is out."""
        return self.source(year) in PROVISIONAL_SOURCES

    def statutory_days(self, year: int) -> dict[dt.date, str]:
        """The statutory holidays in force in `year`, date → name; read from the rules table once."""
        if year not in self._statutory_days:
            if self._statutory_rules is None:
                from .models import StatutoryHoliday

                self._statutory_rules = list(StatutoryHoliday.objects.all())
            self._statutory_days[year] = {
                day: rule.name for rule in self._statutory_rules if rule.valid_from.year <= year
                for day in statutory_dates(rule, year)}
        return self._statutory_days[year]

    def is_workday(self, day: dt.date) -> bool:
        known = self._workdays.get(day)
        if known is None:
            known = self._workdays[day] = self._is_workday(day)
        return known

    def _is_workday(self, day: dt.date) -> bool:
        src = self.source(day.year)
        if src == "entered":
            kind = self._overrides.get(day)
            if kind is not None:
                return kind == DayKind.WORKDAY
            return day.weekday() < 5
        if src == "package":
            return chinese_calendar.is_workday(day)
        if src == "statutory" and day in self.statutory_days(day.year):
            return False
        return day.weekday() < 5

    def next_workday(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def due(self, start: dt.date, number: int, unit: str, *, month: int | None = None,
            day: int | None = None, back: bool = False, suspended=()) -> Due:
        """The due date; `suspended` are (first, last) day spans the law does not count (a hearing, testing or
        expert review, waiting for 补正): the days in them are skipped, so the due date moves out by them."""
        if back:
            return self._due_before(start, number, unit)
        stopped = _days_in(suspended)
        if unit == TimeUnit.WORKING_DAY:
            end, left = start, number
            while left > 0:
                end += dt.timedelta(days=1)
                if self.is_workday(end) and end not in stopped:
                    left -= 1
        elif unit == TimeUnit.CALENDAR_DAY:
            end, left = start, number
            while left > 0:
                end += dt.timedelta(days=1)
                left -= end not in stopped
            end = self.next_workday(end) if number else start
        elif unit in (TimeUnit.MONTH, TimeUnit.YEAR):
            end = add_months(start, number * (12 if unit == TimeUnit.YEAR else 1))
            # A period in months runs on by the suspended days that fall inside it.
            extra = sum(1 for d in stopped if start < d <= end)
            while extra:
                end += dt.timedelta(days=1)
                extra -= end not in stopped
            end = self.next_workday(end)
        elif unit == TimeUnit.NEXT_YEAR_DATE:
            # "次年3月1日前": the last allowed day is the day before the fixed date.
            end = dt.date(start.year + 1, month, day) - dt.timedelta(days=1)
        else:
            raise ValueError(f"unknown time unit {unit!r}")
        counted_days = unit != TimeUnit.NEXT_YEAR_DATE
        return self._result(end, range(start.year, end.year + 1) if counted_days else ())

    def on_time(self, start: dt.date, done: dt.date, number: int, unit: str, *, suspended=()) -> bool:
        """Whether work started on `start` and finished on `done` kept within `number` `unit`s, the suspended
        spans not counted."""
        return done <= self.due(start, number, unit, suspended=suspended).date

    def _due_before(self, event: dt.date, number: int, unit: str) -> Due:
        """The latest day that is still `number` `unit`s before `event` (notice before a hearing)."""
        if unit == TimeUnit.WORKING_DAY:
            end, left = event, number
            while left > 0:
                end -= dt.timedelta(days=1)
                if self.is_workday(end):
                    left -= 1
        elif unit == TimeUnit.CALENDAR_DAY:
            end = event - dt.timedelta(days=number)
        elif unit in (TimeUnit.MONTH, TimeUnit.YEAR):
            end = add_months(event, -number * (12 if unit == TimeUnit.YEAR else 1))
        else:
            raise ValueError(f"time unit {unit!r} cannot be counted back")
        return self._result(end, range(end.year, event.year + 1))

    def _result(self, end: dt.date, years) -> Due:
        provisional = tuple(y for y in years if self.is_provisional(y))
        return Due(end, provisional, tuple(y for y in provisional if self.source(y) == "statutory"))


# How each source of a year's working days is named where the year is shown.
SOURCE_LABELS = {
    "entered": "管理员录入",
    "package": "国务院办公厅通知（内置数据）",
    "statutory": "法定节假日（调休待公布）",
    "provisional": "尚未发布或录入：按周一至周五临时计算",
}
PROVISIONAL_SOURCES = {"statutory", "provisional"}


def statutory_dates(rule, year: int) -> list[dt.date]:
    """The rest days a StatutoryHoliday row gives in `year`: its first day is the row's date in the
    solar calendar, the lunar calendar (lunar year `year`, whose festivals all fall in that solar year)
    or the solar term's day, less `starts_before` days (春节 starts on 除夕)."""
    if rule.calendar == HolidayCalendar.SOLAR:
        first = dt.date(year, rule.month, rule.day)
    elif rule.calendar == HolidayCalendar.LUNAR:
        solar = Lunar.fromYmd(year, rule.month, rule.day).getSolar()
        first = dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    else:
        first = solar_term_day(year, rule.term)
    first -= dt.timedelta(days=rule.starts_before)
    return [first + dt.timedelta(days=i) for i in range(rule.days)]


def solar_term_day(year: int, term: str) -> dt.date:
    """The day (Beijing time) of a solar term such as 清明 in a solar year."""
    # The table of lunar year `year` runs from the winter solstice before it into the next year;
    # 清明 to 大雪 are always within solar year `year`.
    solar = Lunar.fromYmd(year, 6, 1).getJieQiTable()[term]
    if solar.getYear() != year:
        raise ValueError(f"{term} of {year} is outside the lunar year's table")
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@functools.cache
def package_years() -> range:
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def package_knows(year: int) -> bool:
    return year in package_years()


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _days_in(spans) -> set[dt.date]:
    days = set()
    for first, last in spans:
        if last < first:
            raise ValueError(f"中止期间的结束日{last}早于开始日{first}")
        if (last - first).days > MAX_PERIOD:
            raise ValueError("中止期间过长")
        days.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return days


def due(start: dt.date, number: int, unit: str) -> Due:
    """Due date of a period of `number` `unit`s starting on `start`."""
    return WorkCalendar().due(start, number, unit)


def due_for(code: str, start: dt.date, *, with_extension: bool = False, cal: WorkCalendar | None = None,
            limit=None, suspended=()) -> Due:
    """Due date of the legal time limit `code` (see LegalTimeLimit) counted from `start`. A caller that
    counts many dates passes the row it has read (`limit`) and one `cal`."""
    from .models import LegalTimeLimit

    if limit is None or limit.code != code:
        limit = LegalTimeLimit.objects.get(code=code)
    if limit.is_threshold:
        raise ValueError(f"{code} is a threshold, not a time limit")
    number = (limit.number or 0) + (limit.extension or 0 if with_extension else 0)
    return (cal or WorkCalendar()).due(start, number, limit.unit, month=limit.fixed_month, day=limit.fixed_day,
                                       back=limit.counts_back, suspended=suspended)


def package_schedule(year: int) -> list[tuple[dt.date, str, str]]:
    """The package's holidays and 调休 workdays of a year, as (date, kind, name) rows."""
    rows = []
    for day, name in sorted(chinese_calendar.holidays.items()):
        if day.year == year:
            rows.append((day, DayKind.HOLIDAY, HOLIDAY_NAMES.get(name, name)))
    for day, name in sorted(chinese_calendar.workdays.items()):
        if day.year == year and day.weekday() >= 5:
            rows.append((day, DayKind.WORKDAY, HOLIDAY_NAMES.get(name, name)))
    return sorted(rows, key=lambda r: r[0])
