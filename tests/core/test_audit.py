"""Every change is kept (who, when, before/after); deletes are soft and restorable."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services
from fazhi.core.models import EvidenceFile, LegalTimeLimit

from ..conftest import login

pytestmark = pytest.mark.django_db


def upload(org, actor, name="纪要.pdf", body=b"%PDF-1.4 minutes"):
    return services.evidence_upload(org=org, uploaded=SimpleUploadedFile(name, body), actor=actor)


def test_creating_and_changing_a_record_keeps_who_when_and_before_after(county_admin, county):
    evidence = upload(county, county_admin)
    client = login(county_admin.username)
    evidence.title = "2026年第一次党组会议纪要"
    evidence.save()
    history = list(evidence.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[0].history_user == county_admin
    change = history[1].diff_against(history[0]).changes
    assert [(c.field, c.old, c.new) for c in change] == [("title", "纪要.pdf", "2026年第一次党组会议纪要")]
    ct = ContentType.objects.get_for_model(EvidenceFile).pk
    page = client.get(f"/history/{ct}/{evidence.pk}/").content.decode()
    assert "纪要.pdf → 2026年第一次党组会议纪要" in page
    assert "材料名称" in page


def test_a_change_through_a_form_records_the_signed_in_user(deployment_admin):
    limit = LegalTimeLimit.objects.get(code="normative-legality-review")
    client = login(deployment_admin.username)
    data = {"name": limit.name, "number": 10, "unit": "wd", "legal_basis": limit.legal_basis,
            "status": "confirmed", "starts_from": limit.starts_from, "article": "第十条", "note": ""}
    response = client.post(f"/time-limits/{limit.pk}/edit/", data)
    assert response.status_code == 302
    last = limit.history.latest("history_id")
    assert last.history_user == deployment_admin and last.number == 10
    assert last.prev_record.number == 15


def test_delete_is_soft_and_a_sysadmin_restores(county_admin, county_sysadmin, county):
    evidence = upload(county, county_admin)
    admin_client = login(county_admin.username)
    assert admin_client.post(f"/evidence/{evidence.pk}/delete/").status_code == 302
    assert not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    stored = EvidenceFile.all_objects.get(pk=evidence.pk)
    assert stored.deleted_by == county_admin and stored.file.storage.exists(stored.file.name)
    assert admin_client.get(f"/evidence/{evidence.pk}/").status_code == 404

    # the legal affairs officer cannot restore; the system administrator can
    ct = ContentType.objects.get_for_model(EvidenceFile).pk
    assert admin_client.post(f"/trash/{ct}/{evidence.pk}/restore/").status_code == 403
    sys_client = login(county_sysadmin.username)
    assert evidence.title in sys_client.get("/trash/").content.decode()
    assert sys_client.post(f"/trash/{ct}/{evidence.pk}/restore/").status_code == 302
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()
    page = sys_client.get(f"/history/{ct}/{evidence.pk}/").content.decode()
    assert "删除" in page and "恢复" in page
    text = re.sub(r"<[^>]+>", "", page)
    assert f"删除人：（空） → {county_admin}" in text and f"删除人：{county_admin} → （空）" in text


def test_an_out_of_scope_delete_changes_nothing(other_county_admin, county_admin, county):
    evidence = upload(county, county_admin)
    with pytest.raises(PermissionDenied):
        services.record_delete(record=evidence, actor=other_county_admin)
    evidence.refresh_from_db()
    assert evidence.deleted_at is None
    assert evidence.history.count() == 1


def test_org_and_user_changes_are_kept_too(county_sysadmin, county):
    client = login(county_sysadmin.username)
    county.short_name = "县卫健局"
    county.save()
    assert county.history.latest("history_id").short_name == "县卫健局"
    ct = ContentType.objects.get_for_model(type(county)).pk
    assert "县卫健局" in client.get(f"/history/{ct}/{county.pk}/").content.decode()


def test_entered_holiday_days_are_in_the_audit_trail(deployment_admin):
    from fazhi.core.models import CalendarDay

    services.holiday_schedule_import(year=2027, source="通知", text="2027-01-01 放假 元旦", actor=deployment_admin)
    day = CalendarDay.objects.get(date="2027-01-01")
    assert day.history.get().history_user == deployment_admin


def test_an_org_saved_outside_the_services_still_gets_its_place_in_the_tree(county):
    from fazhi.core.models import Org

    unit = Org.objects.create(parent=county, kind="unit", name="后加单位", code="990121.wjw.hj")
    assert unit.path == f"{county.path}{unit.pk}/"
    other = Org.objects.get(code="990102.wjw")
    unit.parent = other
    unit.save()
    unit.refresh_from_db()
    assert unit.path == f"{other.path}{unit.pk}/"
