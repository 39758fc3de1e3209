"""双随机 on the portal: a draw is public from the moment its pool is fixed, its picks and teams once
drawn, each result once published and until its period ends; the record and the verifier download."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from fazhi.draws.choices import DrawStatus, PickOutcome
from fazhi.enforcement.choices import InspectionResult
from fazhi.enforcement.models import Entity, Officer
from fazhi.portal.selectors import DRAW_RETENTION, retention_start

from .factories import make_draw, make_pick, make_task, moment

pytestmark = pytest.mark.django_db

COUNTY_UNIT = "990121.wjw.wsjds"
OTHER_UNIT = "990102.wjw.wsjds"
DAY = dt.timedelta(days=1)


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def today():
    return timezone.localdate()


def html_of(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def team(unit=COUNTY_UNIT, size=2):
    return list(Officer.objects.certified(timezone.localdate()).filter(org__code=unit).order_by("pk")[:size])


def entities(unit=COUNTY_UNIT, count=4):
    return list(Entity.objects.filter(org__code=unit).order_by("pk")[:count])


def test_a_committed_draw_shows_its_commitment_before_anybody_knows_the_pool(visitor):
    task = make_task(COUNTY_UNIT, "承诺阶段的抽查任务")
    draw = make_draw(task, status=DrawStatus.COMMITTED)
    from fazhi.draws.models import Draw, DrawPool

    DrawPool.objects.filter(draw=draw).delete()
    Draw.objects.filter(pk=draw.pk).update(pool_hash="", pool_entity_count=None, pool_officer_count=None,
                                           pool_fixed_at=None)
    assert "承诺阶段的抽查任务" in html_of(visitor, "/public/990121.wjw/")
    page = html_of(visitor, f"/public/990121.wjw/draws/{draw.public_id}/")
    assert draw.commitment in page and "待锁定名录" in page
    assert draw.secret not in page  # the secret itself only once the draw is made
    record = visitor.get(f"/public/draws/{draw.public_id}.json").content.decode()
    assert draw.commitment in record and draw.secret not in record


def test_a_fixed_pool_shows_commitment_and_pool_hash_but_no_picks_or_secret(visitor):
    draw = make_draw(make_task(COUNTY_UNIT, "学校卫生专项抽查"), status=DrawStatus.POOL_FIXED)
    assert "学校卫生专项抽查" in html_of(visitor, "/public/990121.wjw/")
    html = html_of(visitor, f"/public/990121.wjw/draws/{draw.public_id}/")
    assert draw.commitment in html and draw.pool_hash in html
    assert draw.secret not in html
    assert "名录已锁定，抽取后在此公开抽中对象和检查人员" in html


def test_a_drawn_draw_shows_picks_teams_and_each_published_result(visitor, today):
    draw = make_draw(make_task(COUNTY_UNIT, "公共场所卫生国家双随机抽查"), fixed_on=today - 30 * DAY)
    officers = team()
    first, second, third, fourth = entities()
    make_pick(draw, first, officers, inspected_on=today - 20 * DAY, result=InspectionResult.RECTIFY,
              published_on=today - 10 * DAY)
    make_pick(draw, second, officers, inspected_on=today - 19 * DAY)
    make_pick(draw, third, officers)
    unable = make_pick(draw, fourth, officers, published_on=today - 9 * DAY)
    unable.outcome, unable.unable_reason = PickOutcome.UNABLE, "已停业，联系电话13812345678"
    unable.settled_on = today - 18 * DAY
    unable.save()

    html = html_of(visitor, f"/public/990121.wjw/draws/{draw.public_id}/")
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 4
    names = "、".join(officer.name for officer in sorted(officers, key=lambda o: (o.name, o.pk)))
    assert all(names in row for row in rows)
    assert first.name in rows[0] and "责令整改" in rows[0]
    assert second.name in rows[1] and "待公示" in rows[1] and "责令整改" not in rows[1]
    assert third.name in rows[2] and "待检查" in rows[2]
    assert fourth.name in rows[3] and "无法检查：已停业，联系电话***********" in rows[3]
    assert draw.secret in html and draw.seed in html  # revealed once drawn, so anyone can re-run it
    listing = html_of(visitor, "/public/990121.wjw/draws/")
    assert "4 户" in listing and "结果已公示 2 户" in listing


def test_results_and_draws_leave_once_their_retention_has_passed(visitor, today):
    first_day = retention_start(DRAW_RETENTION, today)
    officers = team()
    a, b, c, d = entities()

    old = make_draw(make_task(COUNTY_UNIT, "早已公示期满的抽查"), fixed_on=first_day - 60 * DAY)
    make_pick(old, a, officers, inspected_on=first_day - 50 * DAY, published_on=first_day - DAY)

    kept = make_draw(make_task(COUNTY_UNIT, "仍有结果在公示期内的抽查"), fixed_on=first_day - 60 * DAY)
    make_pick(kept, b, officers, inspected_on=first_day - 50 * DAY, published_on=first_day - DAY)
    make_pick(kept, c, officers, inspected_on=first_day - 40 * DAY, result=InspectionResult.CASE,
              published_on=first_day)

    html = html_of(visitor, "/public/990121.wjw/")
    assert "早已公示期满的抽查" not in html
    assert "仍有结果在公示期内的抽查" in html
    html_of(visitor, f"/public/990121.wjw/draws/{old.public_id}/", 404)
    html_of(visitor, f"/public/draws/{old.public_id}.json", 404)

    rows = html_of(visitor, f"/public/990121.wjw/draws/{kept.public_id}/").split("<tbody>")[1].split("<tr>")[1:]
    assert "公示期已满" in rows[0] and "未发现问题" not in rows[0]
    assert "立案查处" in rows[1]

    void = make_draw(make_task(COUNTY_UNIT, "名录有误作废的抽查"), status=DrawStatus.VOID, fixed_on=today - 3 * DAY,
                     void_reason="抽取范围选错，重新建立任务")
    html = html_of(visitor, f"/public/990121.wjw/draws/{void.public_id}/")
    assert "已作废" in html and "抽取范围选错，重新建立任务" in html


def test_another_countys_draw_stays_on_its_own_page(visitor):
    other = make_draw(make_task(OTHER_UNIT, "示例区公共场所抽查"))
    make_pick(other, entities(OTHER_UNIT, 1)[0], team(OTHER_UNIT))
    assert "示例区公共场所抽查" not in html_of(visitor, "/public/990121.wjw/")
    assert "示例区公共场所抽查" not in html_of(visitor, "/public/990121.wjw/draws/")
    html_of(visitor, f"/public/990121.wjw/draws/{other.public_id}/", 404)
    assert "示例区公共场所抽查" in html_of(visitor, f"/public/990102.wjw/draws/{other.public_id}/")


def test_the_draw_section_links_the_record_and_the_verifier(visitor):
    draw = make_draw(make_task(COUNTY_UNIT))
    html = html_of(visitor, f"/public/990121.wjw/draws/{draw.public_id}/")
    assert f'href="/public/draws/{draw.public_id}.json"' in html
    assert 'href="/public/draws/fazhi-draw-verify.py"' in html
    assert 'href="/public/draws/fazhi-draw-verify.py"' in html_of(visitor, "/public/990121.wjw/")


# ---------------------------------------------------------------- the files
def test_a_drawn_record_downloads_as_json_and_verifies_pick_by_pick(visitor):
    from fazhi.core.models import User
    from fazhi.draws import algorithm

    from ..draws.factories import drawn, make_unit, stock
    from ..draws.factories import make_task as make_draw_task

    office = User.objects.get(username="xian_fazhi")
    unit = make_unit()
    stock(unit)
    draw = drawn(make_draw_task(office, unit, name="公共场所卫生抽查"), office)
    response = visitor.get(f"/public/draws/{draw.public_id}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="fazhi-draw-{draw.public_id}.json"'
    assert "公共场所卫生抽查" in response.content.decode()  # Chinese as written, not \u escapes
    lines, ok = algorithm.report(json.loads(response.content))
    assert ok, lines
    assert sum(line.endswith("：一致") for line in lines if line.startswith("第")) == 3


def test_a_draw_with_its_pool_fixed_already_offers_its_record(visitor):
    draw = make_draw(make_task(COUNTY_UNIT), status=DrawStatus.POOL_FIXED)
    assert visitor.get(f"/public/draws/{draw.public_id}.json").status_code == 200


def test_the_verifier_downloads_as_the_algorithm_module(visitor):
    from fazhi.draws import algorithm

    response = visitor.get("/public/draws/fazhi-draw-verify.py")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="fazhi-draw-verify.py"'
    assert response["Content-Type"].startswith("text/x-python")
    assert response.content == Path(algorithm.__file__).read_bytes()


def test_pick_results_published_in_the_future_are_not_shown(visitor, today):
    from fazhi.draws.models import Pick

    draw = make_draw(make_task(COUNTY_UNIT))
    pick = make_pick(draw, entities(count=1)[0], team(), inspected_on=today)
    Pick.objects.filter(pk=pick.pk).update(result_published_at=moment(today + 400 * DAY))
    rows = html_of(visitor, f"/public/990121.wjw/draws/{draw.public_id}/").split("<tbody>")[1]
    assert "未发现问题" not in rows
