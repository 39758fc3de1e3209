"""Indicators of penalty cases, legal review and case-file evaluation: the figures the annual reports quote
("依法立案查处违法违规案件655起", "查处行政处罚案件11起，其中普通程序8起、简易程序3起，没收违法所得0.5万元，罚款
10万元", "落实“两轻一免”84户", "通报优秀案卷5个，典型案例1个", "案卷合格率100%"). Each is one aggregate
query. A case counts by its handling unit; a penalty counts in the period its decision is made; a
simple-procedure case is opened and decided on the spot, so it counts as opened when decided."""

from __future__ import annotations

from django.db.models import Case as Choose
from django.db.models import CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat

from fazhi.indicators.measures import count, share, total
from fazhi.indicators.registry import indicator, records_behind

from .choices import DecisionKind, EvaluationGrade, Procedure

AREA = "行政处罚"


def _cases(scope, **filters):
    from .models import Case

    return Case.objects.filter(scope.q(), **filters)


def _decided(scope, period, **filters):
    return _cases(scope, decided_on__range=(period.start, period.end), **filters)


def _penalties(scope, period, **filters):
    return _decided(scope, period, decision_kind=DecisionKind.PENALTY, **filters)


# A 两轻一免 decision, or a penalty lightened under an item of the commission's list.
LENIENT = Q(decision_kind=DecisionKind.LENIENT) | Q(lenient_item__isnull=False)


def _evaluations(scope, period):
    from .models import CaseEvaluation

    return CaseEvaluation.objects.filter(scope.q("case__org__path"), evaluated_at__range=period.datetime_range())


@indicator(code="cases.opened", name="立案数", unit="起", area=AREA,
           synonyms=("立案查处…案件", "依法立案", "立案…案件", "案件立案"),
           description="普通程序在期内立案的案件，加上期内当场处罚的简易程序案件")
def cases_opened(scope, period):
    # A simple-procedure case is opened on the day it is decided.
    opened = Choose(When(procedure=Procedure.ORDINARY, then=F("opened_on")), default=F("decided_on"))
    return count(_cases(scope).filter(_opened_in(period)).annotate(fz_opened=opened), date="fz_opened")


def _opened_in(period):
    span = (period.start, period.end)
    return (Q(procedure=Procedure.ORDINARY, opened_on__range=span)
            | Q(procedure=Procedure.SIMPLE, decided_on__range=span))


@indicator(code="cases.penalties", name="查处行政处罚案件数", unit="起", area=AREA,
           synonyms=("查处行政处罚案件", "行政处罚案件", "作出行政处罚决定", "办理行政处罚案件"),
           description="期内作出行政处罚决定的案件（普通程序和简易程序）")
def cases_penalties(scope, period):
    return count(_penalties(scope, period), date="decided_on")


@indicator(code="cases.ordinary", name="普通程序件数", unit="件", area=AREA,
           synonyms=("普通程序", "一般程序行政处罚", "一般程序"), description="期内按普通程序作出的行政处罚决定")
def cases_ordinary(scope, period):
    return count(_penalties(scope, period), filter=Q(procedure=Procedure.ORDINARY), date="decided_on")


@indicator(code="cases.simple", name="简易程序件数", unit="件", area=AREA, synonyms=("简易程序", "当场处罚"),
           description="期内当场作出的行政处罚决定")
def cases_simple(scope, period):
    return count(_penalties(scope, period), filter=Q(procedure=Procedure.SIMPLE), date="decided_on")


@indicator(code="cases.fines", name="罚款金额", unit="元", area=AREA, synonyms=("罚款", "处以罚款"),
           description="期内作出的行政处罚决定中的罚款合计")
def cases_fines(scope, period):
    return total(_penalties(scope, period), "fine_amount", date="decided_on")


@indicator(code="cases.confiscation", name="没收违法所得金额", unit="元", area=AREA,
           synonyms=("没收违法所得",), description="期内作出的行政处罚决定中没收的违法所得合计")
def cases_confiscation(scope, period):
    return total(_penalties(scope, period), "confiscation_amount", date="decided_on")


@indicator(code="cases.lenient_parties", name="两轻一免户数", unit="户", area=AREA,
           synonyms=("两轻一免", "首违不罚", "轻微免罚", "免罚轻罚", "包容审慎"),
           description="期内依两轻一免清单不予处罚或从轻、减轻处罚的当事人（同一当事人计一户）")
def cases_lenient_parties(scope, period):
    # One party is one registered entity, or one ID number; only a party with neither counts by its name.
    party = Choose(When(entity__isnull=False, then=Concat(Value("e"), Cast("entity_id", CharField()))),
                   When(~Q(party_id_no=""), then=Concat(Value("i"), F("party_id_no"))),
                   default=Concat(Value("n"), F("party_name")), output_field=CharField())
    return count(_decided(scope, period).filter(LENIENT).annotate(fz_party=party), distinct="fz_party",
                 date="decided_on")


@indicator(code="cases.no_penalty", name="不予行政处罚件数", unit="件", area=AREA,
           synonyms=("不予行政处罚", "不予处罚"),
           description="期内作出的不予行政处罚决定（两轻一免和违法事实不能成立）")
def cases_no_penalty(scope, period):
    return count(_decided(scope, period), filter=Q(decision_kind__in=[DecisionKind.LENIENT, DecisionKind.UNPROVEN]),
                 date="decided_on")


@indicator(code="cases.hearings", name="举行听证件数", unit="件", area=AREA, synonyms=("听证", "组织听证", "举行听证"),
           description="期内举行听证的行政处罚案件")
def cases_hearings(scope, period):
    return count(_cases(scope, hearing_held=True, hearing_on__range=(period.start, period.end)), date="hearing_on")


