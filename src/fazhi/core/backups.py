"""Backups: the database and the uploaded files in one .tar.gz archive, written and read as streams.

A native archive holds the database as its engine copies it (`pg_dump` custom format on PostgreSQL,
SQLite's online backup API on SQLite) and restores only into the same engine. A portable archive holds
Django's JSONL dump and loads into either: the route between SQLite and PostgreSQL. The first member
is the database, so its name tells the kind at once; manifest.json comes last with the format, the
engine, the time and the SHA-256 of every member, and restore checks every sum before it replaces
anything.
"""

import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import management
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from .statistics import refresh_statistics

FORMAT = "fazhi-backup-2"
LEGACY_FORMAT = "fazhi-backup-1"  # portable JSON with no sums, read for old archives
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3", "portable": "data.jsonl"}
LEGACY_DUMP = "data.json"
ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Rebuilt by Django itself, or transient: not part of a portable dump.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
CHUNK = 1024 * 1024
CROSS_ROUTE = ("跨数据库迁移请在原系统运行 fazhi backup --portable 文件名 导出，"
               "再在本系统运行 fazhi restore 文件名 导入。")

# Run before the restored SQL in the same transaction: the schema is emptied, so tables that the
# archive does not know (from a later migration) cannot block the restore.
EMPTY_SCHEMA = b"""SET client_min_messages = warning;
DO $$DECLARE t record; BEGIN
  FOR t IN SELECT schemaname, tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I.%I CASCADE', t.schemaname, t.tablename);
  END LOOP;
END $$;
"""


def engine() -> str:
    if connection.vendor not in ENGINES:
        raise CommandError(f"不支持的数据库类型 {connection.vendor}：备份仅支持 SQLite 与 PostgreSQL")
    return connection.vendor


