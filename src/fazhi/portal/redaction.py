"""What the public may see of a penalty decision (行政处罚决定公开中的个人信息保护).

The portal never renders a `Case`: it renders the `PublicDecision` built here, which holds only what
the law publishes. A natural person (公民) appears as surname + 某; an organisation by its full name.
The party's ID number and address are never copied over, and ID-card, bank-card, mobile and landline
numbers, however written, the person's full name and their address, and the names of the business's legal
person and practitioners are masked wherever they occur in the free text (案由、违法事实、处罚依据); numbers
are masked in the 文号 and the party's name too, and in what the portal publishes of a draw."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from django.utils import timezone

from fazhi.cases import texts
from fazhi.cases.choices import DecisionKind, PartyKind

# ---------------------------------------------------------------- names
# Two-character surnames (复姓) of the 百家姓 and in use today: "欧阳娜娜" shows as "欧阳某", not "欧某".
COMPOUND_SURNAMES = frozenset([
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "司空", "令狐", "夏侯", "轩辕", "独孤", "南宫", "西门", "端木", "申屠", "公羊", "澹台", "濮阳",
    "太史", "万俟", "闻人", "赫连", "钟离", "宗政", "呼延", "百里", "东郭", "南门", "拓跋", "仲孙",
    "单于", "淳于", "鲜于", "闾丘", "子车", "左丘", "第五", "梁丘", "谷梁", "羊舌", "微生", "公冶",
    "乐正", "壤驷", "公良", "漆雕", "巫马", "亓官", "司寇", "颛孙", "公西", "段干", "东门", "公户",
    "公玉", "夹谷", "宰父", "公伯", "哥舒", "即墨", "归海", "东里",
])
REDACTED = "某"


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def surname(name: str) -> str:
    """The surname of a Chinese personal name: a 复姓 when the name starts with one, else the first
    character. Nothing when the name does not start with a Chinese character (it cannot be told)."""
    name = name.strip()
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2]
    return name[:1] if name and _is_han(name[0]) else ""


def person_name(name: str) -> str:
    """张三 → 张某, 欧阳娜娜 → 欧阳某, 阿依古丽·买买提 → 阿某; an unreadable name → 某."""
    return surname(name) + REDACTED


# What a registered business name (字号) carries and a personal name does not.
BUSINESS_WORDS = re.compile(r"店|馆|室|所|站|院|部|厂|场|中心|公司|诊所|门诊|工作室|会所|酒店|宾馆")


def party_name(name: str, kind: str, *, business_name: str = "", owner: str = "") -> str:
    """The party as published: a natural person by surname, an organisation in full. A natural person
    named by the registered name (字号) of the business they run — the supervised entity of the case, a
    个体工商户 or a clinic — is named as that business, which is public anyway; but not when the business is
    registered under the person's own name (the name is its owner's, or reads as a person's)."""
    name = name.strip()
    if kind == PartyKind.ORGANISATION:
        return name
    if business_name and name == business_name.strip() and name != owner.strip() and BUSINESS_WORDS.search(name):
        return name
    return person_name(name)


# ---------------------------------------------------------------- numbers inside free text
# Written by hand rather than with `phonenumbers`: ID and bank-card numbers need this reading of digit
# runs anyway, and that library finds phones either only in the ranges allocated today (a mistyped or
# newly issued mobile would be published) or also in dates and sums ("2026-03-05", "20000").
#
# The text is first folded one character for one (full-width digits, brackets, spaces and every dash to
# their ASCII forms), so a position in the folded copy is the same position in the original. A run is a
# stretch of digit groups joined by spaces, hyphens or dots, maybe after "+" or an area code in brackets;
# each run is read group by group for the longest stretch that has the shape of a personal number — its
# digit count and leading digits, its grouping when it stands beside other digits, one separator throughout
# — and every digit (and a closing X) of that stretch is starred in the original, separators kept as written.

class _Folded(dict):
    """str.translate table folding any character to one character: its NFKC form, a hyphen for a dash."""

    DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = "-" if char in self.DASHES else unicodedata.normalize("NFKC", char)
        self[code] = folded if len(folded) == 1 else char
        return self[code]


FOLD = _Folded()
SEPARATOR = r"[ \t.\-]{1,3}"
RUN = re.compile(rf"(?<![0-9])(?:\+ ?)?(?:\( ?(?:\+ ?)?[0-9]{{2,4}} ?\) ?-?)?[0-9]+(?:{SEPARATOR}[0-9]+)*"
                 rf"(?:(?:{SEPARATOR})?[Xx](?![A-Za-z0-9]))?")
