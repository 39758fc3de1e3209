"""`fazhi verify-files` run daily by cron: exit 0 when every file matches its hash, 1 on any mismatch."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from fazhi.cli import main
from fazhi.core import backups, services
from fazhi.core.models import EvidenceFile

FAZHI = Path(sys.executable).with_name("fazhi")  # the console script installed beside this interpreter
PDF = b"%PDF-1.4\n% attendance sheet\n%%EOF\n"


@pytest.fixture
def one_file(county_admin, county):
    """A deployment holding one evidence file (the demo's files are not in this test's media folder)."""
    EvidenceFile.all_objects.all().delete()
    return services.evidence_upload(org=county, uploaded=SimpleUploadedFile("签到表.pdf", PDF), actor=county_admin)


def tamper(evidence: EvidenceFile) -> None:
    with evidence.file.storage.open(evidence.file.name, "wb") as handle:
        handle.write(PDF.replace(b"attendance", b"forged"))


@pytest.mark.django_db
def test_the_console_command_returns_0_when_every_file_matches(one_file, capsys):
    assert main(["fazhi", "verify-files"]) == 0
    assert "校验完成：1 份，异常 0 份" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_console_command_exits_1_on_a_mismatch_and_names_the_file(one_file, capsys):
    tamper(one_file)
    with pytest.raises(SystemExit) as stopped:
        main(["fazhi", "verify-files"])
    assert stopped.value.code == 1
    out, err = capsys.readouterr()
    assert f"{one_file.pk}\tmismatch\t签到表" in out and "校验完成：1 份，异常 1 份" in out
    assert "1 份佐证材料" in err


def database_url(tmp_path: Path) -> str:
    """What another process uses to reach this test's database: the PostgreSQL test database, or a
    copy of the in-memory SQLite one."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        backups.dump_database(copy)
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    user = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_verify(tmp_path: Path, url: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "FAZHI_DATA_DIR": str(tmp_path / "data"),
           "FAZHI_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    return subprocess.run([str(FAZHI), "verify-files"], env=env, capture_output=True, text=True, timeout=120)


def test_the_installed_script_gives_cron_the_exit_code(committed_db, one_file, tmp_path):
    url = database_url(tmp_path)
    intact = run_verify(tmp_path, url)
    assert intact.returncode == 0, intact.stderr
    assert "异常 0 份" in intact.stdout
    tamper(one_file)
    broken = run_verify(tmp_path, url)
    assert broken.returncode == 1
    assert "异常 1 份" in broken.stdout and "mismatch" in broken.stdout
