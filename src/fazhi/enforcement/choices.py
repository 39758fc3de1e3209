"""Vocabularies of the enforcement registers and inspections, each declared once with label and colour."""

from django.db import models


class OfficerStatus(models.TextChoices):
    # Holds a certificate and works as an officer.
    ACTIVE = "active", "在岗"
    # Certificate withheld (暂扣) pending review: may not inspect or handle cases.
    SUSPENDED = "suspended", "暂扣证件"
    # Certificate revoked or handed back (注销/收回).
    REVOKED = "revoked", "证件注销"
    # Moved to other work; kept for the record of past cases.
    LEFT = "left", "调离"


OFFICER_STATUS_COLOURS = {OfficerStatus.ACTIVE: "green", OfficerStatus.SUSPENDED: "orange",
                          OfficerStatus.REVOKED: "red", OfficerStatus.LEFT: "secondary"}


# How many days ahead an expiring certificate is flagged and its holder reminded. Office policy (enough
# time to sit the renewal), not a legal number, so it is kept here and not in the rules table.
CERTIFICATE_WARNING_DAYS = 30


class CertificateState(models.TextChoices):
    """Where a certificate stands by its dates (the officer's status is told apart)."""

    VALID = "valid", "有效"
    # Runs out within the warning window: time to renew.
    EXPIRING = "expiring", f"{CERTIFICATE_WARNING_DAYS}日内到期"
    EXPIRED = "expired", "已过期"


CERTIFICATE_STATE_COLOURS = {CertificateState.VALID: "green", CertificateState.EXPIRING: "orange",
                             CertificateState.EXPIRED: "red"}


class EntityCategory(models.TextChoices):
    """The 专业 of health supervision an entity falls under."""

    HOSPITAL = "hospital", "医疗机构"
    CLINIC = "clinic", "诊所、门诊部"
    PUBLIC_PLACE = "public_place", "公共场所"
    WATER = "water", "生活饮用水供水单位"
    SCHOOL = "school", "学校"
    DISINFECTION = "disinfection", "消毒产品生产企业"
    OCCUPATIONAL = "occupational", "职业健康（用人单位）"
    RADIATION = "radiation", "放射诊疗机构"
    BLOOD = "blood", "采供血机构"
    DISEASE_CONTROL = "disease_control", "传染病防治（疾控机构）"


class EntityStatus(models.TextChoices):
    OPEN = "open", "正常经营"
    # Closed for a while; a random pick finds nobody to inspect.
    SUSPENDED = "suspended", "停业"
    CLOSED = "closed", "注销、关闭"


ENTITY_STATUS_COLOURS = {EntityStatus.OPEN: "green", EntityStatus.SUSPENDED: "orange",
                         EntityStatus.CLOSED: "secondary"}


class CreditGrade(models.TextChoices):
    """信用分级: the grade sets how large a share of a grade the random draws inspect (rules table)."""

    A = "A", "A级（守信）"
    B = "B", "B级（基本守信）"
    C = "C", "C级（失信）"
    D = "D", "D级（严重失信）"


CREDIT_GRADE_COLOURS = {CreditGrade.A: "green", CreditGrade.B: "blue", CreditGrade.C: "orange",
                        CreditGrade.D: "red"}
# The rules-table code of each grade's yearly inspection ratio.
CREDIT_RATIO_RULES = {CreditGrade.A: "random-ratio-a", CreditGrade.B: "random-ratio-b",
                      CreditGrade.C: "random-ratio-c", CreditGrade.D: "random-ratio-d"}


class ConflictReason(models.TextChoices):
    """Why an officer must stand aside (回避) from an entity."""

    RELATIVE = "relative", "近亲属在该单位"
    FORMER = "former", "曾在该单位任职"
    INTEREST = "interest", "其他利害关系"


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", "日常监督检查"
    SPECIAL = "special", "专项检查"
    RANDOM = "random", "双随机抽查"
    COMPLAINT = "complaint", "投诉举报核查"
    RECHECK = "recheck", "复查"


class InspectionResult(models.TextChoices):
    COMPLIANT = "compliant", "未发现问题"
    # Problems found and an opinion (卫生监督意见书) given; correction expected.
    RECTIFY = "rectify", "责令整改"
    # A violation that goes on as a penalty case.
    CASE = "case", "立案查处"


INSPECTION_RESULT_COLOURS = {InspectionResult.COMPLIANT: "green", InspectionResult.RECTIFY: "orange",
                             InspectionResult.CASE: "red"}


class FollowUp(models.TextChoices):
    NONE = "none", "无需跟进"
    # A correction deadline is set and the recheck is still to come.
    PENDING = "pending", "待复查"
    DONE = "done", "已整改"
    # Handed on to a penalty case, which carries it from here.
    CASE = "case", "已转立案"


FOLLOW_UP_COLOURS = {FollowUp.NONE: "secondary", FollowUp.PENDING: "orange", FollowUp.DONE: "green",
                     FollowUp.CASE: "red"}


class PowerKind(models.TextChoices):
    """Kinds of enforcement power in the 权责清单 published beforehand."""

    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LICENCE = "licence", "行政许可"
    OTHER = "other", "其他行政权力"


class LenientKind(models.TextChoices):
    """The 两轻一免 list: what the law lets an agency forgo or lighten."""

    # Art 33 para 1, first sentence: minor, corrected in time, no harm — no penalty (mandatory).
    MINOR = "minor", "轻微违法不予处罚"
    # Art 33 para 1, second sentence: first violation, slight harm, corrected in time — may be exempted.
    FIRST = "first", "首次违法不予处罚"
    # Art 32: lighter or reduced penalty.
    LIGHTER = "lighter", "从轻减轻处罚"


class PointSubject(models.TextChoices):
    INSTITUTION = "institution", "医疗机构"
    PRACTITIONER = "practitioner", "医务人员"


# The categories whose entities are medical institutions: bad-practice points are given to them and to
# their practitioners only.
MEDICAL_CATEGORIES = (EntityCategory.HOSPITAL, EntityCategory.CLINIC, EntityCategory.RADIATION, EntityCategory.BLOOD)


class PointBand(models.TextChoices):
    """What a cycle's accumulated points lead to, lowest first; each band's threshold is a rules-table row."""

    KEY_SUPERVISION = "key", "重点监管"
    INTERVIEW = "interview", "约谈"
    SUSPEND = "suspend", "暂缓校验"


POINT_BAND_RULES = {PointBand.KEY_SUPERVISION: "points-key-supervision", PointBand.INTERVIEW: "points-interview",
                    PointBand.SUSPEND: "points-suspend"}
POINT_BAND_COLOURS = {PointBand.KEY_SUPERVISION: "yellow", PointBand.INTERVIEW: "orange", PointBand.SUSPEND: "red"}
