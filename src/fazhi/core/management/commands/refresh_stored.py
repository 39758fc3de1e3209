"""`fazhi refresh-stored`: recompute every stored value (each case's nearest legal deadline, …) from its inputs."""

from django.core.management.base import BaseCommand

from fazhi.core.stored import refresh_all


class Command(BaseCommand):
    help = "按案件日期、法定时限表和节假日安排重新计算保存的期限等派生值"

    def handle(self, *args, **options):
        for name, changed in refresh_all().items():
            self.stdout.write(f"{name}：更新 {changed} 条")
