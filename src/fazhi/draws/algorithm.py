#!/usr/bin/env python3
"""fazhi-draw-v1: the documented, deterministic algorithm of a 双随机 draw, and its stand-alone verifier.

This file uses the Python standard library only, so that anybody can download it and check a published
draw record without Fazhi:

    python fazhi-draw-verify.py 抽取记录.json

It prints each check and each pick in Chinese (一致/不一致) and exits 0 when everything matches, 1 otherwise.
The specification, in Chinese, with how to reimplement it in another language: docs/draw-algorithm.md.

In short:
- canonical(x) = JSON with sorted keys, no spaces, UTF-8 (ensure_ascii=False).
- pool = {"entities": [{"id", "grade"}] by id, "officers": [ids] ascending, "avoid": {"<entity id>": [officer
  ids]}, "rules": {"mode", "n", "ratios", "team_size"}}; pool_hash = sha256(canonical(pool)).
- commitment = sha256(secret) where secret is 64 hex characters, hashed as text; seed =
  sha256(f"{secret}|{pool_hash}|{witness_input}"); key(label) = HMAC-SHA256(bytes.fromhex(seed), label).
- entities are ordered by (key("entity:<id>"), id): fixed mode takes the first n; credit mode takes
  ceil(size × ratio / 100) of each grade. Picks are ordered by key; rank is the 1-based position.
- teams: every officer's load starts at 0; for each pick in rank order the officers not in avoid[entity]
  are ordered by (load, key("team:<entity>:<officer>"), officer id) and the first team_size form the team
  (written sorted by id); each of them gets load + 1.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
from typing import NamedTuple

ALGORITHM = "fazhi-draw-v1"
RECORD_FORMAT = "fazhi-draw-record"
RECORD_VERSION = 1
GRADES = ("A", "B", "C", "D")
MODES = ("fixed", "credit")


class DrawError(ValueError):
    """The pool cannot give what its rules ask. `entity` is the id of the entity whose team could not be
    formed (None when the problem is the pool as a whole)."""

    def __init__(self, message: str, *, entity: int | None = None, eligible: int | None = None):
        super().__init__(message)
        self.entity, self.eligible = entity, eligible


# ---------------------------------------------------------------- hashing
def canonical(obj) -> bytes:
    """The one byte string a JSON value hashes as."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def commitment_of(secret: str) -> str:
    """What is published before the pool is fixed: the sha256 of the secret's 64 hex characters."""
    return sha256_hex(secret.encode())


def pool_hash(pool: dict) -> str:
    return sha256_hex(canonical(pool))


def derive_seed(secret: str, pool_digest: str, witness_input: str) -> str:
    return sha256_hex(f"{secret}|{pool_digest}|{witness_input}".encode())


class Keys:
    """key(label) = HMAC-SHA256(bytes.fromhex(seed), label as UTF-8), as lowercase hex. Hex strings of one
    length sort like the 256-bit numbers they write."""

    def __init__(self, seed: str):
        self._mac = hmac.new(bytes.fromhex(seed), digestmod=hashlib.sha256)

    def __call__(self, label: str) -> str:
        mac = self._mac.copy()
        mac.update(label.encode())
        return mac.hexdigest()


# ---------------------------------------------------------------- the pool
def make_pool(*, entities, officers, avoid, mode: str, n: int | None, ratios: dict | None,
              team_size: int) -> dict:
    """The pool in its one canonical shape: `entities` as (id, grade) pairs, `officers` as ids, `avoid` as
    {entity id: officer ids}. Avoidance naming an entity or officer outside the pool is dropped, and so are
    empty lists: they cannot change the draw."""
    entity_rows = sorted({int(e): str(g) for e, g in entities}.items())
    officer_ids = sorted({int(o) for o in officers})
    in_pool, on_roster = {e for e, _ in entity_rows}, set(officer_ids)
    avoid_map: dict[str, list[int]] = {}
    for entity, people in sorted(((int(e), p) for e, p in avoid.items())):
        kept = sorted({int(o) for o in people} & on_roster)
        if entity in in_pool and kept:
            avoid_map[str(entity)] = kept
    pool = {
        "entities": [{"id": e, "grade": g} for e, g in entity_rows],
        "officers": officer_ids,
        "avoid": avoid_map,
        "rules": {"mode": mode, "n": n if mode == "fixed" else None,
                  "ratios": {g: int(ratios[g]) for g in sorted(ratios)} if mode == "credit" else None,
                  "team_size": int(team_size)},
    }
    check_pool(pool)
    return pool


