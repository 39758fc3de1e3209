from django.core.management.base import BaseCommand

from fazhi.core.models import Org


class Command(BaseCommand):
    help = "列出机构树及每个机构的稳定代码"

    def add_arguments(self, parser):
        parser.add_argument("--root", help="只列出该代码机构及其下级")

    def handle(self, *args, root=None, **options):
        orgs = Org.objects.all()
        if root:
            orgs = orgs.subtree(Org.objects.get(code=root))
        orgs = list(orgs.order_by("path"))
        base = min((o.depth for o in orgs), default=0)
        for org in orgs:
            indent = "  " * (org.depth - base)
            kind = org.get_level_display() if org.level else org.get_kind_display()
            self.stdout.write(f"{indent}{org.name}  [{kind}]  {org.code}" + ("" if org.is_active else "  （停用）"))
