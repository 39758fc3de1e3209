import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.areas import area_modules
from fazhi.core.services import notify


class Command(BaseCommand):
    help = "发送到期和逾期提醒（站内消息）。每天运行一次；重复运行不会重复发送。各模块在 reminders.py 中提供提醒。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("日期格式应为 YYYY-MM-DD")
        sent = found = 0
        for module in area_modules("reminders"):
            for reminder in module.reminders(today):
                found += 1
                sent += notify(**reminder)
        self.stdout.write(f"{today:%Y-%m-%d}：检查到{found}项需提醒事项，新发送{sent}条站内消息。")
