from django.db import models


class Part(models.TextChoices):
    """The parts a 法治政府建设年度报告 is written in, in their order."""

    INTRO = "intro", "开头"
    MEASURES = "measures", "主要举措和成效"
    SHORTCOMINGS = "shortcomings", "存在的不足和原因"
    DUTY = "duty", "党政主要负责人履行推进法治建设第一责任人职责情况"
    NEXT_YEAR = "next_year", "下一年度主要安排"
    OTHER = "other", "其他需要报告的情况"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    SIGNED = "signed", "已签发"
    PUBLISHED = "published", "已公开"


class Coverage(models.TextChoices):
    OWN = "own", "本机关"
    REGION = "region", "本级及所辖县（市、区）"


class Approximate(models.TextChoices):
    EXACT = "", "准确数字"
    YU = "余", "约数（500余）"
    DUO = "多", "约数（500多）"
