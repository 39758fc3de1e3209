"""Benchmarks of the public portal, run by `make bench` on the city-scale demo: the pages an
anonymous visitor opens most."""

from django.test import Client

_visitor = Client(HTTP_HOST="127.0.0.1")


def _public(url):
    response = _visitor.get(url)
    assert response.status_code == 200, response.status_code
    return f"{len(response.content) // 1024} KB"


def commission_page_city():
    return _public("/public/990100.wjw/")


def commission_page_county():
    return _public("/public/990121.wjw/")


def decision_list_city():
    return _public("/public/990100.wjw/decisions/")


def draw_list_city():
    return _public("/public/990100.wjw/draws/")


BENCHMARKS = [
    ("commission_page_city", commission_page_city),
    ("commission_page_county", commission_page_county),
    ("decision_list_city", decision_list_city),
    ("draw_list_city", draw_list_city),
]
