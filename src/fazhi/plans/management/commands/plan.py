import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from fazhi.core.models import Org, User
from fazhi.plans import extract, services
from fazhi.plans.parsing import parse


class Command(BaseCommand):
    help = "工作要点：parse 识别文件结构和量化目标（不保存）；import 导入为草稿"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        parse_cmd = sub.add_parser("parse", help="识别 .docx/.pdf/.txt 工作要点，打印部分、条目和量化目标，不保存")
        parse_cmd.add_argument("file")
        parse_cmd.add_argument("--json", action="store_true", help="输出 JSON，供脚本使用")
        import_cmd = sub.add_parser("import", help="导入工作要点为草稿")
        import_cmd.add_argument("file")
        import_cmd.add_argument("--org", required=True, help="卫生健康行政部门的机构代码（见 fazhi orgs）")
        import_cmd.add_argument("--user", required=True, help="以哪位法治工作管理员的身份导入")
        import_cmd.add_argument("--year", type=int, help="年度，默认取标题中的年份")

    def handle(self, *args, action, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            text = extract.text_from_file(path.name, path.read_bytes())
        except ValidationError as error:
            raise CommandError("；".join(error.messages))
        if action == "parse":
            self._print(parse(text), as_json=options["json"])
        else:
            self._import(text, path.name, options)

    def _print(self, parsed, *, as_json: bool):
        if as_json:
            # Numbers as strings, exactly as the plan wrote them: the same JSON the API gives.
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder))
            return
        self.stdout.write(parsed.title)
        for section in parsed.sections:
            self.stdout.write(f"{section.number}、{section.title}" if section.number else "（未分部分）")
            for item in section.items:
                self.stdout.write(f"  {item.number}{item.title}")
                for target in item.targets:
                    self.stdout.write(f"      目标：{target.describe()}")
        counts = parsed.to_dict()["counts"]
        self.stdout.write(f"共{counts['sections']}个部分、{counts['items']}项条目、{counts['targets']}项量化目标")

    def _import(self, text, name, options):
        try:
            org = Org.objects.get(code=options["org"])
            user = User.objects.get(username=options["user"])
        except (Org.DoesNotExist, User.DoesNotExist):
            raise CommandError("机构代码或用户名不存在")
        year = options["year"] or services.year_in(parse(text).title)
        if not year:
            raise CommandError("标题中没有年份，请用 --year 指定")
        try:
            plan = services.plan_import(org=org, year=year, text=text, source_name=name, actor=user)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("；".join(getattr(error, "messages", [str(error)])))
        self.stdout.write(self.style.SUCCESS(f"已导入草稿“{plan.title}”（编号{plan.pk}），{plan.tasks.count()}项任务"))

