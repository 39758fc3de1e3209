from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import services


class Command(BaseCommand):
    help = "录入某年的节假日安排：从文本文件（每行“日期[~日期] 放假|上班 节日”）或从内置数据包"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", nargs="?", help="UTF-8 文本文件；省略则复制内置数据包中该年的安排")
        parser.add_argument("--source", default="国务院办公厅关于部分节假日安排的通知", help="依据")

    def handle(self, *args, year, file=None, source, **options):
        try:
            if file:
                text = Path(file).read_text(encoding="utf-8-sig")
                schedule = services.holiday_schedule_import(year=year, source=source, text=text, actor=None)
            else:
                schedule = services.holiday_schedule_from_package(year=year, actor=None)
        except FileNotFoundError:
            raise CommandError(f"找不到文件 {file}")
        except ValidationError as error:
            raise CommandError("\n".join(error.messages))
        self.stdout.write(self.style.SUCCESS(f"已录入{year}年节假日安排，共{schedule.days.count()}天"))
