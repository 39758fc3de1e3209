"""Reading work plan documents: the seed, plans written in the other common numbering styles, and
the file formats they arrive in."""

import io
import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.plans.extract import text_from_file
from fazhi.plans.parsing import Role, classify, paragraphs, parse

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_PLANS = Path(__file__).parents[2] / "src" / "fazhi" / "plans" / "demo_plans"
SEED = Path(__file__).parents[3] / "shared" / "seeds" / "000_e271fe8efcc02d29.txt"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


def read(name: str) -> str:
    path = FIXTURES / name if (FIXTURES / name).exists() else DEMO_PLANS / name
    return path.read_text().replace("{year}", "2026")


# ---------------------------------------------------------------- the seed
SEED_TITLES = [
    "深入学习贯彻习近平法治思想", "强化法治建设主体责任", "全面落实述法制度", "推进各层次学法常态化",
    "继续实施“九五”普法规划", "深化“以案释法”制度", "高质量做好卫生健康地方立法工作", "加强行政规范性文件管理",
    "推进卫生健康标准化工作", "推进执法司法规范行动", "优化规范行政执法行为", "做好合法性审查工作",
    "落实公平竞争审查制度", "推进优化营商环境政策落实", "持续推进审批服务便利化", "做好行政应诉和复议答复",
    "完善医疗纠纷预防和处理机制", "依法有效化解社会矛盾",
]


@pytest.fixture
def seed_text():
    if not SEED.exists():
        pytest.skip(f"the seed plan is not present at {SEED}")
    return SEED.read_text()


def test_the_seed_plan_has_six_sections_and_eighteen_items_with_its_titles(seed_text):
    plan = parse(seed_text)
    assert plan.title == "2026年拉萨市卫生健康委法治建设工作要点"
    assert [len(s.items) for s in plan.sections] == [3, 3, 3, 4, 2, 3]
    assert [i.title for i in plan.items] == SEED_TITLES
    assert [i.number for i in plan.items][:2] == ["（一）", "（二）"] and plan.items[-1].number == "（十八）"
    assert plan.preamble.startswith("2026拉萨市卫生健康委法治建设工作的总体要求是")


def test_the_seeds_broken_lines_are_joined_back(seed_text):
    items = parse(seed_text).items
    assert "健全完善卫生健康述法工作机制，严格落实" in items[2].text
    assert "积极引导疾控人员参与执法证考试" in items[9].text
    assert "依法依规下放县（区）级" in items[13].text


def test_the_targets_of_items_two_four_and_six_come_out_with_their_numbers(seed_text):
    items = {i.number: i for i in parse(seed_text).items}
    (heard,) = items["（二）"].targets
    assert (heard.what, heard.comparator, heard.number, heard.unit, heard.period) == (
        "听取法治建设相关工作汇报", ">=", Decimal(2), "次", "year")
    (hearing,) = items["（四）"].targets
    assert (hearing.comparator, hearing.number, hearing.unit) == (">=", Decimal(1), "次")
    assert "庭审旁听活动" in hearing.what
    (tests,) = items["（六）"].targets
    assert (tests.what, tests.number, tests.unit, tests.period) == ("开展法律法规测试", Decimal(2), "次", "year")
    coverage = [t.describe() for t in items["（三）"].targets]
    assert "年终述法达到100%" in coverage
    assert [t.describe() for t in items["（十三）"].targets] == ["全年公平竞争审查达到100%"]


