"""Benchmarks of the spine, run by `make bench` on the demo data."""

import datetime as dt

from django.test import Client

from . import deadlines
from .models import User


def due_dates():
    cal = deadlines.WorkCalendar()
    start = dt.date(2025, 1, 1)
    for offset in range(2000):
        cal.due(start + dt.timedelta(days=offset % 700), 20, "wd")
    return "2000 个工作日期限"


_clients = {}


def _page(username, url):
    if username not in _clients:  # sign in once; the figures are for the page alone
        _clients[username] = Client(HTTP_HOST="127.0.0.1")
        _clients[username].force_login(User.objects.get(username=username))
    response = _clients[username].get(url)
    assert response.status_code == 200, response.status_code
    return f"{len(response.content) // 1024} KB"


def evidence_list_city():
    return _page("shi_lingdao", "/evidence/")


def evidence_export_city():
    return _page("shi_lingdao", "/evidence/?_export=xlsx")


def indicators_city():
    return _page("shi_lingdao", "/indicators/")


BENCHMARKS = [
    ("due_dates", due_dates),
    ("evidence_list_city", evidence_list_city),
    ("evidence_export_city", evidence_export_city),
    ("indicators_city", indicators_city),
]
