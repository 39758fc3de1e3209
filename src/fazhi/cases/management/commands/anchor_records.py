"""`fazhi anchor`: make today's digest of the whole-process records, once (run daily).
`fazhi anchor --verify [--published FILE …]`: check every record and every digest, against copies of
published digests kept outside Fazhi too; exit status 1 when anything is wrong."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.cases import anchors
from fazhi.core import signing


class Command(BaseCommand):
    help = "全过程记录校验值：每日生成一次并在公开门户公布；--verify 核对全部记录和已公布的校验值"

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="核对每件案件的记录和每期校验值，不生成新的校验值")
        parser.add_argument("--published", action="append", default=[], metavar="FILE",
                            help="留存的已公布校验值：下载的某日校验值文件（JSON），或每行一个日期和校验值的文本；可多次指定")

    def handle(self, *args, verify, published, **options):
        if published and not verify:
            raise CommandError("--published 须与 --verify 一起使用")
        if verify:
            return self.verify(published)
        day = timezone.localdate()
        try:
            digest, made, left_out = anchors.digest_publish(day=day)
        except ValidationError as error:
            raise CommandError("；".join(error.messages))
        if not made:
            self.stdout.write(f"{day:%Y-%m-%d}的校验值已于{timezone.localtime(digest.created_at):%Y-%m-%d %H:%M}生成，"
                              f"不再重复生成：{digest.digest}")
            return
        self.stdout.write(f"已生成{day:%Y-%m-%d}的全过程记录校验值：{digest.digest}")
        self.stdout.write(f"列入{digest.case_count}件案件（自上一期以来记录有变动的案件），"
                          f"记录密钥指纹 {signing.key_fingerprint()}")
        if left_out:
            for case, problems in left_out:
                self.stdout.write(f"未列入 {case.number}：{'；'.join(problems)}")
            raise CommandError(f"{len(left_out)}件案件的记录有问题，未列入本期校验值")

    def verify(self, files):
        copies = {}
        for name in files:
            try:
                copies.update(anchors.published_copies(Path(name).read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(f"无法读取留存的校验值 {name}：{error}")
        bad = 0
        for problem in anchors.digest_problems(copies):
            bad += 1
            self.stdout.write(problem)
        for _case, label, problems in anchors.case_problems():
            bad += 1
            self.stdout.write(f"{label}：{'；'.join(problems)}")
        checked = anchors.published_digests().count()
        if bad:
            raise CommandError(f"核对未通过：{bad}处问题（已核对{checked}期校验值，留存比对{len(copies)}期）")
        self.stdout.write(f"核对通过：全部案件的全过程记录完整，{checked}期校验值前后衔接、与所列记录一致"
                          f"（留存比对{len(copies)}期），记录密钥指纹 {signing.key_fingerprint()}")
