"""The `fazhi` console command: org tree, new commissions, holidays (backup and restore: test_backup.py)."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.cli import main, server_options
from fazhi.core.models import Org, User

pytestmark = pytest.mark.django_db


def test_the_console_command_maps_its_short_names(monkeypatch):
    calls = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", calls.append)
    main(["fazhi", "create-commission", "某县"])
    main(["fazhi", "demo", "--scale", "city"])
    main(["fazhi", "migrate"])
    assert calls == [["fazhi", "create_commission", "某县"], ["fazhi", "migrate", "--noinput", "-v", "0"],
                     ["fazhi", "seed_demo", "--scale", "city"], ["fazhi", "collectstatic", "--noinput", "-v", "0"],
                     ["fazhi", "migrate"]]


def test_serve_collects_the_static_files_then_runs_gunicorn_workers(monkeypatch, settings, tmp_path):
    """As on a fresh clone: nothing collected yet; `fazhi serve` collects under hashed names, closes the
    checks' database connection so that no forked worker shares it, and starts gunicorn's gthread workers."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "fazhi.core.staticfiles.StaticStorage"}}
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("FAZHI_WORKERS", "3")
    monkeypatch.delenv("FAZHI_THREADS", raising=False)
    events = []
    monkeypatch.setattr("django.db.connections.close_all", lambda: events.append("closed"))
    monkeypatch.setattr("fazhi.cli.run_gunicorn", lambda app, options: events.append((app, options)))
    assert main(["fazhi", "serve", "127.0.0.1:8123"]) == 0

    from fazhi.wsgi import application

    assert events[0] == "closed"
    app, options = events[1]
    assert app is application
    assert options["bind"] == "127.0.0.1:8123" and options["workers"] == 3 and options["threads"] == 4
    assert options["worker_class"] == "gthread"
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["fazhi/fazhi.css"]
    assert hashed != "fazhi/fazhi.css" and (tmp_path / "static" / hashed).exists()


def test_serve_sizes_the_workers_from_the_cores_and_the_environment():
    name, options = server_options("0.0.0.0:8000", 1000, environ={}, platform="linux", cpus=2)
    assert name == "gunicorn" and options["bind"] == "0.0.0.0:8000"
    assert (options["workers"], options["threads"]) == (5, 4)
    assert server_options(":8000", 1000, environ={}, platform="darwin", cpus=32)[1]["workers"] == 8
    assert server_options("8000", 1000, environ={}, platform="linux", cpus=1)[1]["bind"] == "127.0.0.1:8000"
    _, options = server_options("127.0.0.1:8000", 1000, environ={"FAZHI_WORKERS": "12", "FAZHI_THREADS": "2"},
                                platform="linux", cpus=2)
    assert (options["workers"], options["threads"]) == (12, 2)
    with pytest.raises(SystemExit, match="FAZHI_WORKERS"):
        server_options("127.0.0.1:8000", 1000, environ={"FAZHI_WORKERS": "0"}, platform="linux")


def test_serve_keeps_waitress_where_gunicorn_cannot_run():
    name, options = server_options("127.0.0.1:8000", 4096, environ={}, platform="win32")
    assert name == "waitress"
    assert options == {"host": "127.0.0.1", "port": 8000, "threads": 8, "ident": "fazhi",
                       "max_request_body_size": 4096}


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
