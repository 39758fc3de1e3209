"""fazhi-draw-v1 on its own, without the database: it gives the same picks for the same inputs, matches the
worked example of docs/draw-algorithm.md, picks every entity equally often, keeps the teams' loads even and
honours avoidance; a record that was changed in any part fails verification."""

import copy
import hashlib
import hmac
import json
import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fazhi.draws import algorithm

SECRET = "0123456789abcdef" * 4


def pool_of(entities=5, officers=(10, 11, 12), avoid=None, **rules):
    grades = rules.pop("grades", None)
    rows = [(i, grades[(i - 1) % len(grades)] if grades else "B") for i in range(1, entities + 1)]
    settings = {"mode": "fixed", "n": 3, "ratios": None, "team_size": 2, **rules}
    return algorithm.make_pool(entities=rows, officers=officers, avoid=avoid or {}, **settings)


def seed_for(label: str, pool: dict) -> str:
    return algorithm.derive_seed(hashlib.sha256(label.encode()).hexdigest(), algorithm.pool_hash(pool), "witness")


def record_of(pool: dict, secret: str = SECRET, witness_input: str = "20260301") -> dict:
    """A record as draw_record writes one, for a pool drawn under `secret`."""
    digest = algorithm.pool_hash(pool)
    seed = algorithm.derive_seed(secret, digest, witness_input)
    return {"format": algorithm.RECORD_FORMAT, "format_version": algorithm.RECORD_VERSION,
            "algorithm": algorithm.ALGORITHM, "commitment": algorithm.commitment_of(secret), "pool": pool,
            "pool_hash": digest, "witness_input": witness_input, "secret": secret, "seed": seed,
            "picks": [{"rank": p["rank"], "entity": p["entity"], "entity_name": f"单位{p['entity']}",
                       "officers": [{"id": o, "name": f"执法员{o}"} for o in p["officers"]]}
                      for p in algorithm.run(pool, seed)]}


# ---------------------------------------------------------------- the worked example
def test_the_same_inputs_give_the_same_picks():
    pool = pool_of(entities=30, officers=range(1, 9), n=7)
    seed = seed_for("again", pool)
    assert algorithm.run(pool, seed) == algorithm.run(copy.deepcopy(pool), seed)
    assert algorithm.run(pool, seed) != algorithm.run(pool, seed_for("another", pool))


def test_the_worked_example_of_the_documentation_by_hand():
    """Every step of docs/draw-algorithm.md §二.6 done with hashlib and hmac only, then the algorithm."""
    pool = pool_of(avoid={3: [10]})
    text = ('{"avoid":{"3":[10]},"entities":[{"grade":"B","id":1},{"grade":"B","id":2},{"grade":"B","id":3},'
            '{"grade":"B","id":4},{"grade":"B","id":5}],"officers":[10,11,12],'
            '"rules":{"mode":"fixed","n":3,"ratios":null,"team_size":2}}')
    assert algorithm.canonical(pool).decode() == text
    digest = hashlib.sha256(text.encode()).hexdigest()
    seed = hashlib.sha256(f"{SECRET}|{digest}|20260301".encode()).hexdigest()

    def key(label):
        return hmac.new(bytes.fromhex(seed), label.encode(), hashlib.sha256).hexdigest()

    order = sorted(range(1, 6), key=lambda e: (key(f"entity:{e}"), e))[:3]
    load, teams = {10: 0, 11: 0, 12: 0}, []
    for entity in order:
        eligible = [o for o in (10, 11, 12) if not (entity == 3 and o == 10)]
        team = sorted(eligible, key=lambda o: (load[o], key(f"team:{entity}:{o}"), o))[:2]
        for officer in team:
            load[officer] += 1
        teams.append(sorted(team))
    assert algorithm.run(pool, seed) == [{"rank": i + 1, "entity": e, "stratum": "", "officers": t}
                                         for i, (e, t) in enumerate(zip(order, teams, strict=True))]


