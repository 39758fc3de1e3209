"""Odd query parameters never give a server error: every page and API list answers them with a Chinese
message (a 400 for the API) or ignores what it does not use."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ..conftest import login

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
# What a careless user or a script puts in a query string: negatives, words, numbers too large for any
# database column, a NUL byte (which PostgreSQL refuses in text), a year no record has.
ODD_VALUES = ["-1", HUGE, "abc", "\x00", "99999"]
# Each alone on every route; the rest of what any filter reads, all at once.
ONE_BY_ONE = ["per_page", "page", "year", "org", "unit", "q", "sort"]
ALL_AT_ONCE = ["status", "kind", "level", "grade", "category", "task", "plan", "case", "entity", "officer", "draw",
               "round", "date", "start", "certified_on", "pending", "source", "view", "layout", "code", "result",
               "procedure", "opened_after", "opened_before", "date_after", "date_before", "month", "lead", "part",
               "practitioner", "_export", "page_size", "ordering", "search", "limit", "offset"]


def parameterless_routes():
    """Every page and API list that needs no id in its path (the admin and the public portal aside)."""
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry, route)
            elif isinstance(entry, URLPattern) and not entry.pattern.regex.groupindex:
                yield "/" + route.replace("^", "").replace("$", "")
    return sorted({r for r in walk(get_resolver())
                   if not r.startswith(("/django-admin", "/accounts", "/api/schema"))
                   and "logout" not in r and "\\" not in r})


@pytest.mark.parametrize("username", ["xian_fazhi", "shi_lingdao"])
def test_no_page_or_api_list_gives_a_server_error_on_odd_parameters(username):
    client = login(username)
    client.raise_request_exception = False
    failures = []
    for route in parameterless_routes():
        for value in ODD_VALUES:
            for query in [{name: value} for name in ONE_BY_ONE] + [dict.fromkeys(ALL_AT_ONCE, value)]:
                response = client.get(route, query)
                if response.status_code >= 500:
                    failures.append(f"{route}?{'&'.join(query)}={value!r} → {response.status_code}")
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} in all)"


def test_a_refused_year_or_id_says_why_in_chinese():
    client = login("xian_fazhi")
    page = client.get("/indicators/", {"year": "-1"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "年份“-1”无效" in text and "不带参数重新打开本页" in text
    api = client.get("/api/draws/", {"task": HUGE})
    assert api.status_code == 400 and "应为1至" in api.json()["detail"]
    assert client.get("/api/indicators/", {"year": "0"}).json()["detail"].startswith("年份“0”无效")
    assert client.get("/enforcement/cases/", {"per_page": "-1"}).status_code == 200  # a page of one row
    assert client.get("/indicators/", {"year": "2026"}).status_code == 200
