"""Quantitative targets in a plan item's text, as (what, comparator, number, unit, period).

Plans state targets in a handful of ways, each a pattern here:
- "全年听取…汇报不少于2次", "培训不少于16学时", "审核率达到100%"  — a comparator, a number, a unit;
- "16学时以上", "3个工作日以内"                                   — a number, a unit, 以上/以内;
- "开展1次…庭审旁听活动"                                           — a verb and a count;
- "审核率100%"                                                     — a rate and a percentage;
- "实行年终述法全覆盖", "做到应审尽审"                             — complete coverage: 100%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import cn2an

NUM = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百]{1,4}"
UNIT = r"个百分点|个工作日|工作日|人次|学时|课时|小时|个月|百分点|次|场|期|轮|批|人|名|份|篇|个|项|件|家|户|天|日|%|％"
COMPARATORS = {
    "不少于": ">=", "不低于": ">=", "不得少于": ">=", "不得低于": ">=", "至少": ">=", "达到": ">=", "达": ">=",
    "保持": ">=", "≥": ">=", "超过": ">", "高于": ">", "多于": ">", "不超过": "<=", "不高于": "<=",
    "不多于": "<=", "不得超过": "<=", "控制在": "<=", "≤": "<=", "低于": "<", "少于": "<",
}
SUFFIX = {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "之内": "<="}
CMP = "|".join(sorted(map(re.escape, COMPARATORS), key=len, reverse=True))
VERBS = "开展|举办|组织|召开|举行|听取|进行|参加|完成|培训|旁听"

PATTERNS = [
    ("compare", re.compile(rf"(?P<cmp>{CMP})\s*(?P<num>{NUM})\s*(?P<unit>{UNIT})(?P<suffix>及以上|以上|以下|以内)?")),
    ("suffix", re.compile(rf"(?P<num>{NUM})\s*(?P<unit>{UNIT})(?P<suffix>及以上|以上|以下|以内|之内)")),
    ("compare_verb", re.compile(rf"(?P<cmp>至少|不少于|不低于)(?P<verb>[\u4e00-\u9fff]{{2,4}}?)(?P<num>{NUM})"
                                rf"(?P<unit>次|场|期|轮|批|份|篇|人次|学时)(?P<object>[^，,；;。]*)")),
    ("count", re.compile(rf"(?P<verb>{VERBS})(?P<num>\d+|[一两二三四五六七八九十])(?P<unit>次|场|期|轮|批)"
                         r"(?P<object>[^，,；;。]*)")),
    ("rate", re.compile(r"(?P<what>[\u4e00-\u9fff、]{1,20}率)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|％)")),
    ("coverage", re.compile(r"(?P<what>[^，,；;。“”]*?)全覆盖")),
    ("every", re.compile(r"应(?P<a>[\u4e00-\u9fff]{1,3})尽(?P=a)")),
]

PERIODS = [("month", r"每月|每个月|按月|月度"), ("quarter", r"每季度|每季|按季度|季度"),
           ("half", r"每半年|半年"), ("year", r"全年|每年|年度|年内")]
PERIOD_LABELS = {"year": "全年", "half": "每半年", "quarter": "每季度", "month": "每月"}
LEADING_NOISE = re.compile(r"^(?:(?:[（(]\d{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,2}是|[委局]?党组|[委局]机关|"
                           r"全年|每年|年度|年内|每半年|每季度|每季|每月|[委局]属各单位|各单位|各科室|各处室|各股室|"
                           r"要|应|须|必须|并|且|同时|确保|力争|实行|实现|做到|推动|坚持|按规定|严格|认真|一律|依法)\s*)+")
TRAILING_NOISE = re.compile(r"(?:均|都|要|应|须|必须|分别|需|累计|年均|全年|每年|每季度|每月|每半年|做到|实现|达到)+$")
# In "领导班子成员实行年终述法全覆盖" what is covered follows the last of these verbs.
COVERAGE_VERB = re.compile(r"^.*(?:实行|实现|做到|开展|进行|落实|组织)")


@dataclass
class ParsedTarget:
    what: str
    comparator: str  # ">=", ">", "<=", "<", "="
    number: Decimal
    unit: str
    period: str  # year, half, quarter, month
    phrase: str  # the words the target was read from
    sentence: str  # the clause around it, for matching an indicator

    def describe(self) -> str:
        return describe(self.what, self.comparator, self.number, self.unit, self.period)


def describe(what: str, comparator: str, number: Decimal, unit: str, period: str) -> str:
    """A target in the words of a plan: 全年开展法律法规测试不少于2次, 全年年终述法达到100%."""
    symbol = {">=": "不少于", ">": "多于", "<=": "不超过", "<": "少于", "=": "为"}[comparator]
    if unit == "%" and comparator == ">=":
        symbol = "达到"
    prefix = "" if period == "year" and what.startswith(("年", "全年")) else PERIOD_LABELS[period]
    return f"{prefix}{what}{symbol}{Decimal(number).normalize():f}{unit}"


def to_number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError):
        return None


def period_of(text: str) -> str:
    for period, words in PERIODS:
        if re.search(words, text):
            return period
    return "year"


def _clean_what(text: str) -> str:
    text = LEADING_NOISE.sub("", text.strip(" 、，,：:“”\"")).strip()
    return TRAILING_NOISE.sub("", text).strip(" 、，,“”\"")


def _covered(text: str) -> str:
    text = _clean_what(text)
    rest = COVERAGE_VERB.sub("", text)
    return rest if len(rest) >= 2 else text


def clauses(text: str) -> list[tuple[str, str]]:
    """(clause, sentence) pairs: clauses split at ，；, sentences at 。"""
    pairs = []
    for sentence in re.split(r"[。！？!?\n]", text):
        for clause in re.split(r"[，,；;：:]", sentence):
            if clause.strip():
                pairs.append((clause.strip(), sentence.strip()))
    return pairs


def find_targets(text: str) -> list[ParsedTarget]:
    found: list[ParsedTarget] = []
    previous = ("", "")
    for clause, sentence in clauses(text):
        context = previous[0] if previous[1] == sentence else ""
        previous = (clause, sentence)
        taken: list[tuple[int, int]] = []
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(clause):
                span = match.span()
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue
                target = _target(kind, match, clause, sentence, context)
                if target is not None:
                    taken.append(span)
                    found.extend(_each_rate(target))
    return found


def _each_rate(target: ParsedTarget) -> list[ParsedTarget]:
    """"参考率、通过率均达到100%" is two targets: 参考率 and 通过率, each with the words before the first."""
    parts = target.what.split("、")
    if target.unit != "%" or len(parts) < 2 or not all(p.endswith("率") for p in parts):
        return [target]
    prefix = parts[0][:-len(parts[1])] if len(parts[0]) > len(parts[1]) else ""
    return [replace(target, what=(p if p.startswith(prefix) else prefix + p)) for p in parts]


def _target(kind: str, match: re.Match, clause: str, sentence: str, context: str) -> ParsedTarget | None:
    """`context` is the clause before `clause` in the same sentence: "开展公平竞争审查，做到应审尽审"."""
    groups = match.groupdict()
    before = clause[:match.start()]
    if kind in ("coverage", "every"):
        if kind == "coverage":
            what = _covered(groups.get("what") or "")
        else:  # 应审尽审: what is reviewed is named just before, in this clause or the one before
            verb = groups["a"]
            what = next((_covered(t) for t in (before, context) if verb in _covered(t)[-4:]), match.group(0))
        if not what:
            return None
        return ParsedTarget(what=what, comparator=">=", number=Decimal(100), unit="%", period=period_of(clause),
                            phrase=match.group(0), sentence=sentence)
    number = to_number(groups["num"])
    if number is None:
        return None
    unit = "%" if groups["unit"] == "％" else groups["unit"]
    if kind == "compare":
        comparator = SUFFIX.get(groups.get("suffix") or "", COMPARATORS[groups["cmp"]])
        what = _clean_what(before)
    elif kind == "suffix":
        comparator = SUFFIX[groups["suffix"]]
        what = _clean_what(before)
    elif kind == "compare_verb":
        comparator = COMPARATORS[groups["cmp"]]
        what = _clean_what(groups["verb"] + groups["object"])
    elif kind == "count":
        comparator = ">="
        what = _clean_what(groups["verb"] + groups["object"]) or _clean_what(before)
    else:  # rate
        comparator = ">="
        what = _clean_what(groups["what"])
    if not what:
        what = _clean_what(clause[:match.start()] + clause[match.end():]) or clause
    return ParsedTarget(what=what[:200], comparator=comparator, number=number, unit=unit,
                        period=period_of(clause), phrase=match.group(0), sentence=sentence)