def check_pool(pool: dict) -> None:
    """Refuse a pool the algorithm cannot run on, saying why."""
    rules = pool["rules"]
    if rules["mode"] not in MODES:
        raise DrawError(f"未知的抽取方式：{rules['mode']}")
    if not pool["entities"]:
        raise DrawError("名录中没有可抽取的监管对象")
    if rules["team_size"] < 1:
        raise DrawError("每组执法人员数须至少为1")
    if len(pool["officers"]) < rules["team_size"]:
        raise DrawError(f"名录中的执法人员（{len(pool['officers'])}人）少于每组人数（{rules['team_size']}人）")
    if rules["mode"] == "fixed":
        n = rules["n"]
        if not isinstance(n, int) or n < 1:
            raise DrawError("按数量抽取须给出抽取数量")
        if n > len(pool["entities"]):
            raise DrawError(f"抽取数量（{n}）大于名录中的监管对象数（{len(pool['entities'])}）")
    else:
        ratios = rules["ratios"] or {}
        missing = sorted({e["grade"] for e in pool["entities"]} - set(ratios))
        if missing:
            raise DrawError(f"名录中有{'、'.join(missing)}级监管对象，但规则没有该等级的抽查比例")
        if any(not 0 <= r <= 100 for r in ratios.values()):
            raise DrawError("抽查比例须在0至100之间")


# ---------------------------------------------------------------- the draw
def stratum_size(size: int, ratio: int) -> int:
    """ceil(size × ratio / 100), in integers so every language gets the same number."""
    return (size * ratio + 99) // 100


def choose(pool: dict, keys: Keys) -> list[tuple[str, int, str]]:
    """The chosen entities as (key, id, stratum), ordered by key then id."""
    rules = pool["rules"]
    ranked = sorted((keys(f"entity:{e['id']}"), e["id"], e["grade"]) for e in pool["entities"])
    if rules["mode"] == "fixed":
        return [(k, e, "") for k, e, _ in ranked[:rules["n"]]]
    chosen = []
    for grade, ratio in sorted(rules["ratios"].items()):
        stratum = [(k, e, g) for k, e, g in ranked if g == grade]
        chosen += stratum[:stratum_size(len(stratum), ratio)]
    return sorted(chosen)


def run(pool: dict, seed: str) -> list[dict]:
    """The picks of `pool` under `seed`: [{"rank", "entity", "stratum", "officers"}] in rank order."""
    check_pool(pool)
    keys = Keys(seed)
    team_size = pool["rules"]["team_size"]
    load = dict.fromkeys(pool["officers"], 0)
    picks = []
    for rank, (_, entity, stratum) in enumerate(choose(pool, keys), start=1):
        barred = set(pool["avoid"].get(str(entity), ()))
        eligible = [o for o in pool["officers"] if o not in barred]
        if len(eligible) < team_size:
            raise DrawError(f"监管对象（ID {entity}）回避后可派执法人员只有{len(eligible)}人，不足每组{team_size}人",
                            entity=entity, eligible=len(eligible))
        eligible.sort(key=lambda o: (load[o], keys(f"team:{entity}:{o}"), o))
        team = eligible[:team_size]
        for officer in team:
            load[officer] += 1
        picks.append({"rank": rank, "entity": entity, "stratum": stratum, "officers": sorted(team)})
    return picks


# ---------------------------------------------------------------- verification
class Check(NamedTuple):
    name: str
    ok: bool
    detail: str


class PickCheck(NamedTuple):
    rank: int
    expected: dict | None  # {"entity": id, "officers": [ids]} as recomputed
    found: dict | None  # the same as the record states it
    ok: bool


def _found_picks(record: dict) -> dict[int, dict]:
    found = {}
    for pick in record.get("picks") or []:
        officers = [o["id"] if isinstance(o, dict) else o for o in pick.get("officers", [])]
        found[int(pick["rank"])] = {"entity": pick["entity"], "officers": sorted(officers)}
    return found