# ---------------------------------------------------------------- backup
def create(path, *, portable: bool = False) -> dict:
    """Write the archive beside its final name and rename it at the end, so a broken run leaves no
    archive that looks whole."""
    kind = "portable" if portable else engine()
    target = Path(path).resolve()
    partial = target.with_name(target.name + ".partial")
    files = {}
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            dump = Path(tmp) / DUMPS[kind]
            if portable:
                dump_portable(dump)
            else:
                dump_database(dump)
            with tarfile.open(partial, "w:gz") as archive:
                files[dump.name] = _add(archive, dump, dump.name)
                for source, name in _media_files():
                    files[name] = _add(archive, source, name)
                manifest = {"format": FORMAT, "engine": engine(), "portable": portable, "database": dump.name,
                            "created": timezone.localtime().isoformat(timespec="seconds"), "files": files}
                with tempfile.TemporaryFile(dir=tmp) as handle:
                    handle.write(json.dumps(manifest, ensure_ascii=False, indent=1).encode())
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime = handle.tell(), int(timezone.now().timestamp())
                    handle.seek(0)
                    archive.addfile(info, handle)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def dump_database(target: Path) -> None:
    """Copy the configured database into one file, consistently, as its engine does."""
    if engine() == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return
    args, env = _pg_connection()
    done = subprocess.run([pg_tool("pg_dump"), "--format=custom", f"--file={target}", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise CommandError(f"pg_dump 导出失败：{done.stderr.strip()}")


def dump_portable(target: Path) -> None:
    # use_base_manager: soft-deleted records belong in a backup too. JSONL is written and read line by line.
    management.call_command("dumpdata", format="jsonl", natural_foreign=True, exclude=EXCLUDED,
                            use_base_manager=True, output=str(target), verbosity=0)


class _Hashing:
    """A file read through once: into the archive, and into its SHA-256."""

    def __init__(self, handle):
        self.handle, self.sha256 = handle, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.sha256.update(chunk)
        return chunk


def _add(archive: tarfile.TarFile, source: Path, name: str) -> str:
    info = archive.gettarinfo(source, arcname=name)
    with open(source, "rb") as handle:
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return reader.sha256.hexdigest()


def _media_files():
    media = Path(settings.MEDIA_ROOT)
    for folder, subfolders, names in os.walk(media):
        subfolders.sort()
        for name in sorted(names):
            source = Path(folder) / name
            if source.is_file() and not source.is_symlink():
                yield source, "media/" + source.relative_to(media).as_posix()


# ---------------------------------------------------------------- restore
def restore(path) -> dict:
    """Unpack beside the current data, check every sum, load the database, and only then swap the
    media folder: a failure at any step leaves the current data and files as they were."""
    current = engine()
    media = Path(settings.MEDIA_ROOT)
    staging = media.with_name(media.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            manifest, dump = _unpack(Path(path), current, Path(tmp), staging)
            native = dump.name == DUMPS[current]
            if native:
                load_database(dump)
            else:
                load_portable(dump)
        outgoing = media.with_name(media.name + ".old")
        shutil.rmtree(outgoing, ignore_errors=True)
        if media.exists():
            media.rename(outgoing)
        staging.rename(media)
        shutil.rmtree(outgoing, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if native:  # a copy from an older release gets the newer tables and columns
        management.call_command("migrate", verbosity=0)
    refresh_statistics()
    return manifest


def _unpack(path: Path, current: str, tmp: Path, staging: Path) -> tuple[dict, Path]:
    manifest, dump, sums = None, None, {}
    staging.mkdir(parents=True)
    try:
        archive = tarfile.open(path, "r:*")
    except tarfile.TarError as error:
        raise CommandError(f"{path} 不是法治系统的备份文件") from error
    with archive:
        try:
            for member in archive:
                name = member.name
                if name == MANIFEST:
                    manifest = json.load(archive.extractfile(member))
                    continue
                if member.isdir() and (name == "media" or name.startswith("media/")):
                    continue
                if not member.isfile():
                    raise CommandError(f"备份文件中有不应有的条目 {name}")
                if dump is None and name in (*DUMPS.values(), LEGACY_DUMP):
                    _refuse_other_engine(name, current)
                    dump = destination = tmp / name
                else:
                    destination = staging.joinpath(*_media_parts(name))
                    destination.parent.mkdir(parents=True, exist_ok=True)
                sums[name] = _extract(archive.extractfile(member), destination)
        except (tarfile.TarError, EOFError, zlib.error, json.JSONDecodeError) as error:
            raise CommandError(f"备份文件 {path} 已损坏，无法读取：{error}") from error
    if manifest is None or dump is None:
        raise CommandError(f"{path} 不是法治系统的备份文件：缺少清单或数据库")
    if manifest.get("format") == FORMAT:
        expected = manifest.get("files", {})
        wrong = sorted(name for name in expected.keys() | sums.keys() if expected.get(name) != sums.get(name))
        if wrong:
            raise CommandError(f"备份文件校验未通过：{len(wrong)} 个条目与清单的 SHA-256 不符"
                               f"（{'、'.join(wrong[:5])}），文件可能已损坏或被改动。"
                               "未作任何恢复，当前数据和文件保持原样。")
    elif manifest.get("format") != LEGACY_FORMAT:
        raise CommandError(f"无法识别的备份格式 {manifest.get('format')}：请用生成该备份的法治版本恢复")
    return manifest, dump


def _refuse_other_engine(name: str, current: str) -> None:
    for other, dump_name in DUMPS.items():
        if name == dump_name and other in ENGINES and other != current:
            raise CommandError(f"该备份是 {ENGINES[other]} 数据库的原样副本，"
                               f"不能恢复到当前的 {ENGINES[current]} 数据库。{CROSS_ROUTE}")


def _media_parts(name: str) -> tuple[str, ...]:
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or parts[0] != "media" or any(part in ("", ".", "..") for part in parts):
        raise CommandError(f"备份文件中有不应有的条目 {name}")
    return parts[1:]


def _extract(source, destination: Path) -> str:
    digest = hashlib.sha256()
    with open(destination, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def load_database(dump: Path) -> None:
    """Replace the configured database by a native copy, in one transaction."""
    if engine() == "sqlite":
        source = sqlite3.connect(dump)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)  # one step: committed whole or not at all
        finally:
            source.close()
    else:
        _pg_restore(dump)
    ContentType.objects.clear_cache()


def _pg_restore(dump: Path) -> None:
    """pg_restore turns the dump into SQL that psql runs in one transaction after emptying the schema;
    COMMIT is sent only when pg_restore has finished cleanly, so any failure rolls everything back."""
    pg_restore, psql = pg_tool("pg_restore"), pg_tool("psql")
    args, env = _pg_connection()
    connections.close_all()  # our own session must not hold the tables being replaced
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        reader = subprocess.Popen([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                   "--file=-", str(dump)], stdout=subprocess.PIPE, stderr=restore_errors)
        runner = subprocess.Popen([psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", *args], env=env,
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=psql_errors)
        committed = False
        try:
            runner.stdin.write(b"BEGIN;\n" + EMPTY_SCHEMA)
            shutil.copyfileobj(reader.stdout, runner.stdin, CHUNK)
            if reader.wait() == 0:
                runner.stdin.write(b"COMMIT;\n")
                runner.stdin.flush()
                committed = True
        except BrokenPipeError:  # psql stopped at an error: its transaction is rolled back
            committed = False
        finally:
            reader.kill()
            reader.wait()
            reader.stdout.close()
            try:
                runner.stdin.close()
            except BrokenPipeError:
                committed = False
            runner.wait()
        if not (committed and reader.returncode == 0 and runner.returncode == 0):
            restore_errors.seek(0)
            psql_errors.seek(0)
            detail = (restore_errors.read() + psql_errors.read()).decode(errors="replace").strip()[-2000:]
            raise CommandError(f"PostgreSQL 恢复失败，已回滚，当前数据库保持原样：{detail}")


def load_portable(dump: Path) -> None:
    management.call_command("migrate", verbosity=0)
    with transaction.atomic():
        management.call_command("flush", interactive=False, verbosity=0)
        management.call_command("loaddata", str(dump), verbosity=0)
    ContentType.objects.clear_cache()


# ---------------------------------------------------------------- PostgreSQL client programs
def _pg_connection() -> tuple[list[str], dict]:
    """Connection options for pg_dump, pg_restore and psql from Django's settings; the password
    goes in the environment, never on the command line."""
    db = connection.settings_dict
    args = [f"--{option}={db[key]}" for option, key in (("host", "HOST"), ("port", "PORT"), ("username", "USER"))
            if db.get(key)]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return [*args, f"--dbname={db['NAME']}"], env


def pg_tool(name: str, major: int | None = None) -> str:
    """The `name` program of the server's major version: on PATH first, then in Debian's versioned folders."""
    if major is None:
        connection.ensure_connection()
        major = connection.pg_version // 10000
    for path in filter(None, [shutil.which(name), *sorted(glob.glob(f"{PG_BIN_GLOB}/{name}"), reverse=True)]):
        try:
            version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        found = re.search(r"\)\s*(\d+)", version)  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
        if found and int(found.group(1)) == major:
            return path
    raise CommandError(f"找不到与数据库服务器主版本（PostgreSQL {major}）一致的 {name}"
                       f"（已查找 PATH 和 {PG_BIN_GLOB}）。请安装 PostgreSQL {major} 的客户端程序"
                       f"（Debian/Ubuntu：apt-get install postgresql-client-{major}）后重试。")
