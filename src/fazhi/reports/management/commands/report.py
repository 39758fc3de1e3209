"""fazhi report --org CODE --year YEAR --format docx|pdf|html -o FILE: a commission's annual report as a
file. The report kept in Fazhi (with its people's edits) if there is one; otherwise a draft written from
the records now, saved nowhere."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Org
from fazhi.reports import compose, output
from fazhi.reports.choices import Approximate, Coverage, Part
from fazhi.reports.models import AnnualReport, Paragraph


class Command(BaseCommand):
    help = "生成年度法治政府建设情况报告（Word/PDF/HTML）"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="卫生健康委（局）的机构代码，见 fazhi orgs")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", default="docx", choices=sorted(output.FORMATS))
        parser.add_argument("-o", "--output", dest="target", required=True, help="输出文件")
        parser.add_argument("--coverage", default=Coverage.OWN, choices=Coverage.values,
                            help="own：本机关；region：合计所辖县（市、区）")
        parser.add_argument("--approximate", default="", choices=Approximate.values, help="约数写法：余 或 多")
        parser.add_argument("--compare", action="store_true", help="写明与上年比较")
        parser.add_argument("--fresh", action="store_true", help="不用系统中保存的报告，按记录重新生成")

    def handle(self, *args, org, year, format, target: str, coverage, approximate, compare, fresh, **kwargs):
        commission = Org.objects.filter(code=org).first()
        if commission is None:
            raise CommandError(f"没有机构代码为{org}的机构（fazhi orgs 列出全部机构）")
        report = None if fresh else AnnualReport.objects.filter(org=commission, year=year).first()
        paragraphs = None
        if report is None:
            report = AnnualReport(org=commission, year=year, title=compose.title_for(commission, year),
                                  coverage=coverage, approximate=approximate, compare_last_year=compare)
            rows = [{"part": Part.INTRO, "key": "intro", "text": compose.opening(report)}, *compose.draft(report)]
            paragraphs = [Paragraph(report=report, order=(i + 1) * 10, **{k: row.get(k, "") for k in
                                    ("part", "key", "text")}, is_heading=row.get("is_heading", False))
                          for i, row in enumerate(rows)]
        try:
            content = output.render(report, format, paragraphs)
        except output.OutputUnavailable as error:
            raise CommandError(str(error))
        Path(target).write_bytes(content)
        self.stdout.write(f"{report.title}：{target}（{len(content):,}字节）")