def checks(record: dict) -> list[Check]:
    """The record's own consistency: format, algorithm, commitment, pool hash and seed."""
    result = []
    fmt = (record.get("format"), record.get("format_version"))
    result.append(Check("记录格式", fmt == (RECORD_FORMAT, RECORD_VERSION),
                        f"{fmt[0]} 第{fmt[1]}版" if fmt[0] else "缺少格式说明"))
    result.append(Check("算法", record.get("algorithm") == ALGORITHM,
                        f"记录使用 {record.get('algorithm')}，本程序实现 {ALGORITHM}"))
    pool = record.get("pool")
    digest = pool_hash(pool) if pool is not None else None
    result.append(Check("名录哈希", digest is not None and digest == record.get("pool_hash"),
                        f"重新计算 {digest}，记录为 {record.get('pool_hash')}"))
    secret = record.get("secret")
    if not secret:
        result.append(Check("随机数承诺", False, "记录中尚无系统随机数（尚未抽取），抽取完成后方可核验"))
        return result
    result.append(Check("随机数承诺", commitment_of(secret) == record.get("commitment"),
                        f"sha256(系统随机数) = {commitment_of(secret)}，承诺值为 {record.get('commitment')}"))
    if digest is not None:
        seed = derive_seed(secret, digest, record.get("witness_input", ""))
        result.append(Check("随机种子", seed == record.get("seed"), f"重新计算 {seed}，记录为 {record.get('seed')}"))
    return result


def verify(record: dict) -> list[PickCheck]:
    """Re-run the draw from the record's secret, pool and witness input (never from its stated seed or
    hash) and compare every pick. Raises DrawError when the pool cannot be drawn at all."""
    if not record.get("secret") or record.get("pool") is None:
        return []
    pool = record["pool"]
    seed = derive_seed(record["secret"], pool_hash(pool), record.get("witness_input", ""))
    expected = {p["rank"]: {"entity": p["entity"], "officers": p["officers"]} for p in run(pool, seed)}
    found = _found_picks(record)
    return [PickCheck(rank, expected.get(rank), found.get(rank), expected.get(rank) == found.get(rank))
            for rank in sorted(set(expected) | set(found))]


def report(record: dict) -> tuple[list[str], bool]:
    """Chinese lines saying what was checked and whether it matched, and the verdict."""
    lines = [f"双随机抽取记录核验（{ALGORITHM}）"]
    task = record.get("task") or {}
    if task.get("name"):
        lines.append(f"任务：{task['name']}（{task.get('org', '')}）")
    found_checks = checks(record)
    for check in found_checks:
        lines.append(f"[{'一致' if check.ok else '不一致'}] {check.name}：{check.detail}")
    try:
        rows = verify(record)
    except DrawError as error:
        lines.append(f"[不一致] 重新抽取：按记录中的名录和随机种子无法完成抽取（{error}）")
        rows, ok = [], False
    else:
        ok = all(c.ok for c in found_checks) and bool(rows) and all(r.ok for r in rows)
    names = {int(p["rank"]): p for p in record.get("picks") or []}
    for row in rows:
        label = _pick_label(names.get(row.rank), row.found)
        if row.ok:
            lines.append(f"第{row.rank}名 {label}：一致")
        else:
            lines.append(f"第{row.rank}名 {label}：不一致"
                         f"（应为{_describe(row.expected)}；记录为{_describe(row.found)}）")
    if ok:
        lines.append(f"结论：{len(rows)}个抽中对象及其检查人员与重新计算的结果完全一致。")
    else:
        bad = sum(1 for r in rows if not r.ok)
        lines.append(f"结论：核验未通过（{bad}个抽中对象不一致，"
                     f"{sum(1 for c in found_checks if not c.ok)}项校验不一致）。")
    return lines, ok


def _pick_label(pick: dict | None, found: dict | None) -> str:
    if not pick or not found:
        return "（记录中没有）"
    people = [o.get("name", str(o.get("id"))) if isinstance(o, dict) else str(o) for o in pick.get("officers", [])]
    return f"{pick.get('entity_name', '')}（ID {found['entity']}），检查人员{'、'.join(people)}"


def _describe(pick: dict | None) -> str:
    if pick is None:
        return "无"
    return f"监管对象ID {pick['entity']}、执法人员ID {'、'.join(str(o) for o in pick['officers'])}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("用法：python fazhi-draw-verify.py 抽取记录.json")
        return 1
    try:
        with open(argv[0], encoding="utf-8") as handle:
            record = json.load(handle)
        lines, ok = report(record)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        print(f"无法读取抽取记录：{error}")
        return 1
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
