"""Vocabularies of penalty cases, their steps, legal review and case-file evaluation."""

from django.db import models

# The law a case runs under, for the gates whose article has no number in the rules table (告知 before a
# decision, 法制审核, 集体讨论, 听证主持人); the periods and amounts are cited from their rules-table rows.
PENALTY_LAW = "《中华人民共和国行政处罚法》"


class Procedure(models.TextChoices):
    # 普通程序: 立案 → 调查取证 → 告知 (听证) → 法制审核 → 集体讨论 → 决定 → 送达 → 执行 → 结案.
    ORDINARY = "ordinary", "普通程序"
    # 简易程序 (当场处罚): a warning or a fine within the statutory ceiling, decided and served on the spot.
    SIMPLE = "simple", "简易程序"


class CaseStatus(models.TextChoices):
    # Opened (立案) and under investigation: evidence is gathered.
    INVESTIGATING = "investigating", "调查取证"
    # The party has been told of the intended penalty and their rights; their time to answer runs.
    NOTIFIED = "notified", "已告知"
    # The party asked for a hearing: it must be noticed and held before any decision.
    HEARING = "hearing", "听证"
    # Sent to legal review (法制审核) and waiting for the reviewer's opinion.
    REVIEWING = "reviewing", "法制审核"
    # A decision is made (or a penalty imposed on the spot); it must be served.
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    # The decision is carried out (fine paid, order obeyed) or handed to the court.
    EXECUTED = "executed", "已执行"
    CLOSED = "closed", "已结案"


CASE_STATUS_COLOURS = {
    CaseStatus.INVESTIGATING: "blue", CaseStatus.NOTIFIED: "blue", CaseStatus.HEARING: "orange",
    CaseStatus.REVIEWING: "yellow", CaseStatus.DECIDED: "orange", CaseStatus.SERVED: "blue",
    CaseStatus.EXECUTED: "blue", CaseStatus.CLOSED: "green",
}


class PartyKind(models.TextChoices):
    """Sets the on-the-spot fine ceiling and the amounts that call for a hearing or review."""

    INDIVIDUAL = "individual", "公民"
    ORGANISATION = "organisation", "法人或者其他组织"


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "监督检查发现"
    RANDOM = "random", "双随机抽查发现"
    COMPLAINT = "complaint", "投诉举报"
    REFERRAL = "referral", "上级交办、部门移送"
    OTHER = "other", "其他"


class PenaltyKind(models.TextChoices):
    """Kinds of administrative penalty a health agency may impose (行政处罚法 第九条)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_INCOME = "confiscate_income", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    DOWNGRADE = "downgrade", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT = "restrict", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE_DOWN = "close_down", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"


# What an on-the-spot decision may impose (第五十一条).
SIMPLE_PENALTIES = {PenaltyKind.WARNING, PenaltyKind.FINE}
# Penalties that give the party a right to a hearing whatever the amount (第六十三条), and that the
# agency's review list treats as major.
HEAVY_PENALTIES = {PenaltyKind.DOWNGRADE, PenaltyKind.REVOKE_LICENCE, PenaltyKind.RESTRICT,
                   PenaltyKind.SUSPEND_BUSINESS, PenaltyKind.CLOSE_DOWN, PenaltyKind.RESTRICT_PRACTICE}


class DecisionKind(models.TextChoices):
    """The four outcomes of 行政处罚法 第五十七条."""

    PENALTY = "penalty", "给予行政处罚"
    # Minor violation, or a first one with slight harm, corrected in time: cites the 两轻一免 list.
    LENIENT = "lenient", "不予行政处罚（两轻一免）"
    UNPROVEN = "unproven", "不予行政处罚（违法事实不能成立）"
    TRANSFER = "transfer", "移送司法机关"


class DocumentSeries(models.TextChoices):
    """The numbered documents a case ends in, each numbered in its own series per org and year."""

    PENALTY = "penalty", "行政处罚决定书"
    NO_PENALTY = "no_penalty", "不予行政处罚决定书"
    TRANSFER = "transfer", "案件移送书"
    ON_THE_SPOT = "on_the_spot", "当场行政处罚决定书"


# The word of each series in a document number: 示例县卫健罚〔2026〕8号.
SERIES_WORDS = {DocumentSeries.PENALTY: "罚", DocumentSeries.NO_PENALTY: "不罚", DocumentSeries.TRANSFER: "移",
                DocumentSeries.ON_THE_SPOT: "当罚"}
# The word of a case number (立案): 示例县卫健立〔2026〕15号. A simple-procedure case has no 立案; its number
# is its on-the-spot decision's.
OPEN_WORD = "立"
# Penalties that are carried out the moment the decision is served: nothing left to execute.
SELF_EXECUTING = {PenaltyKind.WARNING, PenaltyKind.CRITICISM}


class ServiceMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    NOTICE = "notice", "公告送达"
    ON_THE_SPOT = "on_the_spot", "当场交付"


class ExecutionKind(models.TextChoices):
    PAID = "paid", "按期缴纳罚没款"
    INSTALMENTS = "instalments", "分期或延期缴纳"
    COMPLIED = "complied", "自觉履行"
    COURT = "court", "申请人民法院强制执行"


class ReviewOpinion(models.TextChoices):
    AGREE = "agree", "同意"
    AGREE_MODIFIED = "agree_modified", "修改后同意"
    DISAGREE = "disagree", "不同意"


REVIEW_OPINION_COLOURS = {ReviewOpinion.AGREE: "green", ReviewOpinion.AGREE_MODIFIED: "yellow",
                          ReviewOpinion.DISAGREE: "red"}
PASSING_OPINIONS = {ReviewOpinion.AGREE, ReviewOpinion.AGREE_MODIFIED}


class StepKind(models.TextChoices):
    """Entries of the whole-process record (全过程记录), in the order a case usually makes them."""

    OPEN = "open", "立案"
    EVIDENCE = "evidence", "调查取证"
    NOTIFY = "notify", "行政处罚事先告知"
    STATEMENT = "statement", "陈述申辩"
    WAIVER = "waiver", "放弃陈述申辩和听证"
    HEARING_REQUEST = "hearing_request", "申请听证"
    HEARING_NOTICE = "hearing_notice", "听证通知"
    HEARING = "hearing", "举行听证"
    REVIEW_SUBMIT = "review_submit", "提交法制审核"
    REVIEW = "review", "法制审核意见"
    DISCUSSION = "discussion", "集体讨论"
    EXTEND = "extend", "延长办案期限"
    DECIDE = "decide", "作出决定"
    ON_THE_SPOT = "on_the_spot", "当场处罚"
    SERVE = "serve", "送达"
    EXECUTE = "execute", "执行"
    CLOSE = "close", "结案"
    PUBLISH = "publish", "公示"
    WITHDRAW = "withdraw", "撤回公示"
    NOTE = "note", "补充记录"


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


EVALUATION_GRADE_COLOURS = {EvaluationGrade.EXCELLENT: "green", EvaluationGrade.PASS: "blue",
                            EvaluationGrade.FAIL: "red"}
