"""Status and kind vocabularies of the spine: each declared once, with label and colour."""

from django.db import models


class OrgKind(models.TextChoices):
    REGION = "region", "行政区域"
    COMMISSION = "commission", "卫生健康行政部门"
    DEPARTMENT = "department", "内设科室"
    UNIT = "unit", "委属单位"


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县（区）"


class RoleCode(models.TextChoices):
    SYSADMIN = "sysadmin", "系统管理员"
    LEGAL_ADMIN = "legal_admin", "法治工作管理员"
    REPORTER = "reporter", "填报员"
    OFFICER = "officer", "执法人员"
    REVIEWER = "reviewer", "审核员/法律顾问"
    LEADER = "leader", "领导"


class Action(models.TextChoices):
    VIEW = "view", "查看"
    CHANGE = "change", "新增/修改/删除"
    RESTORE = "restore", "恢复已删除记录"


class TimeUnit(models.TextChoices):
    CALENDAR_DAY = "cal", "自然日"
    WORKING_DAY = "wd", "工作日"
    MONTH = "month", "个月"
    YEAR = "year", "年"
    NEXT_YEAR_DATE = "next_year_date", "次年固定日期前"


class ThresholdUnit(models.TextChoices):
    """Units of the legal numbers that are not periods: fine ceilings, minimum headcounts, ratios, points."""

    YUAN = "yuan", "元"
    PERSONS = "persons", "人"
    PERCENT = "percent", "%"
    POINTS = "points", "分"


RULE_UNITS = TimeUnit.choices + ThresholdUnit.choices


class RuleStatus(models.TextChoices):
    # Confirmed: the rule text was seen in a reliable copy of the law.
    CONFIRMED = "confirmed", "已核实"
    # Number seen, but article or version not tied to it.
    PARTIAL = "partial", "部分核实"
    # Given from general knowledge; an administrator must check it before relying on it.
    UNCONFIRMED = "unconfirmed", "待核实"


RULE_STATUS_COLOURS = {
    RuleStatus.CONFIRMED: "green",
    RuleStatus.PARTIAL: "yellow",
    RuleStatus.UNCONFIRMED: "red",
}


class HolidayCalendar(models.TextChoices):
    """Which calendar fixes a statutory holiday's date."""

    SOLAR = "solar", "公历"
    LUNAR = "lunar", "农历"
    SOLAR_TERM = "term", "节气"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class Integrity(models.TextChoices):
    UNCHECKED = "unchecked", "未校验"
    OK = "ok", "完好"
    # Stored bytes no longer hash to the recorded sha256: tampered or corrupted.
    MISMATCH = "mismatch", "内容与哈希不符"
    MISSING = "missing", "文件缺失"


INTEGRITY_COLOURS = {
    Integrity.UNCHECKED: "secondary",
    Integrity.OK: "green",
    Integrity.MISMATCH: "red",
    Integrity.MISSING: "red",
}


# The Tabler colours the badges use, for charts that must match them.
TABLER_HEX = {"secondary": "#9aa0ac", "blue": "#206bc4", "green": "#2fb344", "orange": "#f76707", "red": "#d63939",
              "yellow": "#f59f00"}


class NotificationLevel(models.TextChoices):
    INFO = "info", "提示"
    WARNING = "warning", "预警"
    DANGER = "danger", "逾期"


NOTIFICATION_COLOURS = {NotificationLevel.INFO: "blue", NotificationLevel.WARNING: "orange",
                        NotificationLevel.DANGER: "red"}
