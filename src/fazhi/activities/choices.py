"""Vocabularies of the rule-of-law work ledgers: each declared once, with its label."""

from django.db import models


class StudyKind(models.TextChoices):
    CENTRAL_GROUP = "central_group", "党组（党委）理论学习中心组学法"
    PRE_MEETING = "pre_meeting", "会前学法"
    STAFF = "staff", "干部职工集体学法"
    LECTURE = "lecture", "法治讲座（律师、专家授课）"
    COURT = "court", "庭审旁听"


# Leadership study: what plans call 领导班子集中学法.
LEADERSHIP_STUDY = (StudyKind.CENTRAL_GROUP, StudyKind.PRE_MEETING)


class StudyForm(models.TextChoices):
    CONCENTRATED = "concentrated", "集中学习"
    SEMINAR = "seminar", "专题研讨"
    LECTURE = "lecture", "专题讲座"
    ONLINE = "online", "线上学习"
    SELF = "self", "自学交流"
    VISIT = "visit", "实地旁听"


class Audience(models.TextChoices):
    LEADERS = "leaders", "领导干部"
    STAFF = "staff", "机关干部"
    OFFICERS = "officers", "行政执法人员"
    REVIEWERS = "reviewers", "法制审核人员"
    APPROVERS = "approvers", "行政审批人员"
    MEDICAL = "medical", "医务人员"
    MANAGERS = "managers", "委属单位管理人员"
    MIXED = "mixed", "综合"


class Mode(models.TextChoices):
    OFFLINE = "offline", "线下"
    ONLINE = "online", "线上"
    BOTH = "both", "线上线下结合"


class ExamKind(models.TextChoices):
    LAW = "law", "学法用法考试（法律知识测试）"
    CERTIFICATE = "certificate", "行政执法资格考试"
    POST = "post", "岗位法律知识考试"


class PublicityKind(models.TextChoices):
    EVENT = "event", "普法宣传活动"
    CASE = "case", "以案释法"


class Channel(models.TextChoices):
    ONSITE = "onsite", "现场宣传"
    BOARD = "board", "展板"
    LED = "led", "LED屏"
    WECHAT = "wechat", "微信公众号"
    WEBSITE = "website", "门户网站"
    MEDIA = "media", "报刊广播电视"
    LECTURE = "lecture", "宣讲"
    VIDEO = "video", "短视频"


class MeetingKind(models.TextChoices):
    PARTY_GROUP = "party_group", "党组（党委）会"
    DIRECTORS = "directors", "主任（局长）办公会"
    SPECIAL = "special", "法治建设专题会"
    AFFAIRS = "affairs", "委（局）务会"


class AccountForm(models.TextChoices):
    WRITTEN = "written", "书面述法"
    MEETING = "meeting", "会议述法"
    SPECIAL = "special", "专题述法"


class AdviserKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    FIRM = "firm", "律师事务所"
    PUBLIC = "public", "公职律师"
    EXPERT = "expert", "法学专家"


class ServiceKind(models.TextChoices):
    CONSULT = "consult", "法律咨询"
    REVIEW = "review", "合法性审查"
    CONTRACT = "contract", "合同审查"
    LITIGATION = "litigation", "参与行政诉讼"
    RECONSIDERATION = "reconsideration", "参与行政复议"
    LECTURE = "lecture", "法治讲座"
    OTHER = "other", "其他"
