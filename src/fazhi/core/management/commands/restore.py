from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backups


class Command(BaseCommand):
    help = ("从 fazhi backup 生成的文件恢复数据库和上传的文件：先逐一核对 SHA-256，再整体替换；"
            "原样备份只能恢复到同一种数据库，通用格式（--portable）可恢复到任一种")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖当前数据")

    def handle(self, *args, file, yes=False, **options):
        if not Path(file).exists():
            raise CommandError(f"找不到备份文件 {file}")
        if not yes and input("恢复将覆盖当前全部数据，输入 yes 继续：").strip() != "yes":
            raise CommandError("已取消")
        manifest = backups.restore(file)
        self.stdout.write(self.style.SUCCESS(f"已从 {file} 恢复（备份时间 {manifest.get('created', '未知')}）"))
