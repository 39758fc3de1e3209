"""`fazhi backup` / `fazhi restore`: a native copy on the database the suite runs on (SQLite or
PostgreSQL), the portable JSON route between them, and archives that must be refused."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core import backups, services
from fazhi.core.models import EvidenceFile, Org, User


def row_counts() -> dict[str, int]:
    """Rows of every model, history tables and soft-deleted records included."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def media_sums() -> dict[str, str]:
    media = Path(settings.MEDIA_ROOT)
    return {path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media.rglob("*")) if path.is_file()}


def members(archive: Path) -> list[str]:
    with tarfile.open(archive) as tar:
        return tar.getnames()


@pytest.fixture
def files_and_trash(county_admin):
    """Three uploaded files (with their history) and one record in the trash."""
    uploaded = [services.evidence_upload(org=county_admin.org, actor=county_admin,
                                         uploaded=SimpleUploadedFile(f"备份{n}.pdf", f"%PDF-1.4 backup {n}".encode()))
                for n in range(3)]
    services.record_delete(record=uploaded[2], actor=county_admin)
    return uploaded


def change_everything(uploaded: list[EvidenceFile]) -> None:
    """What a restore must undo: a renamed org, deleted rows, a new record, changed and deleted files."""
    Org.objects.filter(code="990121.wjw.bgs").update(name="已改名")
    EvidenceFile.all_objects.filter(pk=uploaded[0].pk).delete()
    uploaded[1].file.storage.delete(uploaded[1].file.name)
    with uploaded[2].file.storage.open(uploaded[2].file.name, "wb") as handle:
        handle.write(b"changed after the backup")
    officer = User.objects.get(username="xian_fazhi")
    services.evidence_upload(org=officer.org, actor=officer, uploaded=SimpleUploadedFile("新.pdf", b"%PDF-1.4 new"))


@pytest.mark.parametrize("portable", [False, True], ids=["native", "portable"])
def test_restore_brings_back_every_row_and_file_as_backed_up(committed_db, files_and_trash, tmp_path, portable):
    counts, sums = row_counts(), media_sums()
    archive = tmp_path / "fazhi.tar.gz"
    call_command("backup", str(archive), *(["--portable"] if portable else []))
    # the first member says what the archive holds: the engine's own copy, or the portable records
    assert members(archive)[0] == backups.DUMPS["portable" if portable else connection.vendor]

    change_everything(files_and_trash)
    assert (row_counts(), media_sums()) != (counts, sums)
    call_command("restore", str(archive), yes=True)

    assert row_counts() == counts
    assert media_sums() == sums
    assert Org.objects.get(code="990121.wjw.bgs").name == "办公室"
    assert EvidenceFile.all_objects.get(pk=files_and_trash[2].pk).deleted_at is not None  # the trash survives
    assert all(services.evidence_verify(evidence=e) == "ok" for e in files_and_trash)
    assert User.objects.get(username="xian_fazhi").check_password("Fazhi-demo-2026")


def rewrite(archive: Path, target: Path, change) -> None:
    """Copy an archive member by member, passing each member's name and bytes through `change`."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def test_a_tampered_archive_is_refused_and_nothing_is_replaced(committed_db, files_and_trash, tmp_path):
    archive, tampered = tmp_path / "fazhi.tar.gz", tmp_path / "tampered.tar.gz"
    call_command("backup", str(archive))
    victim = "media/" + files_and_trash[0].file.name
    rewrite(archive, tampered, lambda name, data: b"%PDF-1.4 forged" if name == victim else data)
    Org.objects.filter(code="990121.wjw.bgs").update(name="备份后改名")
    counts, sums = row_counts(), media_sums()

    with pytest.raises(CommandError, match="校验未通过.*" + victim):
        call_command("restore", str(tampered), yes=True)
    assert row_counts() == counts and media_sums() == sums
    assert Org.objects.get(code="990121.wjw.bgs").name == "备份后改名"
    media = Path(settings.MEDIA_ROOT)
    assert not media.with_name("media.restoring").exists() and not media.with_name("media.old").exists()


@pytest.mark.django_db
def test_an_archive_of_the_other_engine_points_to_the_portable_route(tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in [(backups.DUMPS[other], b"a copy made by the other engine"),
                           (backups.MANIFEST, json.dumps({"format": backups.FORMAT, "engine": other}).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    counts = row_counts()
    with pytest.raises(CommandError, match="fazhi backup --portable") as refused:
        call_command("restore", str(archive), yes=True)
    assert backups.ENGINES[other] in str(refused.value)
    assert row_counts() == counts


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "none.tar.gz"), yes=True)


def test_postgresql_programs_of_another_major_version_are_not_used(tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    old = tmp_path / "bin" / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(backups, "PG_BIN_GLOB", str(tmp_path / "lib" / "*" / "bin"))
    with pytest.raises(CommandError, match="postgresql-client-16"):
        backups.pg_tool("pg_dump", major=16)
    (tmp_path / "lib" / "16" / "bin").mkdir(parents=True)
    matching = tmp_path / "lib" / "16" / "bin" / "pg_dump"
    matching.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)'\n")
    matching.chmod(0o755)
    assert backups.pg_tool("pg_dump", major=16) == str(matching)
