import io
import json
import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core import management
from django.core.management.base import BaseCommand

# Rebuilt by Django itself, or transient: not part of a backup.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "把数据库（全部记录及变更历史）和上传的文件备份为一个 .tar.gz 文件，可在 SQLite 与 PostgreSQL 间恢复"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径，如 fazhi-backup.tar.gz")

    def handle(self, *args, file, **options):
        data = io.StringIO()
        # use_base_manager: soft-deleted records belong in a backup too.
        management.call_command("dumpdata", natural_foreign=True, natural_primary=False, exclude=EXCLUDED,
                                use_base_manager=True, stdout=data)
        payload = data.getvalue().encode()
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(file, "w:gz") as archive:
            info = tarfile.TarInfo("data.json")
            info.size, info.mtime = len(payload), int(time.time())
            archive.addfile(info, io.BytesIO(payload))
            manifest = json.dumps({"format": "fazhi-backup-1", "created": time.strftime("%Y-%m-%dT%H:%M:%S")}).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(manifest), int(time.time())
            archive.addfile(info, io.BytesIO(manifest))
            if media.exists():
                archive.add(media, arcname="media")
        rows = len(json.loads(payload))
        self.stdout.write(self.style.SUCCESS(f"已备份 {rows} 条记录及文件到 {file}"))
