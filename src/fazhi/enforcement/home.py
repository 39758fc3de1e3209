"""The enforcement area's panel on the home page: this year's headline figures and what needs doing soon."""

from __future__ import annotations

from fazhi.core.selectors import scope_root

from .summary import HOME, attention, figures


def panel(user, today) -> dict | None:
    root = scope_root(user)
    if root is None:
        return None
    return {
        "template": "enforcement/_home_panel.html",
        "year": today.year,
        "figures": figures(root, today.year, HOME),
        "attention": [item for item in attention(user, today) if item["count"]],
    }