GROUP = re.compile(r"[0-9]+(?:[Xx]$)?|[Xx]$")
QUANTITY = re.compile(r"[%‰元户条款项人次家个份万亿倍年月日天岁件起名张台]|:[0-9]")
MOBILE = re.compile(r"(?:0086|86)?1[3-9][0-9]{9}")
# How a mobile is grouped when it stands beside other digits: 138 1234 5678, 138-12345678, 1381-234-5678.
MOBILE_GROUPS = {(11,), (3, 4, 4), (3, 8), (4, 3, 4)}
ID_18 = re.compile(r"[0-9]{17}[0-9Xx]")
# What may stand between a label and its number: "电话：", "身份证号码为".
_TAIL = r"[ \t:为是]{0,2}$"
# A number after a licence or registration label is published as it is, unless it is a mobile number or
# a valid ID number (a 15-digit 医师执业证书编码 reads like an old ID card).
LICENCE_LABEL = re.compile(r"(?:(?:许可证|执业证书?|资格证书?|执法证件?|注册证书?|登记证书?|营业执照)"
                           rf"(?:号码|编号|编码|号)?|信用代码|注册号|登记号){_TAIL}")
PHONE_WORDS = r"(?:电话|手机|座机|固话|传真|联系方式)(?:号码|号)?"
PHONE_LABEL = re.compile(PHONE_WORDS + _TAIL)
# After these a run of seven or more digits is masked whole even when it has no known shape (a typo).
PERSONAL_LABEL = re.compile(rf"(?:{PHONE_WORDS}|身份证件?(?:号码|编号|号)?|(?:公民)?身份号码|证件号码?"
                            rf"|银行卡|(?:银行卡|银行账户|账户|卡|账)(?:号码|号)){_TAIL}")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _born(year: str, month: str, day: str) -> bool:
    try:
        return date(int(year), int(month), int(day)).year >= 1880
    except ValueError:
        return False


def _valid_id(digits: str) -> bool:
    """An 18-character ID number whose birth date exists and whose check character is right (GB 11643)."""
    check = "10X98765432"[sum(int(d) * w for d, w in zip(digits[:17], ID_WEIGHTS, strict=True)) % 11]
    return _born(digits[6:10], digits[10:12], digits[12:14]) and digits[17].upper() == check


def _in_fours(sizes: list[int]) -> bool:
    """Grouped as card and ID numbers are written: fours with a shorter last group, or a six-digit head."""
    return len(sizes) > 1 and (all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4 or len(sizes) == 2 and sizes[0] == 6)


def _personal(digits: str, sizes: list[int], *, whole: bool, code: bool, phone_label: bool) -> bool:
    """Whether digit groups of these `sizes` (`digits` joined) are an ID-card, bank-card or phone number.

    A group written without separators is read by its digits alone, and so is a `whole` run with nothing
    beside it; part of a longer run must also be grouped the way that kind of number is written, so that
    neighbouring dates and sums are not read into it. Inside a `code` (a licence number, a registration
    code) only a mobile or a valid ID number counts."""
    n, plain = len(digits), len(sizes) == 1
    if MOBILE.fullmatch(digits):
        country = 1 if digits[:sizes[0]] in ("86", "0086") else 0
        return plain or whole or code or tuple(sizes[country:]) in MOBILE_GROUPS
    if ID_18.fullmatch(digits):  # may close with X
        if code:
            return _valid_id(digits)
        return plain or whole or _in_fours(sizes) or tuple(sizes) == (6, 8, 4)
    if code or not digits.isdigit():
        return False
    if phone_label and 7 <= n <= 8 and digits[0] in "23456789":  # a local number without its area code
        return True
    if digits[0] == "0" and 10 <= n <= 12:  # area code (010, 0371) and seven or eight digits
        return plain or whole or sizes[0] in (3, 4) and 7 <= n - sizes[0] <= 8
    if n == 15:  # the old ID number, birth date as YYMMDD; "2026 13812345678" is a year and a mobile
        born = _born("19" + digits[6:8], digits[8:10], digits[10:12])
        return plain or whole and born or tuple(sizes) == (6, 6, 3) and born
    if 16 <= n <= 19:  # "20110716 20070924" is two dates: a card is written whole or in fours
        return plain or _in_fours(sizes)
    return False


def _letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _uniform(separators: list[str], first_group: str) -> bool:
    """One way of separating throughout, but for the gap after a prefix (+86 138-1234-5678, 0371 6543-2100,
    (0371)6543-2100): "GB 15171-2024 83%" is three numbers, not a mobile."""
    prefix = first_group in ("86", "0086") or first_group[0] == "0" and len(first_group) in (3, 4)
    return len(set(separators[1:] if prefix or ")" in separators[:1] else separators)) <= 1


