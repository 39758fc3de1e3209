"""`fazhi draw verify FILE`: re-run a published draw from its record and say whether every pick matches.
`fazhi draw show DRAW`: print a draw's record (by its number or public id) as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.draws import algorithm


class Command(BaseCommand):
    help = "双随机抽取记录：verify 核验抽取记录文件；show 输出某次抽取的抽取记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="按公开的算法重新抽取，逐项核对抽取记录")
        verify.add_argument("file", help="抽取记录文件（JSON）")
        show = sub.add_parser("show", help="输出一次抽取的抽取记录（JSON）")
        show.add_argument("draw", help="抽取编号或公开标识")

    def handle(self, *args, action, **options):
        if action == "verify":
            return self.verify(options["file"])
        return self.show(options["draw"])

    def verify(self, path):
        try:
            with open(path, encoding="utf-8") as handle:
                record = json.load(handle)
            lines, ok = algorithm.report(record)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CommandError(f"无法读取抽取记录：{error}")
        self.stdout.write("\n".join(lines))
        if not ok:
            raise CommandError("核验未通过：抽取记录与按公开算法重新计算的结果不一致")

    def show(self, key):
        from fazhi.draws.models import Draw
        from fazhi.draws.record import draw_record

        draws = Draw.objects.select_related("task__org", "task__pool_org")
        draw = draws.filter(pk=int(key)).first() if key.isdigit() else draws.filter(public_id=key).first()
        if draw is None:
            raise CommandError(f"没有编号或公开标识为 {key} 的抽取")
        self.stdout.write(json.dumps(draw_record(draw), ensure_ascii=False, indent=1))
