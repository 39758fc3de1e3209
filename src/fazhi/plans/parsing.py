"""Work plan documents (工作要点) → sections, items, points and targets.

Three steps, each open to the user's correction:
1. `paragraphs(text)` joins back what PDF and Word exports break: a sentence split by a line
   break or a blank line, spaces between Chinese characters, page-number lines.
2. `classify(paragraphs)` gives each paragraph a role (title, preamble, section, item, point,
   body, closing) from the numbering it starts with. Official documents number levels in a
   fixed order — 一、 › （一） › 1. › （1） › ① — so the highest level present is the section,
   the next the item, and any lower one a point inside an item.
3. `assemble(paragraphs, roles)` builds the plan. The preview page lets the user change any
   paragraph's role and assembles again, so the user, not the guess, has the last word.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .targets import ParsedTarget, find_targets

CN_NUM = "一二三四五六七八九十百零〇两"

# Numbering kinds, highest level first.
MARKERS = [
    ("cn", re.compile(rf"^(?P<num>[{CN_NUM}]{{1,4}})\s*[、，,．.]\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*(?P<num>[{CN_NUM}]{{1,4}})\s*[）)]\s*[、，,．.]?\s*")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*[、，,．.]?\s*")),
    ("circled", re.compile(r"^(?P<num>[①-⑳])\s*")),
]
RANK = {kind: index for index, (kind, _) in enumerate(MARKERS)}


class Role:
    TITLE = "title"
    PREAMBLE = "preamble"
    SECTION = "section"
    ITEM = "item"
    POINT = "point"
    BODY = "body"
    CLOSING = "closing"

    CHOICES = [(TITLE, "标题"), (PREAMBLE, "前言"), (SECTION, "部分"), (ITEM, "条目"), (POINT, "要点"),
               (BODY, "正文"), (CLOSING, "结尾")]


# ---------------------------------------------------------------- 1. paragraphs
CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019"
SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}])[ \t]+|[ \t]+(?=[{CJK}])")
PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:\d{1,3}|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)[-—–\s]*$")
SENTENCE_END = re.compile(r"(?:[。！？；：!?;]|[。！？；][”’」』）)])$")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
SIGNATURE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:委员会|委|局|厅|办公室|中心|政府|领导小组)$")
CLOSING_START = re.compile(r"^(?:附件|抄送|印发|联系人|（此件|\(此件|各(?:科室|处室|股室|单位|部门|县|区)|"
                           r"[委局]属各单位|请各|本要点|以上)")
HEADING_MAX = 60  # a numbered line this short with no full stop is a heading on its own line


def marker_of(text: str) -> tuple[str, str, int] | None:
    """(kind, number as written, length of the marker) of a paragraph's leading numbering."""
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            # "一是…" and "一要…" are inline points, not numbering; "2026年" is a year.
            return kind, match.group(0).strip(), match.end()
    return None


def clean_line(line: str) -> str:
    line = line.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "").strip()
    return SPACE_NEAR_CJK.sub("", line)


def _is_heading(text: str) -> bool:
    return marker_of(text) is not None and "。" not in text and len(text) <= HEADING_MAX