def test_the_documented_known_answers():
    """The figures printed in the documentation, so that a reimplementation can be checked against them."""
    pool = pool_of(avoid={3: [10]}, grades=["A", "B", "B", "C", "B"])
    docs = (Path(__file__).resolve().parents[2] / "docs" / "draw-algorithm.md").read_text(encoding="utf-8")
    digest = algorithm.pool_hash(pool)
    seed = algorithm.derive_seed(SECRET, digest, "20260301")
    assert algorithm.canonical(pool).decode() in docs
    for value in (digest, algorithm.commitment_of(SECRET), seed):
        assert f"`{value}`" in docs
    picks = algorithm.run(pool, seed)
    assert [(p["entity"], p["officers"]) for p in picks] == [(5, [11, 12]), (4, [10, 12]), (3, [11, 12])]
    assert "第 1 名 5，第 2 名 4，第 3 名 3" in docs


# ---------------------------------------------------------------- fairness
CHI_SQUARE_0001_DF19 = 43.820  # upper 0.001 point of the chi-square distribution with 19 degrees of freedom


def chi_square(counts: Counter, cells: int, expected: float) -> float:
    return sum((counts.get(cell, 0) - expected) ** 2 / expected for cell in range(1, cells + 1))


def entity_counts(picker, pool, draws=2000) -> Counter:
    counts = Counter()
    for i in range(draws):
        counts.update(p["entity"] for p in picker(pool, seed_for(f"seed-{i}", pool)))
    return counts


def redraw_until_entity_1(pool, seed):
    """What the one-live-draw rule forbids: drawing a second time when a favoured entity was not picked."""
    picks = algorithm.run(pool, seed)
    if all(p["entity"] != 1 for p in picks):
        picks = algorithm.run(pool, hashlib.sha256(seed.encode()).hexdigest())
    return picks


def test_each_entity_is_equally_likely_to_be_picked():
    pool = pool_of(entities=20, officers=range(1, 11), n=5)
    counts = entity_counts(algorithm.run, pool)
    assert sum(counts.values()) == 2000 * 5
    assert chi_square(counts, 20, 2000 * 5 / 20) < CHI_SQUARE_0001_DF19


def test_the_same_test_catches_a_biased_picker():
    pool = pool_of(entities=20, officers=range(1, 11), n=5)
    counts = entity_counts(redraw_until_entity_1, pool)
    assert chi_square(counts, 20, 2000 * 5 / 20) > CHI_SQUARE_0001_DF19


def test_credit_mode_takes_each_grades_share_rounded_up():
    grades = ["A"] * 21 + ["B"] * 40 + ["C"] * 7 + ["D"] * 3
    rows = list(enumerate(grades, start=1))
    ratios = {"A": 5, "B": 10, "C": 30, "D": 100}
    pool = algorithm.make_pool(entities=rows, officers=range(1, 7), avoid={}, mode="credit", n=None, ratios=ratios,
                               team_size=2)
    picks = algorithm.run(pool, seed_for("credit", pool))
    strata = Counter(p["stratum"] for p in picks)
    sizes = Counter(grades)
    assert strata == {g: math.ceil(sizes[g] * ratios[g] / 100) for g in ratios} == {"A": 2, "B": 4, "C": 3, "D": 3}
    grade_of = dict(rows)
    assert all(grade_of[p["entity"]] == p["stratum"] for p in picks)
    assert [p["rank"] for p in picks] == list(range(1, len(picks) + 1))


# ---------------------------------------------------------------- teams
@pytest.mark.parametrize("officers, team_size", [(range(1, 8), 2), (range(1, 6), 3), (range(1, 12), 2)])
def test_without_avoidance_every_officer_gets_an_even_share(officers, team_size):
    pool = pool_of(entities=40, officers=officers, n=23, team_size=team_size)
    for i in range(50):
        loads = Counter(o for p in algorithm.run(pool, seed_for(f"load-{i}", pool)) for o in p["officers"])
        shares = [loads.get(o, 0) for o in officers]
        assert max(shares) - min(shares) <= 1, shares
        assert sum(shares) == 23 * team_size


