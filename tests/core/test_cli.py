"""The `fazhi` console command: org tree, new commissions, holidays (backup and restore: test_backup.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.cli import main
from fazhi.core.models import Org, User

pytestmark = pytest.mark.django_db


def test_the_console_command_maps_its_short_names(monkeypatch):
    calls = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", calls.append)
    main(["fazhi", "create-commission", "某县"])
    main(["fazhi", "demo", "--scale", "city"])
    main(["fazhi", "migrate"])
    assert calls == [["fazhi", "create_commission", "某县"], ["fazhi", "migrate", "--noinput", "-v", "0"],
                     ["fazhi", "seed_demo", "--scale", "city"], ["fazhi", "migrate"]]


def test_orgs_prints_the_tree_with_stable_codes(capsys):
    call_command("orgs", root="990121")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("示例县") and "990121" in out[0]
    assert any(line.startswith("  示例县卫生健康局") and line.endswith("990121.wjw") for line in out)
    assert any(line.startswith("    政策法规科") and "990121.wjw.zcfgk" in line for line in out)
    assert not any("示例区" in line for line in out)


def test_create_commission_adds_a_county_with_departments_and_an_admin():
    call_command("create_commission", "新设县", level="county", code="990131", parent="990100",
                 admin="xinshe_admin", admin_password="Strong-pass-2026")
    commission = Org.objects.get(code="990131.wjw")
    assert commission.name == "新设县卫生健康局"
    assert commission.parent.parent.code == "990100"
    assert commission.children.filter(name="政策法规科").exists()
    admin = User.objects.get(username="xinshe_admin")
    assert admin.has_role("sysadmin") and admin.org == commission


def test_create_commission_refuses_unknown_parents_and_weak_passwords():
    with pytest.raises(CommandError, match="找不到代码"):
        call_command("create_commission", "某县", level="county", code="990199", parent="nope")
    with pytest.raises(CommandError):
        call_command("create_commission", "某县", level="county", code="990199", parent="990100",
                     admin="x", admin_password="123")
    assert not Org.objects.filter(code="990199").exists()


def test_holidays_are_imported_from_a_file_and_bad_lines_are_named(tmp_path):
    from fazhi.core.deadlines import due

    good = tmp_path / "2027.txt"
    good.write_text("2027-01-01 放假 元旦\n", encoding="utf-8")
    call_command("import_holidays", 2027, str(good))
    assert not due(dt.date(2026, 12, 31), 1, "wd").provisional
    bad = tmp_path / "bad.txt"
    bad.write_text("2027-01-01 放假 元旦\n2027-13-01 放假 无\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行"):
        call_command("import_holidays", 2027, str(bad))
