import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import management
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "从 fazhi backup 生成的文件恢复：清空当前数据库后载入全部记录，并恢复上传的文件"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖当前数据")

    def handle(self, *args, file, yes=False, **options):
        if not Path(file).exists():
            raise CommandError(f"找不到备份文件 {file}")
        if not yes and input("恢复将覆盖当前全部数据，输入 yes 继续：").strip() != "yes":
            raise CommandError("已取消")
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(file, "r:gz") as archive:
            archive.extractall(tmp, filter="data")
            manifest = json.loads((Path(tmp) / "manifest.json").read_text())
            if manifest.get("format") != "fazhi-backup-1":
                raise CommandError("不是法治系统的备份文件")
            management.call_command("migrate", verbosity=0)
            with transaction.atomic():
                management.call_command("flush", interactive=False, verbosity=0)
                management.call_command("loaddata", str(Path(tmp) / "data.json"), verbosity=0)
            media = Path(settings.MEDIA_ROOT)
            if (Path(tmp) / "media").exists():
                # Copy beside the old folder first, then swap, so a failed copy loses no file.
                incoming, outgoing = media.with_name(media.name + ".restoring"), media.with_name(media.name + ".old")
                shutil.rmtree(incoming, ignore_errors=True)
                shutil.copytree(Path(tmp) / "media", incoming)
                if media.exists():
                    media.rename(outgoing)
                incoming.rename(media)
                shutil.rmtree(outgoing, ignore_errors=True)
        self.stdout.write(self.style.SUCCESS(f"已从 {file} 恢复"))
