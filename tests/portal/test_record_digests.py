"""The published digests of the whole-process records as anybody reads them: each day's hash without
signing in, the day's document whose SHA-256 it is, and nothing about the parties or the cases."""

import datetime as dt
import hashlib
import io
import json

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.cases.models import Case, RecordDigest
from tests.cases.factories import open_case
from tests.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db

TOMORROW = TODAY + dt.timedelta(days=1)


@pytest.fixture
def visitor():
    return Client()


def anchor_tomorrow():
    with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
        call_command("anchor_records", stdout=io.StringIO())
    return RecordDigest.objects.get(day=TOMORROW)


def personal_data() -> set[str]:
    """What a digest must never show of any case: the party, its id number and address, the case's numbers."""
    found = set()
    for row in Case.all_objects.values_list("party_name", "party_id_no", "party_address", "number", "decision_no"):
        found |= {value for value in row if value}
    return found


def test_the_portal_lists_each_days_digest_newest_first_to_anybody(visitor):
    demo = RecordDigest.objects.get(day=TODAY)
    later = anchor_tomorrow()
    response = visitor.get("/public/record-digests/")
    assert response.status_code == 200
    html = response.content.decode()
    assert later.digest in html and demo.digest in html
    assert html.index(later.digest) < html.index(demo.digest)
    assert f'href="/public/record-digests/{TODAY:%Y-%m-%d}.json"' in html
    assert f"{demo.case_count} 件" in html
    assert 'href="/public/record-digests/"' in visitor.get("/public/").content.decode()
    assert "退出登录" not in html


def test_a_days_document_hashes_to_its_published_digest_and_names_no_party(visitor):
    digest = RecordDigest.objects.get(day=TODAY)
    response = visitor.get(f"/public/record-digests/{TODAY:%Y-%m-%d}.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f"fazhi-record-digest-{TODAY:%Y-%m-%d}.json" in response["Content-Disposition"]
    assert hashlib.sha256(response.content).hexdigest() == digest.digest
    body = json.loads(response.content)
    assert set(body) == {"format", "date", "previous", "cases"}
    assert body["date"] == f"{TODAY:%Y-%m-%d}" and body["previous"] == "0" * 64
    assert len(body["cases"]) == Case.all_objects.count() == digest.case_count
    assert all(set(row) == {"case", "seq", "head"} for row in body["cases"])
    text = response.content.decode()
    page = visitor.get("/public/record-digests/").content.decode()
    leaked = {value for value in personal_data() if value in text or value in page}
    assert not leaked


def test_a_case_still_under_investigation_shows_only_its_public_id_and_its_hashes(visitor):
    case = open_case(party_name="李四明", party_id_no="110101198807071234")
    anchor_tomorrow()
    text = visitor.get(f"/public/record-digests/{TOMORROW:%Y-%m-%d}.json").content.decode()
    assert json.loads(text)["cases"] == [{"case": str(case.public_id), "seq": 1, "head": case.log_head}]
    assert "李四明" not in text and "110101198807071234" not in text and case.number not in text


@pytest.mark.parametrize("day", ["2020-01-01", "20261122", "2026-13-40", "昨天"])
def test_a_day_without_a_digest_gets_the_portals_not_found_page(visitor, day):
    response = visitor.get(f"/public/record-digests/{day}.json")
    assert response.status_code == 404
    assert "行政执法公示" in response.content.decode()


def test_the_digest_pages_are_read_only(visitor):
    assert visitor.post("/public/record-digests/").status_code == 405
    assert visitor.post(f"/public/record-digests/{TODAY:%Y-%m-%d}.json").status_code == 405
    assert RecordDigest.objects.count() == 1


def test_the_list_and_a_document_take_a_fixed_number_of_queries(visitor):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(url).status_code == 200
        return len(queries)

    before = count("/public/record-digests/"), count(f"/public/record-digests/{TODAY:%Y-%m-%d}.json")
    open_case()
    open_case()
    anchor_tomorrow()
    after = count("/public/record-digests/"), count(f"/public/record-digests/{TOMORROW:%Y-%m-%d}.json")
    assert before == after == (2, 2)  # the page and the count; the digest and its heads