def paragraphs(text: str) -> list[str]:
    """The document's paragraphs, with broken sentences joined back."""
    lines = [clean_line(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line and not PAGE_NUMBER.match(line)]
    full_width = _full_width(lines)
    result: list[str] = []
    last_line = ""
    for line in lines:
        previous = result[-1] if result else None
        # A line as wide as the page that ends mid-sentence was wrapped (PDF), even if it is numbered.
        wrapped = len(last_line) >= full_width - 1 and not SENTENCE_END.search(last_line)
        starts_new = (
            previous is None
            or marker_of(line) is not None
            or SENTENCE_END.search(previous)
            or (_is_heading(previous) and not wrapped)
            or (len(result) == 1 and _looks_like_title(previous))
            or DATE_LINE.match(line) or DATE_LINE.match(previous)
            or SIGNATURE.match(previous)
            or CLOSING_START.match(line)
        )
        if starts_new:
            result.append(line)
        else:
            result[-1] = previous + line
        last_line = line
    return result


def _full_width(lines: list[str]) -> float:
    """The length of a full line of the page, when the text keeps the page's line breaks (PDF)."""
    lengths = sorted(len(line) for line in lines)
    if len(lengths) < 8:
        return float("inf")
    return lengths[int(0.8 * (len(lengths) - 1))]


def _looks_like_title(text: str) -> bool:
    return len(text) <= HEADING_MAX and not re.search(r"[。；！？，：]", text) and marker_of(text) is None


# ---------------------------------------------------------------- 2. roles
def classify(paras: list[str]) -> list[str]:
    """A role for each paragraph (see `Role`)."""
    kinds = [(marker_of(p) or (None,))[0] for p in paras]
    present = sorted({k for k in kinds if k}, key=RANK.get)
    if not present:
        return [Role.TITLE if i == 0 and _looks_like_title(p) else Role.PREAMBLE for i, p in enumerate(paras)]
    if len(present) == 1:
        section_kind, item_kind = None, present[0]
    else:
        section_kind, item_kind = present[0], present[1]
    first = next(i for i, k in enumerate(kinds) if k in (section_kind, item_kind))

    roles = []
    for index, (text, kind) in enumerate(zip(paras, kinds, strict=True)):
        if index < first:
            roles.append(Role.TITLE if index == len(roles) and all(r == Role.TITLE for r in roles)
                         and _looks_like_title(text) else Role.PREAMBLE)
        elif kind == section_kind:
            roles.append(Role.SECTION)
        elif kind == item_kind:
            roles.append(Role.ITEM)
        elif kind is not None and RANK[kind] > RANK[item_kind]:
            roles.append(Role.POINT)
        else:
            roles.append(Role.BODY)
    # Closing lines: signature, date and the usual closing phrases after the last item.
    last_item = max((i for i, r in enumerate(roles) if r == Role.ITEM), default=len(roles))
    tail = range(last_item + 1, len(roles))
    closing_from = next((i for i in tail if _is_closing(paras[i])), None)
    if closing_from is not None:
        for i in range(closing_from, len(roles)):
            roles[i] = Role.CLOSING
    return roles


def _is_closing(text: str) -> bool:
    return bool(DATE_LINE.match(text) or SIGNATURE.match(text) or CLOSING_START.match(text))


# ---------------------------------------------------------------- 3. the plan
@dataclass
class ParsedItem:
    number: str  # as written: "（一）", "1."
    title: str
    text: str  # the whole item without its number: title sentence, body and points
    points: list[str] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedSection:
    number: str
    title: str
    intro: str = ""
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str
    preamble: str
    sections: list[ParsedSection]
    closing: list[str]
    paragraphs: list[str]
    roles: list[str]

    @property
    def items(self) -> list[ParsedItem]:
        return [item for section in self.sections for item in section.items]

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("paragraphs")
        data.pop("roles")
        data["counts"] = {"sections": len(self.sections), "items": len(self.items),
                          "targets": sum(len(i.targets) for i in self.items)}
        return data


def strip_marker(text: str) -> tuple[str, str]:
    marker = marker_of(text)
    if marker is None:
        return "", text
    return marker[1], text[marker[2]:].strip()


def item_title(text: str) -> str:
    """The sentence before the first 。, or the whole line when a heading stands alone."""
    head = text.split("。", 1)[0]
    return head[:300].rstrip("；;，,：:")


def assemble(paras: list[str], roles: list[str]) -> ParsedPlan:
    title_parts, preamble, closing, sections = [], [], [], []
    section: ParsedSection | None = None
    item_parts: list[list[str]] = []  # paragraphs of the current item: [number, heading, *rest]

    def close_item():
        if item_parts and section is not None:
            section.items.append(_build_item(item_parts[0]))
            item_parts.clear()

    for text, role in zip(paras, roles, strict=True):
        if role == Role.TITLE:
            title_parts.append(text)
        elif role == Role.PREAMBLE:
            preamble.append(text)
        elif role == Role.CLOSING:
            close_item()
            closing.append(text)
        elif role == Role.SECTION:
            close_item()
            number, rest = strip_marker(text)
            section = ParsedSection(number=number.rstrip("、，,．. "), title=rest.rstrip("。"))
            sections.append(section)
        elif role == Role.ITEM:
            close_item()
            if section is None:  # a plan numbered in one level only: its items sit in one section
                section = ParsedSection(number="", title="")
                sections.append(section)
            item_parts.append([text])
        elif item_parts:  # body and point paragraphs continue the item
            item_parts[0].append(text if role == Role.BODY else "\x00" + text)
        elif section is not None:
            section.intro = "\n".join(filter(None, [section.intro, text]))
        else:
            preamble.append(text)
    close_item()
    return ParsedPlan(title="".join(title_parts), preamble="\n".join(preamble), sections=sections,
                      closing=closing, paragraphs=list(paras), roles=list(roles))


INLINE_POINT = re.compile(rf"(?:^|(?<=[。；;，,：:]))\s*([{CN_NUM}]{{1,3}})(?:是|要)")
INLINE_NUMBERED = re.compile(r"[（(]\s*(\d{1,2})\s*[）)]|([①-⑳])")


def _build_item(parts: list[str]) -> ParsedItem:
    number, heading = strip_marker(parts[0])
    lines = [heading] + [p.lstrip("\x00") for p in parts[1:]]
    points = [strip_marker(p[1:])[1].rstrip("。；;") for p in parts[1:] if p.startswith("\x00")]
    text = "\n".join(lines)
    if not points:
        points = inline_points(text)
    return ParsedItem(number=number, title=item_title(heading), text=text, points=points,
                      targets=find_targets(text))


def inline_points(text: str) -> list[str]:
    """Points written inside a paragraph: 一是…二是…三是…, or （1）…（2）…"""
    for pattern, first in ((INLINE_POINT, "一"), (INLINE_NUMBERED, None)):
        matches = list(pattern.finditer(text))
        if len(matches) < 2:
            continue
        if first is not None and matches[0].group(1) != first:
            continue
        points = []
        for index, match in enumerate(matches):
            if index + 1 < len(matches):
                end = matches[index + 1].start()
            else:  # the last point ends with its sentence
                stop = text.find("。", match.end())
                end = stop if stop >= 0 else len(text)
            points.append(text[match.end():end].strip().rstrip("；;，,。").strip())
        return [p for p in points if p]
    return []


def parse(text: str, roles: list[str] | None = None) -> ParsedPlan:
    """Parse a plan's text; `roles`, when given, are the user's corrections of `classify`."""
    paras = paragraphs(text)
    guessed = classify(paras)
    if roles is not None and len(roles) == len(paras):
        guessed = [r if r in dict(Role.CHOICES) else g for r, g in zip(roles, guessed, strict=True)]
    return assemble(paras, guessed)