def _run_spans(folded: str, run: re.Match) -> list[tuple[int, int]]:
    """The personal numbers in one run of digit groups of the folded text: (start, end) positions."""
    if len(run.group()) < 7:  # the shortest is a local landline after "电话"; most runs are years and sums
        return []
    groups = [(run.start() + g.start(), run.start() + g.end()) for g in GROUP.finditer(run.group())]
    before, after = folded[max(0, run.start() - 12):run.start()], folded[run.end():run.end() + 2]
    # The minutes of "10:30" and the figures of "83%", "69户" belong to a time or a quantity, never to a number.
    time_before, quantity_after = re.search(r"[0-9]:$", before) is not None, QUANTITY.match(after) is not None
    groups = groups[time_before:len(groups) - quantity_after]
    whole = not (time_before or quantity_after)
    separators = [folded[end:start] for (_, end), (start, _) in pairwise(groups)]
    # A run glued to letters is part of a code such as a registration number; so is one after a label.
    licence = not time_before and (LICENCE_LABEL.search(before) is not None or _letter(before[-1:]))
    letter_after = not quantity_after and _letter(after[:1])
    phone_label = not time_before and not licence and PHONE_LABEL.search(before) is not None
    personal_label = not time_before and not licence and PERSONAL_LABEL.search(before) is not None

    def is_number(i: int, j: int) -> bool:
        digits = "".join(folded[a:b] for a, b in groups[i:j])
        first, last = i == 0, j == len(groups)
        return len(digits) <= 19 and _uniform(separators[i:j - 1], folded[slice(*groups[i])]) and _personal(
            digits, [b - a for a, b in groups[i:j]], whole=whole and first and last,
            code=first and licence or last and letter_after, phone_label=first and phone_label)

    spans, i = [], 0
    while i < len(groups):
        end = next((j for j in range(len(groups), i, -1) if is_number(i, j)), None)
        if end is not None:
            spans.append((groups[i][0], groups[end - 1][1]))
            i = end
        elif i == 0 and personal_label and sum(b - a for a, b in groups) >= 7:
            return [(groups[0][0], groups[-1][1])]
        else:
            i += 1
    return spans


def mask_numbers(text: str) -> str:
    """Every ID-card, bank-card, mobile and landline number in `text` with its digits starred, however
    it is written: with spaces, hyphens or brackets, in full-width digits, after +86."""
    folded = text.translate(FOLD)
    chars = list(text)
    for run in RUN.finditer(folded):
        for start, end in _run_spans(folded, run):
            for k in range(start, end):
                if folded[k] in "0123456789Xx":
                    chars[k] = "*"
    return "".join(chars)


def mask_text(text: str, *, names: Iterable[tuple[str, str]] = (), addresses: Iterable[str] = ()) -> str:
    """`text` as published: numbers masked, each (full name, shown name) replaced, each address hidden."""
    text = text or ""
    for full, shown in names:
        if len(full) >= 2:
            text = text.replace(full, shown)
    for address in addresses:
        if len(address) >= 4:
            text = text.replace(address, "***")
    # Numbers last: an address or a name is found as the case records it, digits and all.
    return mask_numbers(text)


# ---------------------------------------------------------------- the published decision
@dataclass(frozen=True)
class PublicDecision:
    """A penalty decision as the portal shows it. Everything here may be published."""

    public_id: uuid.UUID
    decision_no: str
    party: str
    party_kind: str
    cause: str
    facts: str
    basis: str
    decision_kind: str
    penalty: str
    fine_amount: Decimal
    confiscation_amount: Decimal
    lenient_item: str
    decided_on: date | None
    published_on: date
    unit: str


def penalty_text(case) -> str:
    """警告、罚款5,000元、没收违法所得1,200元; or what was decided instead of a penalty."""
    if case.decision_kind and case.decision_kind != DecisionKind.PENALTY:
        return DecisionKind(case.decision_kind).label
    return texts.penalty_text(case.penalty_kinds, case.fine_amount, case.confiscation_amount, case.property_value)


def public_decision(case) -> PublicDecision:
    """What the public may see of `case` (its `org`, `entity`, the entity's practitioners and `lenient_item`
    are read; select and prefetch them)."""
    entity = case.entity if case.entity_id else None
    owner = entity.legal_person if entity else ""
    shown = party_name(case.party_name, case.party_kind, business_name=entity.name if entity else "", owner=owner)
    person = case.party_kind != PartyKind.ORGANISATION
    names = [(case.party_name.strip(), shown)] if person and shown != case.party_name.strip() else []
    # Other people the facts may name: the business's legal person and its practitioners.
    others = [owner, *(p.name for p in entity.practitioners.all())] if entity else []
    names += [(other.strip(), person_name(other)) for other in others if other.strip()]
    names.sort(key=lambda pair: len(pair[0]), reverse=True)  # 欧阳娜娜 before 欧阳娜
    addresses = [case.party_address.strip()] if person else []

    def mask(text: str) -> str:
        return mask_text(text, names=names, addresses=addresses)

    return PublicDecision(
        public_id=case.public_id,
        decision_no=mask_numbers(case.decision_no),
        party=mask_numbers(shown),
        party_kind=PartyKind(case.party_kind).label,
        cause=mask(case.cause),
        facts=mask(case.facts),
        basis=mask(case.legal_basis),
        decision_kind=DecisionKind(case.decision_kind).label if case.decision_kind else "",
        penalty=penalty_text(case),
        fine_amount=case.fine_amount,
        confiscation_amount=case.confiscation_amount,
        lenient_item=case.lenient_item.violation if case.lenient_item_id else "",
        decided_on=case.decided_on,
        published_on=timezone.localdate(case.published_at),
        unit=case.org.name,
    )
