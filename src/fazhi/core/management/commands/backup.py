from pathlib import Path

from django.core.management.base import BaseCommand

from fazhi.core import backups


class Command(BaseCommand):
    help = ("把数据库（全部记录及变更历史）和上传的文件备份为一个 .tar.gz 文件；"
            "加 --portable 则导出为可在 SQLite 与 PostgreSQL 之间迁移的通用格式")

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件路径，如 fazhi-backup.tar.gz")
        parser.add_argument("--portable", action="store_true",
                            help="导出为通用格式（JSON 记录），可恢复到另一种数据库；比原样备份慢")

    def handle(self, *args, file, portable=False, **options):
        manifest = backups.create(file, portable=portable)
        kind = "通用格式" if portable else f"{backups.ENGINES[manifest['engine']]} 原样副本"
        media = len(manifest["files"]) - 1
        size = Path(file).stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"已备份数据库（{kind}）及 {media} 个上传文件到 {file}（{size:.1f} MB）"))
