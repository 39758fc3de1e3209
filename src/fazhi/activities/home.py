"""The activity ledgers' panel on the home page: this year's headline figures for the user's scope."""

from __future__ import annotations

from fazhi.core.selectors import scope_root

from .summary import HOME, figures


def panel(user, today) -> dict | None:
    root = scope_root(user)
    if root is None:
        return None
    return {
        "template": "activities/_home_panel.html",
        "year": today.year,
        "root": root,
        "figures": figures(root, today.year, HOME),
    }
