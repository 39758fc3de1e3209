"""Personal numbers in published text, however they are written: spaced, hyphenated, bracketed, in
full-width digits, after +86; and what the public is entitled to read left as it is."""

import datetime as dt
import json
import re
import unicodedata

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.cases.choices import PartyKind
from fazhi.draws.choices import DrawStatus
from fazhi.draws.models import Draw
from fazhi.portal.redaction import mask_numbers

from .factories import make_case, make_draw, make_task

COUNTY_UNIT = "990121.wjw.wsjds"
DAY = dt.timedelta(days=1)

# Every way the audit found numbers written, and the other forms the portal must recognise.
WRITTEN_FORMS = [
    "410105 19900101 1234",       # ID number in its three parts
    "410105-19900101-123X",
    "4101 0519 9001 0112 34",     # ID number in fours
    "41010519900101123X",         # closing X
    "41010519900101123x",
    "410105900101123",            # old 15-digit ID
    "410105 900101 123",
    "４１０１０５１９９００１０１１２３４",  # full-width digits
    "13812345678",
    "138-1234-5678",
    "138 1234 5678",
    "138.1234.5678",
    "138 - 1234 - 5678",
    "１３８１２３４５６７８",
    "１３８－１２３４－５６７８",         # full-width hyphens
    "１３８　１２３４　５６７８",         # ideographic spaces
    "138—1234—5678",              # dashes
    "+86 138 1234 5678",
    "+86-138-1234-5678",
    "+8613812345678",
    "86-13812345678",
    "0086 13812345678",
    "（+86）13812345678",
    "0371 65432100",
    "0371-65432100",
    "037165432100",
    "（0371）65432100",
    "(0371)6543-2100",
    "(0371) 6543 2100",
    "０３７１－６５４３２１００",
    "010-62345678",
    "6222 0202 0011 2233 445",    # bank card in fours
    "6222-0202-0011-2233",
    "6222020200112233445",
    "622202 0200112233445",
]


def starred(form: str) -> str:
    """The published form of a personal number: each digit (and a closing X) starred, the rest as written."""
    return re.sub(r"[\dXx]", "*", form)  # \d: full-width digits too


@pytest.mark.parametrize("form", WRITTEN_FORMS)
@pytest.mark.parametrize("sentence", [
    "经查，张某留存的{}，于2026年3月5日核实。",   # no label: recognised by its shape
    "当事人（联系电话：{}）承认违法事实。",
    "{}",
])
def test_a_personal_number_is_masked_however_it_is_written(form, sentence):
    masked = mask_numbers(sentence.format(form))
    assert masked == sentence.format(starred(form))
    assert form not in masked


@pytest.mark.parametrize("text", [
    "示卫医罚〔2026〕12号",
    "示例县卫健罚〔2026〕90001号",
    "罚款人民币5000元",
    "处20000元罚款，没收违法所得1250.50元",
    "罚款人民币1,000,000元",
    "2026年3月5日",
    "2026-03-05",
    "2026.03.05",
    "检查时间2026-03-05 10:30",
    "检查期间2026.03.05-2026.04.05",
    "依据第六十三条、第12条第1款",
    "《中华人民共和国医师法》第五十九条",
    "不符合GB 5749-2022《生活饮用水卫生标准》",
    "医师执业证书编码110990121000001",
    "医师执业证书编码：110990121000001",
    "统一社会信用代码91990121MA1234ABCD",
    "统一社会信用代码124101004158123456",
    "医疗机构执业许可证登记号PDY12345341010211A1002",
    "卫生许可证号豫卫公证字〔2020〕第410105-000123号",
    "执法证号41010020190001",
    "举报电话12320",
    "邮编450000",
    "GB 15171-2024 83%",            # a standard and a share, not a mobile
    "20:06 20301128",               # a time and a date, not a landline
    "20110716 20070924",            # two dates, not a bank card
])
def test_what_the_public_may_read_is_left_alone(text):
    assert mask_numbers(text) == text


def test_a_number_is_masked_without_its_neighbours():
    text = "2026年3月5日13812345678；2026-03-05 138 1234 5678；第12条 0371-65432100 2026年；罚款5000元"
    assert mask_numbers(text) == (
        "2026年3月5日***********；2026-03-05 *** **** ****；第12条 ****-******** 2026年；罚款5000元")


def test_a_labelled_number_is_masked_even_when_it_has_no_known_shape():
    assert mask_numbers("联系电话65432100，于2026年3月5日") == "联系电话********，于2026年3月5日"
    assert mask_numbers("身份证号41010519900101123（少一位）") == "身份证号*****************（少一位）"
    assert mask_numbers("银行卡号6222 0202 0011 223") == "银行卡号**** **** **** ***"


def test_an_id_or_mobile_typed_where_a_licence_number_belongs_is_still_masked():
    # 11010519491231002X: the example number of GB 11643, with a right check character.
    assert mask_numbers("许可证号11010519491231002X") == "许可证号******************"
    assert mask_numbers("执业证书编码13812345678") == "执业证书编码***********"


# ---------------------------------------------------------------- the property
def _check_digit(seventeen: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(seventeen, weights, strict=True)) % 11]


births = st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31))
areas = st.sampled_from(["110105", "310104", "410105", "440305", "650102"])
mobiles = st.builds(lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"),
                    st.text("0123456789", min_size=9, max_size=9))
landlines = st.builds(lambda area, first, rest: area + first + rest, st.sampled_from(["010", "021", "0371", "0755"]),
                      st.sampled_from("23456789"), st.text("0123456789", min_size=6, max_size=7))