@indicator(code="cases.legal_reviews", name="重大执法决定法制审核件数", unit="件", area=AREA,
           synonyms=("法制审核", "重大执法决定…审核", "重大行政执法决定…审核"),
           description="期内审核员作出法制审核意见的案件（同一案件多轮审核计一件）")
def cases_legal_reviews(scope, period):
    return count(_reviews(scope, period), distinct="case", org="case__org", date="reviewed_at")


def _reviews(scope, period):
    """Legal reviews answered in the period."""
    from .models import LegalReview

    return LegalReview.objects.filter(scope.q("case__org__path"), reviewed_at__range=period.datetime_range()).exclude(
        opinion="")


@indicator(code="cases.collective", name="集体讨论决定件数", unit="件", area=AREA,
           synonyms=("集体讨论", "集体研究", "集体决定"), description="期内经负责人集体讨论作出决定的重大案件")
def cases_collective(scope, period):
    return count(_decided(scope, period), filter=Q(is_major=True, discussed_on__isnull=False), date="decided_on")


@indicator(code="cases.publicity_rate", name="行政处罚决定按时公示率", unit="%", area=AREA, is_rate=True,
           synonyms=("按时公示率", "公示率", "行政处罚…公示", "双公示"),
           description="期内作出的行政处罚决定中，在公示期限内公示的比例")
def cases_publicity_rate(scope, period):
    return share(_penalties(scope, period), Q(published_at__isnull=False, published_late=False))


@indicator(code="cases.evaluation_rounds", name="案卷评查次数", unit="次", area=AREA,
           synonyms=("开展…案卷评查", "组织…案卷评查", "案卷评查"), description="期内有评分的案卷评查（按组织单位）")
def cases_evaluation_rounds(scope, period):
    from .models import CaseEvaluation

    return count(CaseEvaluation.objects.filter(scope.q("round__org__path"),
                                               evaluated_at__range=period.datetime_range()),
                 distinct="round", org="round__org", date="evaluated_at")


@indicator(code="cases.evaluated", name="评查案卷数", unit="份", area=AREA, synonyms=("评查案卷", "案卷评查…份"),
           description="期内评查的案卷（按办案单位；同一案卷在不同评查中分别计）")
def cases_evaluated(scope, period):
    return count(_evaluations(scope, period), org="case__org", date="evaluated_at")


@indicator(code="cases.pass_rate", name="案卷合格率", unit="%", area=AREA, is_rate=True,
           synonyms=("案卷合格率", "评查合格率"), description="期内评查的案卷中优秀和合格的比例")
def cases_pass_rate(scope, period):
    return share(_evaluations(scope, period), Q(grade__in=[EvaluationGrade.EXCELLENT, EvaluationGrade.PASS]),
                 org="case__org")


@indicator(code="cases.excellent", name="优秀案卷数", unit="个", area=AREA, synonyms=("优秀案卷",),
           description="期内评为优秀的案卷")
def cases_excellent(scope, period):
    return count(_evaluations(scope, period), filter=Q(grade=EvaluationGrade.EXCELLENT), org="case__org",
                 date="evaluated_at")


@indicator(code="cases.typical", name="典型案例数", unit="个", area=AREA, synonyms=("典型案例",),
           description="期内评查中列为典型案例的案卷")
def cases_typical(scope, period):
    return count(_evaluations(scope, period), filter=Q(is_typical=True), org="case__org", date="evaluated_at")


# ---------------------------------------------------------------- the records behind each figure
def _evaluated_cases(**filters):
    def records(scope, period):
        from .models import Case

        return Case.objects.filter(pk__in=_evaluations(scope, period).filter(**filters).values("case"))

    return records


def _rounds(scope, period):
    from .models import CaseEvaluation, EvaluationRound

    scored = CaseEvaluation.objects.filter(scope.q("round__org__path"), evaluated_at__range=period.datetime_range())
    return EvaluationRound.objects.filter(pk__in=scored.values("round")).order_by("-pk")


def _ordered(records):
    return lambda scope, period: records(scope, period).order_by("-decided_on", "-pk")


_all_penalties = _ordered(_penalties)
records_behind({
    "cases.opened": lambda scope, period: _cases(scope).filter(_opened_in(period)).order_by("-opened_on", "-pk"),
    "cases.penalties": _all_penalties, "cases.fines": _all_penalties, "cases.confiscation": _all_penalties,
    "cases.publicity_rate": _all_penalties,
    "cases.ordinary": _ordered(lambda s, p: _penalties(s, p, procedure=Procedure.ORDINARY)),
    "cases.simple": _ordered(lambda s, p: _penalties(s, p, procedure=Procedure.SIMPLE)),
    "cases.lenient_parties": _ordered(lambda s, p: _decided(s, p).filter(LENIENT)),
    "cases.no_penalty": _ordered(lambda s, p: _decided(s, p, decision_kind__in=[DecisionKind.LENIENT,
                                                                                 DecisionKind.UNPROVEN])),
    "cases.hearings": lambda s, p: _cases(s, hearing_held=True, hearing_on__range=(p.start, p.end)),
    "cases.legal_reviews": lambda s, p: _cases(s).filter(pk__in=_reviews(s, p).values("case")),
    "cases.collective": _ordered(lambda s, p: _decided(s, p, is_major=True, discussed_on__isnull=False)),
    "cases.evaluation_rounds": lambda s, p: _rounds(s, p),
    "cases.evaluated": _evaluated_cases(), "cases.pass_rate": _evaluated_cases(),
    "cases.excellent": _evaluated_cases(grade=EvaluationGrade.EXCELLENT),
    "cases.typical": _evaluated_cases(is_typical=True),
})
