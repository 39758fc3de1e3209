from django.core.management.base import BaseCommand, CommandError

from fazhi.core import demo


class Command(BaseCommand):
    help = "载入示例机构（示例省/示例市/示例县/示例区）、每个角色的示例账号和示例数据"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(demo.SCALES), default="county",
                            help="数据量：county（一个县）/ city（一个市）/ province（一个省）")
        parser.add_argument("--seed", type=int, default=2026, help="随机数种子，相同种子生成相同数据")

    def handle(self, *args, scale, seed, **options):
        if demo.demo_exists():
            self.stdout.write("示例数据已存在，跳过载入。")
        else:
            try:
                demo.build(scale=scale, seed=seed)
            except ValueError as error:
                raise CommandError(str(error))
            self.stdout.write(self.style.SUCCESS(f"已载入示例数据（规模：{scale}）。"))
        self.stdout.write(f"\n示例账号（密码均为 {demo.DEMO_PASSWORD}）：")
        places = [("shi", "示例市卫生健康委员会"), ("xian", "示例县卫生健康局"), ("qu", "示例区卫生健康局")]
        for prefix, place in places:
            names = "  ".join(f"{prefix}_{name}（{role.label}）" for name, role, *_ in demo.ACCOUNTS)
            self.stdout.write(f"  {place}：{names}")
        self.stdout.write("  示例省卫生健康委员会：sheng_sysadmin（系统管理员，维护法定时限和节假日安排）")
        self.stdout.write("  超级管理员：admin\n")