ids = st.builds(lambda area, born, tail: area + born.strftime("%Y%m%d") + tail + _check_digit(
    area + born.strftime("%Y%m%d") + tail), areas, births, st.text("0123456789", min_size=3, max_size=3))
old_ids = st.builds(lambda area, born, tail: area + born.strftime("%y%m%d") + tail, areas,
                    st.dates(dt.date(1930, 1, 1), dt.date(1999, 12, 31)),
                    st.text("0123456789", min_size=3, max_size=3))
cards = st.text("0123456789", min_size=14, max_size=17).map(lambda rest: "62" + rest)
separators = st.sampled_from([" ", "-", ".", " - ", "－", "　", "—", "  "])


@st.composite
def written(draw, numbers, *, fours=False):
    """A number as somebody might type it: one separator at random gaps between its digits (a card's in
    fours), and any digit maybe full-width."""
    number, separator = draw(numbers), draw(separators)
    out = []
    for i, char in enumerate(number):
        if i and (i % 4 == 0 if fours else draw(st.booleans())):
            out.append(separator)
        out.append(chr(ord(char) + 0xFEE0) if draw(st.booleans()) else char)
    return number, "".join(out)


@settings(max_examples=400, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(written(mobiles), written(landlines), written(ids), written(old_ids),
                 written(cards, fours=True)),
       st.sampled_from(["{}", "经查，张某留存的{}，已核实。", "当事人（{}）", "联系电话：{}。", "身份证号码为{}；"]))
def test_no_run_of_a_numbers_middle_digits_survives_any_separators(number, sentence):
    original, form = number
    published = unicodedata.normalize("NFKC", mask_numbers(sentence.format(form)))
    left = re.sub(r"\D", "", published)
    middle = original[1:-1]
    assert not any(middle[k:k + 4] in left for k in range(len(middle) - 3)), (form, published)


# ---------------------------------------------------------------- on the portal's pages
@pytest.fixture
def visitor():
    return Client()


@pytest.mark.django_db
def test_the_decision_page_shows_no_personal_number_in_any_written_form(visitor):
    today = timezone.localdate()
    facts = "经查，当事人留存" + "，".join(f"号码{form}" for form in WRITTEN_FORMS) + "。"
    case = make_case(COUNTY_UNIT, decided_on=today - 12 * DAY, published_on=today - 10 * DAY,
                     party_kind=PartyKind.INDIVIDUAL, party_name="张三丰", decision_no="示卫医罚〔2026〕12号",
                     cause="张三丰（手机 138 1234 5678）未取得医疗机构执业许可证擅自执业",
                     facts=facts, legal_basis="《医疗机构管理条例》第四十三条，联系人（0371）65432100")
    detail = visitor.get(f"/public/990121.wjw/decisions/{case.public_id}/").content.decode()
    listing = visitor.get("/public/990121.wjw/decisions/").content.decode()
    shown = re.search(r'<dt class="col-sm-3">违法事实</dt><dd class="col-sm-9 fz-prose">(.*?)</dd>', detail).group(1)
    assert not re.search(r"\d", shown), shown
    assert "号码" + starred(WRITTEN_FORMS[0]) in shown
    for html in (detail, listing):
        assert "张某（手机 *** **** ****）未取得医疗机构执业许可证擅自执业" in html
        assert "示卫医罚〔2026〕12号" in html
        for form in WRITTEN_FORMS + ["13812345678", "65432100"]:
            assert form not in html, form
    assert "《医疗机构管理条例》第四十三条，联系人（****）********" in detail
    assert "罚款5,000元" in detail


@pytest.mark.django_db
def test_a_draws_witness_and_void_reason_are_published_without_numbers(visitor):
    drawn = make_draw(make_task(COUNTY_UNIT, "公共场所卫生抽查"))
    Draw.objects.filter(pk=drawn.pk).update(witness="示例县司法局 李监督 138 1234 5678")
    void = make_draw(make_task(COUNTY_UNIT, "作废的抽查"), status=DrawStatus.VOID,
                     void_reason="监督人（电话0371-65432100）未到场，重新抽取")
    page = visitor.get(f"/public/990121.wjw/draws/{drawn.public_id}/").content.decode()
    record = visitor.get(f"/public/draws/{drawn.public_id}.json").content.decode()
    assert "示例县司法局 李监督 *** **** ****" in page
    assert json.loads(record)["witness"] == "示例县司法局 李监督 *** **** ****"
    page = visitor.get(f"/public/990121.wjw/draws/{void.public_id}/").content.decode()
    record = visitor.get(f"/public/draws/{void.public_id}.json").content.decode()
    assert "监督人（电话****-********）未到场，重新抽取" in page
    assert json.loads(record)["void_reason"] == "监督人（电话****-********）未到场，重新抽取"
    for text in (page, record):
        assert "65432100" not in text


@pytest.mark.django_db
def test_a_record_with_its_witness_masked_still_verifies(visitor):
    from fazhi.core.models import User
    from fazhi.draws import algorithm

    from ..draws.factories import drawn, make_unit, stock
    from ..draws.factories import make_task as make_draw_task

    office = User.objects.get(username="xian_fazhi")
    unit = make_unit()
    stock(unit)
    draw = drawn(make_draw_task(office, unit, name="公共场所卫生抽查"), office)
    Draw.objects.filter(pk=draw.pk).update(witness="示例县司法局 李监督（13812345678）")
    record = json.loads(visitor.get(f"/public/draws/{draw.public_id}.json").content)
    assert record["witness"] == "示例县司法局 李监督（***********）"
    lines, ok = algorithm.report(record)
    assert ok, lines
