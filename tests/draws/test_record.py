"""The published draw record, and `fazhi draw verify` on it: a real draw verifies; an edited pick, a changed
pool or a wrong secret does not, and the command says where."""

import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.draws import algorithm, services
from fazhi.draws.record import draw_record

from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(county_admin):
    unit = make_unit()
    stock(unit, entities=10, officers=5)
    return draw_record(drawn(make_task(county_admin, unit, sample_size=4), county_admin))


def write(tmp_path, record, name="抽取记录.json"):
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return str(path)


def verify(path, capsys):
    call_command("draw", "verify", path)
    return capsys.readouterr().out


def test_the_record_holds_everything_a_verifier_reads_and_no_more(record):
    assert record["format"] == "fazhi-draw-record" and record["algorithm"] == "fazhi-draw-v1"
    assert record["commitment"] == algorithm.commitment_of(record["secret"])
    assert record["pool_hash"] == algorithm.pool_hash(record["pool"])
    assert set(record["pool"]) == {"entities", "officers", "avoid", "rules"}
    assert all(set(e) == {"id", "grade"} for e in record["pool"]["entities"])
    pick = record["picks"][0]
    assert set(pick) == {"rank", "entity", "entity_name", "stratum", "officers"}
    assert set(pick["officers"][0]) == {"id", "name", "certificate_no"}
    assert record["task"]["org"].startswith("测试执法中队")
    text = json.dumps(record, ensure_ascii=False)
    assert "legal_person" not in text and "phone" not in text and "address" not in text


def test_before_the_draw_the_secret_stays_hidden(county_admin):
    unit = make_unit()
    stock(unit)
    draw = services.draw_create(task=make_task(county_admin, unit), actor=county_admin)
    committed = draw_record(draw)
    assert committed["secret"] is None and committed["pool"] is None and committed["commitment"] == draw.commitment
    fixed = draw_record(services.draw_fix_pool(draw=draw, actor=county_admin))
    assert fixed["secret"] is None and fixed["seed"] is None and fixed["picks"] == []
    assert fixed["pool_hash"] == algorithm.pool_hash(fixed["pool"])
    assert draw.secret not in json.dumps(fixed)


def test_a_real_draw_verifies(record, tmp_path, capsys):
    out = verify(write(tmp_path, record), capsys)
    assert "[一致] 随机数承诺" in out and "[一致] 名录哈希" in out and "[一致] 随机种子" in out
    assert out.count("：一致") == 4
    assert "结论：4个抽中对象及其检查人员与重新计算的结果完全一致。" in out


def test_an_edited_pick_fails_at_its_rank(record, tmp_path, capsys):
    outside = sorted({e["id"] for e in record["pool"]["entities"]} - {p["entity"] for p in record["picks"]})
    record["picks"][1]["entity"] = outside[0]
    with pytest.raises(CommandError, match="核验未通过"):
        verify(write(tmp_path, record), capsys)
    out = capsys.readouterr().out
    ranks = {line.split(" ")[0]: line for line in out.splitlines() if line.startswith("第")}
    assert "不一致（应为" in ranks["第2名"]
    assert all(ranks[f"第{n}名"].endswith("：一致") for n in (1, 3, 4))


def test_a_tampered_pool_fails(record, tmp_path, capsys):
    record["pool"]["officers"].pop()
    with pytest.raises(CommandError):
        verify(write(tmp_path, record), capsys)
    out = capsys.readouterr().out
    assert "[不一致] 名录哈希" in out and "[不一致] 随机种子" in out


def test_a_wrong_secret_fails(record, tmp_path, capsys):
    record["secret"] = "0" * 64
    with pytest.raises(CommandError):
        verify(write(tmp_path, record), capsys)
    assert "[不一致] 随机数承诺" in capsys.readouterr().out


def test_an_unreadable_file_is_refused(tmp_path):
    (tmp_path / "坏文件.json").write_text("{不是JSON", encoding="utf-8")
    with pytest.raises(CommandError, match="无法读取抽取记录"):
        call_command("draw", "verify", str(tmp_path / "坏文件.json"))


def test_show_prints_a_draws_record(record, capsys):
    call_command("draw", "show", record["draw"]["id"])
    assert json.loads(capsys.readouterr().out) == record
    with pytest.raises(CommandError, match="没有编号或公开标识为 999999 的抽取"):
        call_command("draw", "show", "999999")