def test_an_officer_never_inspects_an_entity_they_must_stand_aside_from():
    avoid = {e: [e % 6 + 1, (e + 1) % 6 + 1] for e in range(1, 31)}
    pool = pool_of(entities=30, officers=range(1, 7), n=30, avoid=avoid)
    for i in range(20):
        for pick in algorithm.run(pool, seed_for(f"avoid-{i}", pool)):
            assert not set(pick["officers"]) & set(avoid[pick["entity"]])


def test_too_few_officers_left_after_avoidance_fails_naming_the_entity():
    pool = pool_of(entities=3, officers=(10, 11, 12), n=3, avoid={2: [10, 11]})
    with pytest.raises(algorithm.DrawError) as error:
        algorithm.run(pool, seed_for("short", pool))
    assert error.value.entity == 2 and error.value.eligible == 1
    assert "ID 2" in str(error.value) and "不足每组2人" in str(error.value)


def test_a_pool_smaller_than_the_sample_is_refused():
    with pytest.raises(algorithm.DrawError, match="抽取数量（6）大于名录中的监管对象数（5）"):
        pool_of(entities=5, n=6)


# ---------------------------------------------------------------- verification
def test_a_record_verifies_pick_by_pick():
    record = record_of(pool_of(entities=12, officers=range(1, 6), n=4))
    rows = algorithm.verify(record)
    assert [r.rank for r in rows] == [1, 2, 3, 4] and all(r.ok for r in rows)
    assert all(c.ok for c in algorithm.checks(record))
    lines, ok = algorithm.report(record)
    assert ok and lines[-1] == "结论：4个抽中对象及其检查人员与重新计算的结果完全一致。"


def test_an_edited_pick_is_found_at_its_rank():
    record = record_of(pool_of(entities=12, officers=range(1, 6), n=4))
    others = {e["id"] for e in record["pool"]["entities"]} - {p["entity"] for p in record["picks"]}
    record["picks"][2]["entity"] = min(others)
    rows = algorithm.verify(record)
    assert [r.ok for r in rows] == [True, True, False, True]
    lines, ok = algorithm.report(record)
    assert not ok and any(line.startswith("第3名") and "不一致" in line for line in lines)


def test_a_changed_pool_breaks_its_hash_and_the_seed():
    record = record_of(pool_of(entities=12, officers=range(1, 6), n=4))
    record["pool"]["entities"].pop()
    failed = {c.name for c in algorithm.checks(record) if not c.ok}
    assert failed == {"名录哈希", "随机种子"}
    assert not algorithm.report(record)[1]


def test_a_secret_that_does_not_match_the_commitment_is_caught():
    record = record_of(pool_of(entities=12, officers=range(1, 6), n=4))
    record["secret"] = "f" * 64
    assert {c.name for c in algorithm.checks(record) if not c.ok} == {"随机数承诺", "随机种子"}
    assert not algorithm.report(record)[1]


def test_a_record_without_its_secret_cannot_pass_yet():
    record = record_of(pool_of())
    record["secret"] = record["seed"] = None
    lines, ok = algorithm.report(record)
    assert not ok and any("尚未抽取" in line for line in lines)


def test_the_verifier_runs_alone_with_the_standard_library(tmp_path):
    """The file the portal offers, run by a plain Python in an empty folder, outside Fazhi."""
    script = tmp_path / "fazhi-draw-verify.py"
    script.write_text(Path(algorithm.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    record = record_of(pool_of(entities=12, officers=range(1, 6), n=4))
    good, bad = tmp_path / "抽取记录.json", tmp_path / "改动的记录.json"
    good.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    record["picks"][0]["officers"][0]["id"] = 5 if record["picks"][0]["officers"][0]["id"] != 5 else 4
    bad.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    def run(path):
        return subprocess.run([sys.executable, "-I", script.name, path.name], cwd=tmp_path, capture_output=True,
                              text=True, encoding="utf-8", env={"PYTHONIOENCODING": "utf-8"})

    passed, failed = run(good), run(bad)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "结论：4个抽中对象及其检查人员与重新计算的结果完全一致。" in passed.stdout
    assert failed.returncode == 1
    assert "第1名" in failed.stdout and "不一致" in failed.stdout
