"""What each area writes into the annual report, registered once.

An app adds a `report.py` holding functions decorated with `@contribution(...)`. Each writes one paragraph
from the year's indicator values, asking `Facts` for every number so that the number is recorded beside the
paragraph (to link it to its records and to notice later when the records change), or returns None when
its area has nothing on record that year. The composer knows no area: it collects what is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.indicators.registry import Period, all_indicators, get, values

from . import wording
from .choices import Part

# The areas of 主要举措和成效 in the order reports take them, each with the heading drafted for it.
AREAS = {
    "study": "强化学法用法，压实法治建设责任",
    "publicity": "深化普法宣传，营造浓厚法治氛围",
    "rules": "加强制度建设，依法科学民主决策",
    "enforcement": "严格规范公正文明执法，提升监督效能",
    "services": "优化政务服务，助力营商环境",
    "disputes": "依法化解矛盾纠纷，维护群众合法权益",
}


@dataclass(frozen=True)
class Contribution:
    key: str
    part: str
    area: str
    order: int
    write: Callable[[Facts], str | None]
    indicators: tuple[str, ...]


_CONTRIBUTIONS: dict[str, Contribution] = {}


def contribution(*, key: str, order: int, area: str = "", part: str = Part.MEASURES, indicators=()):
    """Register the decorated `write(facts) -> str | None` as one paragraph of the report."""
    if part == Part.MEASURES and area not in AREAS:
        raise ValueError(f"unknown report area {area!r}")

    def register(func):
        if key in _CONTRIBUTIONS:
            raise ValueError(f"report paragraph {key} registered twice")
        _CONTRIBUTIONS[key] = Contribution(key, part, area, order, func, tuple(indicators))
        return func

    return register


def contributions() -> list[Contribution]:
    """Every registered paragraph, in report order: by part, then area, then the order it asked for."""
    from fazhi.core.areas import area_modules

    for _ in area_modules("report"):
        pass  # importing each app's report.py registers its paragraphs
    parts, areas = list(Part.values), list(AREAS)
    return sorted(_CONTRIBUTIONS.values(),
                  key=lambda c: (parts.index(c.part), areas.index(c.area) if c.area else -1, c.order))


def get_contribution(key: str) -> Contribution | None:
    contributions()
    return _CONTRIBUTIONS.get(key)


@dataclass
class Facts:
    """The indicator values of one report's scope and year, as its paragraphs quote them. Every number a
    paragraph takes through `count`, `money`, `rate` or `change` is noted in `figures`, in the order it
    was asked for."""

    scope: object  # the Org whose subtree the figures cover: a commission, or a region with its counties
    year: int
    approximate: str = ""
    compare: bool = False
    # "全市卫生健康系统" for a report over a region's commissions, "" for a commission's own.
    system: str = ""
    figures: list[dict] = field(default_factory=list)
    _values: dict = field(default_factory=dict)

    def value(self, code: str, year: int | None = None):
        year = year or self.year
        if (code, year) not in self._values:
            # Paragraphs ask for figures one by one: the first asks for every figure of its year at once,
            # one grouped query per family of figures, instead of one query per figure.
            codes = [item.code for item in all_indicators()]
            found = values(codes, self.scope, Period.year(year))
            self._values.update({(c, year): found[c] for c in codes})
        return self._values[code, year]

    def has(self, *codes: str) -> bool:
        """Whether any of `codes` has something on record this year."""
        return any(self.value(code) for code in codes)

    @property
    def lead(self) -> str:
        """How a sentence about the year's work opens: "全年" or "全市卫生健康系统全年"."""
        return f"{self.system}全年"

    def count(self, code: str, *, rough: bool = False) -> str:
        """A count of `code` with its unit ("2025户次"); with the change on last year where the report compares.
        `rough` marks the counts people round ("500余人次", "2000余份": people reached, materials handed out),
        which are rounded where the report chooses approximate wording; counts of cases, inspections and
        sessions are always exact."""
        number = self.value(code)
        shown = wording.count(number or 0, self.approximate if rough else "")
        return self._note(code, number, shown, get(code).unit, "count")

    def number(self, code: str, *, rough: bool = False) -> str:
        """A count of `code` without its unit, for phrases that put their own word ("培训14期", "覆盖500余人次")."""
        number = self.value(code)
        shown = wording.count(number or 0, self.approximate if rough else "")
        return self._note(code, number, shown, "", "count", compare=False)

    def money(self, code: str) -> str:
        number = self.value(code)
        shown, unit = wording.money(number)
        return self._note(code, number, shown, unit, "money")

    def rate(self, code: str) -> str:
        number = self.value(code)
        shown = wording.percent(number)
        return self._note(code, number, shown[:-1], "%", "rate", compare=False)

    def _note(self, code, number, shown, unit, kind, *, compare: bool = True) -> str:
        self.figures.append({"code": code, "year": self.year, "value": _json(number), "shown": shown,
                             "kind": kind})
        text = f"{shown}{unit}"
        if compare and self.compare:
            phrase = wording.change(number, self.value(code, self.year - 1))
            if phrase:
                self.figures.append({"code": code, "year": self.year - 1,
                                     "value": _json(self.value(code, self.year - 1)),
                                     "shown": phrase, "kind": "change"})
                text += f"（{phrase}）"
        return text

    def take(self) -> list[dict]:
        """The figures noted since the last call, for the paragraph just written."""
        taken, self.figures = self.figures, []
        return taken


def _json(number):
    """A value as it is kept in the paragraph's JSON: integers stay integers, amounts and rates become text."""
    if number is None or isinstance(number, int):
        return number
    return f"{Decimal(str(number)).normalize():f}" if isinstance(number, (Decimal, float)) else number


def series(items: list[str]) -> str:
    """Clauses joined as reports list their points: "一是…；二是…；三是…。" — one clause stands alone."""
    items = [i.rstrip("。；") for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    numbers = "一二三四五六七八九十"
    return "；".join(f"{numbers[i]}是{text}" for i, text in enumerate(items)) + "。"
