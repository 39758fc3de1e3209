"""What the public may see of a penalty decision (行政处罚决定公开中的个人信息保护).

The portal never renders a `Case`: it renders the `PublicDecision` built here, which holds only what
the law publishes. A natural person (公民) appears as surname + 某; an organisation by its full name.
The party's ID number and address are never copied over, and ID-card, bank-card, mobile and landline
numbers, the person's full name and their address, and the names of the business's legal person and
practitioners are masked wherever they occur in the free text (案由、违法事实、处罚依据)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

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
# Runs of 15 to 19 digits (an X may close them): ID cards of 15 or 18 digits, bank cards. Never a
# sum of money or a document number, which are far shorter.
LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{14,18}[0-9Xx](?![0-9A-Za-z])")
# Mobile numbers, with or without +86 and with spaces or hyphens between the groups.
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?![0-9])")
# Landlines written with the area code and a hyphen: 0371-65432100, 010-12345678.
LANDLINE = re.compile(r"(?<![0-9-])0\d{2,3}-\d{7,8}(?![0-9])")


def _stars(match: re.Match) -> str:
    return re.sub(r"[0-9Xx]", "*", match.group())


def mask_numbers(text: str) -> str:
    """Every ID-card, bank-card, mobile and landline number in `text` with its digits starred."""
    for pattern in (LONG_NUMBER, MOBILE, LANDLINE):
        text = pattern.sub(_stars, text)
    return text


def mask_text(text: str, *, names: Iterable[tuple[str, str]] = (), addresses: Iterable[str] = ()) -> str:
    """`text` as published: numbers masked, each (full name, shown name) replaced, each address hidden."""
    text = mask_numbers(text or "")
    for full, shown in names:
        if len(full) >= 2:
            text = text.replace(full, shown)
    for address in addresses:
        if len(address) >= 4:
            text = text.replace(address, "***")
    return text


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
        decision_no=case.decision_no,
        party=shown,
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