# ---------------------------------------------------------------- plans in other styles
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_written_plan_parses_to_its_expected_structure(name):
    expected = EXPECTED[name]
    plan = parse(read(name))
    assert plan.title == expected["title"]
    assert [s.title for s in plan.sections] == [s["title"] for s in expected["sections"]]
    got = [(i.number, i.title, i.points) for i in plan.items]
    want = [(i["number"], i["title"], i["points"]) for s in expected["sections"] for i in s["items"]]
    assert got == want
    assert plan.closing == expected["closing"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_written_plans_targets_are_found(name):
    items = [i for s in EXPECTED[name]["sections"] for i in s["items"]]
    for item, parsed in zip(items, parse(read(name)).items, strict=True):
        got = [(t.comparator, t.number, t.unit, t.period) for t in parsed.targets]
        want = [(t["comparator"], Decimal(str(t["number"])), t["unit"], t["period"]) for t in item["targets"]]
        assert got == want, parsed.title
        for target, wanted in zip(parsed.targets, item["targets"], strict=True):
            assert wanted["what"] in target.what or target.what in wanted["what"], (target.what, wanted["what"])


def test_items_numbered_one_two_three_restart_in_each_section():
    plan = parse(read("plan_arabic.txt"))
    assert [i.number for i in plan.sections[1].items][0] in ("1.", "1．", "1、")
    assert all(section.items[0].number.startswith("1") for section in plan.sections)
    assert len(plan.items) == 12


def test_yi_shi_er_shi_points_are_split_out_of_the_item():
    item = next(i for i in parse(read("plan_arabic.txt")).items if len(i.points) == 3)
    assert all(not p.startswith(("一是", "二是", "三是")) and not p.endswith("。") for p in item.points)


def test_page_numbers_stray_spaces_and_broken_words_are_cleaned():
    text = read("plan_continuous.txt")
    assert "— 2 —" in text and "不少于 2 次" in text
    paras = paragraphs(text)
    assert not any(p.strip("— ").isdigit() for p in paras)
    assert any("不少于2次" in p for p in paras)
    assert all("\n" not in p for p in paras)


def test_the_user_can_correct_a_paragraphs_role():
    text = ("2026年工作要点\n一、学习\n（一）学法。全年学法不少于2次。\n（二）普法。开展普法。\n"
            "二、执法\n（三）检查。开展检查。")
    guessed = classify(paragraphs(text))
    assert guessed == [Role.TITLE, Role.SECTION, Role.ITEM, Role.ITEM, Role.SECTION, Role.ITEM]
    corrected = list(guessed)
    corrected[3] = Role.BODY  # （二） was a continuation of （一）
    plan = parse(text, corrected)
    assert [i.title for i in plan.items] == ["学法", "检查"]
    assert "开展普法" in plan.items[0].text


def test_a_plan_numbered_in_one_level_puts_its_items_in_one_section():
    plan = parse("工作要点\n1.学法。全年学法不少于2次。\n2.普法。开展普法。\n3.执法。开展检查。")
    assert len(plan.sections) == 1 and [i.title for i in plan.items] == ["学法", "普法", "执法"]


def test_a_text_without_numbering_has_no_items():
    assert parse("这是一段没有编号的文字。\n第二段。").items == []


# ---------------------------------------------------------------- file formats
def test_a_pdf_plan_reads_like_its_text():
    pdf = parse(text_from_file("plan.pdf", (FIXTURES / "plan_points.pdf").read_bytes()))
    txt = parse(read("plan_points.txt"))
    assert [(i.number, i.title, i.points) for i in pdf.items] == [(i.number, i.title, i.points) for i in txt.items]
    assert [t.describe() for t in pdf.items[1].targets] == [t.describe() for t in txt.items[1].targets]
    assert pdf.closing == txt.closing


def test_a_docx_plan_with_word_automatic_numbering():
    document = docx.Document()
    document.add_paragraph("示例县卫生健康局2026年法治建设工作要点")
    document.add_paragraph("一、加强学习")
    document.add_paragraph("组织学法。全年开展法律法规测试不少于2次。", style="List Number")
    document.add_paragraph("开展述法。实行年终述法全覆盖。", style="List Number")
    document.add_paragraph("二、规范执法")
    document.add_paragraph("落实三项制度。按规定开展法制审核。", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse(text_from_file("要点.docx", buffer.getvalue()))
    assert [s.title for s in plan.sections] == ["加强学习", "规范执法"]
    assert [i.title for i in plan.items] == ["组织学法", "开展述法", "落实三项制度"]
    assert plan.items[0].targets[0].number == 2


def test_a_gbk_text_file_is_read():
    text = "一、学习\n（一）学法。全年学法不少于2次。"
    assert text_from_file("要点.txt", text.encode("gb18030")) == text


@pytest.mark.parametrize("name, data, message", [
    ("scan.png", b"\x89PNG\r\n", "不支持的文件类型"),
    ("empty.txt", b"", "文件为空"),
    ("broken.docx", b"PK\x03\x04 not really a docx", "无法读取"),
    ("blank.txt", b"   \n  ", "没有从文件中读出文字"),
])
def test_unreadable_files_get_a_chinese_reason(name, data, message):
    with pytest.raises(ValidationError) as error:
        text_from_file(name, data)
    assert message in error.value.messages[0]


# ---------------------------------------------------------------- command line
def test_fazhi_plan_parse_prints_json_for_scripts(capsys, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(read("plan_arabic.txt"))
    call_command("plan", "parse", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    # "参考率、通过率均达到100%" counts as two targets.
    assert data["counts"] == {"sections": 5, "items": 12, "targets": 10}
    assert data["sections"][0]["items"][0]["targets"][0]["unit"]
