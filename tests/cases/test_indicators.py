"""The figures the annual reports quote, counted from hand-made cases of a year the demo leaves empty (2030):
seed 002's "查处行政处罚案件11起，其中普通程序8起、简易程序3起，没收违法所得0.5万元，罚款10万元" among them."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.cases import evaluation, services, steps
from fazhi.cases.choices import DecisionKind, ServiceMethod
from fazhi.core.models import Org
from fazhi.enforcement.choices import LenientKind
from fazhi.enforcement.models import LenientItem
from fazhi.indicators.registry import Period, match, value
from tests.enforcement.factories import make_entity

from .factories import UNIT, C, F, W, office, officer, open_case, pdf, reviewer, team, unit

pytestmark = pytest.mark.django_db
YEAR = Period.year(2030)


@pytest.fixture(autouse=True)
def in_2030():
    with steps.business_clock(dt.date(2030, 12, 31)):
        yield


def county():
    return Org.objects.get(code="990121.wjw")


def figure(code):
    return value(code, county(), YEAR)


def penalty(fine, confiscation=0, *, opened=dt.date(2030, 3, 4), publish=None, lenient_item=None):
    """An ordinary-procedure penalty, the party having waived their time, decided three days after opening."""
    case = open_case(on=opened)
    kinds = [W, F] + ([C] if confiscation else [])
    case = services.case_notify(case=case, penalty_kinds=kinds, fine=fine, confiscation=confiscation,
                                on=opened + dt.timedelta(days=1), actor=officer())
    case = services.case_waive(case=case, on=opened + dt.timedelta(days=1), actor=officer(), files=[pdf()])
    decided = opened + dt.timedelta(days=3)
    case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=kinds, fine=fine,
                                confiscation=confiscation, lenient_item=lenient_item, on=decided, actor=officer())
    if publish is not None:
        services.case_publish(case=case, on=decided + dt.timedelta(days=publish), actor=office())
    return case


def on_the_spot(fine, kind="organisation", on=dt.date(2030, 5, 6)):
    case = services.case_on_the_spot(org=unit(), officers=team(), cause="从业人员无健康证明", party_kind=kind,
                                     party_name="张某" if kind == "individual" else "某宾馆", penalty_kinds=[W, F],
                                     fine=fine, on=on, actor=officer())
    services.case_publish(case=case, on=on + dt.timedelta(days=1), actor=office())
    return case


def test_the_seed_002_figures_from_eight_ordinary_and_three_simple_cases():
    for n in range(7):
        penalty(12000, publish=1 if n < 6 else 20)  # six on time, one late
    penalty(11800, confiscation=5000)  # never published
    for fine, kind in ((200, "individual"), (1000, "organisation"), (3000, "organisation")):
        on_the_spot(fine, kind)
    penalty(9000, opened=dt.date(2029, 12, 30))  # opened the year before, decided in 2030
    assert figure("cases.penalties") == 12
    assert figure("cases.ordinary") == 9 and figure("cases.simple") == 3
    assert figure("cases.fines") == Decimal(100000 + 9000) and figure("cases.confiscation") == Decimal(5000)
    assert figure("cases.opened") == 11  # the case opened in 2029 counts in 2029
    assert value("cases.opened", county(), Period.year(2029)) == 1
    assert figure("cases.publicity_rate") == round(100 * 9 / 12, 1)


def test_the_year_before_is_not_counted_and_another_county_sees_none_of_it():
    penalty(12000)
    assert value("cases.penalties", county(), Period.year(2031)) == 0
    assert value("cases.penalties", Org.objects.get(code="990102.wjw"), YEAR) == 0
    assert value("cases.penalties", Org.objects.get(code="990100.wjw"), YEAR) == 0  # the city's own commission
    city = Org.objects.get(code="990100")  # the city's region: its counties' cases too
    assert value("cases.penalties", city, YEAR) == 1


def test_two_light_one_free_parties_and_no_penalty_decisions():
    first = LenientItem.objects.get(org__code="990121.wjw", kind=LenientKind.FIRST,
                                    violation__startswith="公共场所经营者")
    lighter = LenientItem.objects.get(org__code="990121.wjw", kind=LenientKind.LIGHTER)
    for _ in range(2):
        services.case_decide(case=open_case(on=dt.date(2030, 4, 1)), kind=DecisionKind.LENIENT, lenient_item=first,
                             on=dt.date(2030, 4, 3), actor=officer())
    services.case_decide(case=open_case(on=dt.date(2030, 4, 1)), kind=DecisionKind.UNPROVEN, on=dt.date(2030, 4, 3),
                         actor=officer())
    penalty(2000, lenient_item=lighter)  # a penalty lightened under the list counts as 两轻一免 too
    assert figure("cases.lenient_parties") == 3
    assert figure("cases.no_penalty") == 3


def test_two_light_one_free_parties_are_told_apart_by_entity_and_id_number_not_by_name():
    minor = LenientItem.objects.filter(org__code="990121.wjw", kind=LenientKind.MINOR).first()

    def lenient(**party):
        case = services.case_open(org=unit(), officers=team(), cause="x", actor=officer(), on=dt.date(2030, 4, 1),
                                  **party)
        services.case_decide(case=case, kind=DecisionKind.LENIENT, lenient_item=minor, on=dt.date(2030, 4, 3),
                             actor=officer())

    entity = make_entity(UNIT, "某某宾馆")
    lenient(entity=entity)
    lenient(entity=entity, party_name="某某宾馆（分店）")  # the same registered party, written another way
    lenient(party_kind="individual", party_name="张三", party_id_no="110101199001011234")
    lenient(party_kind="individual", party_name="张三", party_id_no="110101199202022345")  # namesakes
    lenient(party_kind="individual", party_name="张三", party_id_no="110101199303033456")
    assert figure("cases.lenient_parties") == 4


def test_hearings_reviews_and_collective_decisions():
    case = open_case(on=dt.date(2030, 3, 4), individual=True)
    case = services.case_notify(case=case, penalty_kinds=[W, F], fine=6000, on=dt.date(2030, 3, 5), actor=officer())
    case = services.case_request_hearing(case=case, on=dt.date(2030, 3, 6), actor=officer())
    case = services.case_notice_hearing(case=case, hearing_on=dt.date(2030, 3, 25), place="会议室",
                                        on=dt.date(2030, 3, 7), actor=officer())
    case = services.case_hold_hearing(case=case, presider="法制科", note="听证", on=dt.date(2030, 3, 25),
                                      actor=officer())
    for opinion, reasons, on in (("disagree", "补充证据", dt.date(2030, 3, 26)), ("agree", "", dt.date(2030, 3, 30))):
        review = services.case_submit_review(case=case, summary="拟罚款6000元", on=on, actor=officer())
        services.review_decide(review=review, opinion=opinion, reasons=reasons, on=on, actor=reviewer())
    services.case_discuss(case=case, attendees="局长", conclusion="同意", on=dt.date(2030, 3, 31), actor=office())
    services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=6000, on=dt.date(2030, 4, 1),
                         actor=officer())
    assert figure("cases.hearings") == 1
    assert figure("cases.legal_reviews") == 1  # two rounds, one case
    assert figure("cases.collective") == 1


def test_evaluation_figures():
    cases = []
    for n in range(4):
        case = penalty(500, opened=dt.date(2030, 3, 2 + n))
        case = services.case_serve(case=case, method=ServiceMethod.IN_PERSON, on=case.decided_on, actor=officer())
        case = services.case_execute(case=case, kind="paid", paid_amount=500, on=case.decided_on, actor=officer())
        cases.append(services.case_close(case=case, on=case.decided_on + dt.timedelta(days=1), actor=officer()))
    evaluation_round = evaluation.evaluation_round_create(org=county(), year=2030, name="评查", actor=office())
    items = list(evaluation_round.checklist.all())
    totals = {0: {}, 1: {4: 0}, 2: {4: 0, 5: 0, 8: 0}, 3: {}}
    for n, case in enumerate(cases):
        points = {i.pk: Decimal(totals[n].get(i.seq, i.max_points)) for i in items}
        remarks = {i.pk: "扣分" for i in items if i.seq in totals[n]}
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=case, points=points, remarks=remarks,
                                    is_typical=n == 0, actor=office())
    assert figure("cases.evaluated") == 4
    assert figure("cases.excellent") == 2  # 100 and 100; 85 passes; 67 fails
    assert figure("cases.pass_rate") == 75.0
    assert figure("cases.typical") == 1
    assert figure("cases.evaluation_rounds") == 1


@pytest.mark.parametrize(("phrase", "unit", "code"), [
    ("依法立案查处违法违规案件655起", "起", "cases.opened"),
    ("查处行政处罚案件11起", "起", "cases.penalties"),
    ("一般程序行政处罚45件", "件", "cases.ordinary"),
    ("简易程序3起", None, "cases.simple"),
    ("没收违法所得0.5万元", None, "cases.confiscation"),
    ("落实“两轻一免”84户", "户", "cases.lenient_parties"),
    ("通报优秀案卷5个", "个", "cases.excellent"),
    ("典型案例1个", "个", "cases.typical"),
    ("案卷合格率100%", "%", "cases.pass_rate"),
])
def test_the_reports_wording_finds_the_indicator(phrase, unit, code):
    assert match(phrase, unit=unit).code == code
