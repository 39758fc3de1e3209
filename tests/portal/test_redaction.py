"""What the public may see of a case: each rule of personal-data redaction with Chinese examples."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from fazhi.cases.choices import DecisionKind, PartyKind, PenaltyKind
from fazhi.cases.texts import yuan
from fazhi.portal.redaction import mask_numbers, mask_text, party_name, person_name, public_decision

from .factories import make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "shown"), [
    ("张三", "张某"),
    ("王小明", "王某"),
    ("欧阳娜娜", "欧阳某"),
    ("司马光", "司马某"),
    ("上官婉儿", "上官某"),
    ("诸葛明亮", "诸葛某"),
    ("东方红", "东方某"),
    (" 李某某 ", "李某"),
    ("阿依古丽·买买提", "阿某"),
    ("", "某"),
    ("John Smith", "某"),
])
def test_a_natural_person_shows_as_surname_and_mou(name, shown):
    assert person_name(name) == shown
    assert party_name(name, PartyKind.INDIVIDUAL) == shown


def test_a_two_character_name_beginning_like_a_compound_surname_keeps_one_character():
    # "欧阳" alone is a surname with nothing after it; the rule never swallows the whole name.
    assert person_name("欧阳") == "欧某"


def test_an_organisation_shows_in_full():
    name = "示例县城关镇人民路大酒店有限公司"
    assert party_name(name, PartyKind.ORGANISATION) == name


@pytest.mark.parametrize(("text", "masked"), [
    ("身份证号110101199003071234。", "身份证号******************。"),
    ("身份证号：11010119900307123X", "身份证号：******************"),
    ("旧身份证号110101900307123", "旧身份证号***************"),
    ("联系电话13812345678", "联系电话***********"),
    ("手机：+86 138-1234-5678", "手机：+** ***-****-****"),
    ("手机 138 1234 5678。", "手机 *** **** ****。"),
    ("座机0371-65432100", "座机****-********"),
    ("银行卡号6222020200112233445", "银行卡号*******************"),
])
def test_id_card_bank_and_phone_numbers_in_free_text_are_masked(text, masked):
    assert mask_numbers(text) == masked


@pytest.mark.parametrize("text", [
    "罚款人民币5000元，没收违法所得1250.50元",
    "于2026年11月22日检查",
    "示例县卫健罚〔2026〕8号",
    "统一社会信用代码91990121MA1234ABCD",
    "《公共场所卫生管理条例实施细则》第三十五条第一款",
    "检查日期2026-11-22",
])
def test_amounts_dates_document_numbers_and_credit_codes_are_left_alone(text):
    assert mask_numbers(text) == text


def test_the_persons_full_name_and_address_are_hidden_in_free_text():
    text = "当事人张三在示例县城关镇人民路18号开设诊所，张三承认未取得许可。"
    assert mask_text(text, names=[("张三", "张某")], addresses=["示例县城关镇人民路18号"]) == (
        "当事人张某在***开设诊所，张某承认未取得许可。")


def test_a_published_individual_case_shows_nothing_personal(county):
    case = make_case(
        "990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
        party_kind=PartyKind.INDIVIDUAL, party_name="欧阳明华", party_id_no="11010119900307123X",
        party_address="示例县东关镇解放路6号", cause="欧阳明华未取得医师执业证书从事诊疗活动",
        facts="经查，欧阳明华（身份证号11010119900307123X，电话13912345678）在示例县东关镇解放路6号行医。",
        legal_basis="《中华人民共和国医师法》第五十九条",
        penalty_kinds=[PenaltyKind.FINE, PenaltyKind.CONFISCATE_INCOME],
        fine_amount=Decimal("30000"), confiscation_amount=Decimal("1250.50"))
    shown = public_decision(case)
    assert shown.party == "欧阳某"
    assert shown.cause == "欧阳某未取得医师执业证书从事诊疗活动"
    assert shown.facts == "经查，欧阳某（身份证号******************，电话***********）在***行医。"
    assert shown.penalty == "罚款30,000元、没收违法所得1,250.50元"
    published = " ".join(str(value) for value in dataclasses.asdict(shown).values())
    for personal in ("欧阳明华", "11010119900307123X", "13912345678", "解放路6号"):
        assert personal not in published


def test_an_organisations_decision_keeps_its_name_and_address_in_the_facts(county):
    case = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                     facts="当事人在示例县城关镇人民路18号经营住宿业。")
    shown = public_decision(case)
    assert shown.party == "示例县城关镇人民路大酒店有限公司"
    assert shown.facts == "当事人在示例县城关镇人民路18号经营住宿业。"
    assert "91990121MA1234ABCD" not in str(dataclasses.asdict(shown))
    assert shown.penalty == "警告、罚款5,000元"


def test_a_person_named_by_the_business_they_run_shows_as_that_business(county):
    from fazhi.enforcement.choices import EntityCategory
    from tests.enforcement.factories import make_entity

    clinic = make_entity("990121.wjw.wsjds", "示例县城关镇赵氏中医诊所", category=EntityCategory.CLINIC,
                         is_individual=True)
    as_business = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                            party_kind=PartyKind.INDIVIDUAL, party_name=clinic.name, entity=clinic,
                            facts="示例县城关镇赵氏中医诊所未按规定公示诊疗科目。")
    as_person = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                          party_kind=PartyKind.INDIVIDUAL, party_name="赵明华", entity=clinic)
    assert public_decision(as_business).party == "示例县城关镇赵氏中医诊所"
    assert public_decision(as_business).facts == "示例县城关镇赵氏中医诊所未按规定公示诊疗科目。"
    assert public_decision(as_person).party == "赵某"


def test_a_decision_not_to_penalise_says_so():
    case = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                     decision_kind=DecisionKind.LENIENT, penalty_kinds=[], fine_amount=Decimal("0"))
    assert public_decision(case).penalty == "不予行政处罚（两轻一免）"


@pytest.mark.parametrize(("amount", "text"), [(Decimal("5000"), "5,000元"), (Decimal("100000.00"), "100,000元"),
                                              (Decimal("1234.5"), "1,234.50元")])
def test_yuan_are_written_as_people_write_them(amount, text):
    assert f"{yuan(amount)}元" == text


def test_a_business_registered_under_the_owners_own_name_is_not_published_whole(county):
    from fazhi.enforcement.choices import EntityCategory
    from tests.enforcement.factories import make_entity

    in_own_name = make_entity("990121.wjw.wsjds", "钱立新", category=EntityCategory.CLINIC, is_individual=True,
                              legal_person="钱立新")
    case = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                     party_kind=PartyKind.INDIVIDUAL, party_name="钱立新", entity=in_own_name)
    assert public_decision(case).party == "钱某"


def test_the_legal_person_and_practitioners_named_in_the_facts_are_masked(county):
    from fazhi.enforcement.choices import EntityCategory
    from fazhi.enforcement.models import Practitioner
    from tests.enforcement.factories import make_entity

    hospital = make_entity("990121.wjw.wsjds", "示例县东关镇骨科医院", category=EntityCategory.HOSPITAL,
                           legal_person="孙建国")
    Practitioner.objects.create(org=hospital.org, entity=hospital, name="欧阳晓东", licence_no="110990121000001")
    case = make_case("990121.wjw.wsjds", decided_on=dt.date(2026, 10, 10), published_on=dt.date(2026, 10, 12),
                     party_name=hospital.name, entity=hospital,
                     facts="经查，该院法定代表人孙建国安排未取得执业资格的欧阳晓东从事诊疗活动。")
    facts = public_decision(case).facts
    assert facts == "经查，该院法定代表人孙某安排未取得执业资格的欧阳某从事诊疗活动。"
    assert public_decision(case).party == "示例县东关镇骨科医院"  # an organisation keeps its name
