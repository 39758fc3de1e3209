from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.core import services
from fazhi.core.choices import RegionLevel
from fazhi.core.models import Org


class Command(BaseCommand):
    help = "新建一个行政区域及其卫生健康行政部门（含常设科室），可选同时新建系统管理员账号"

    def add_arguments(self, parser):
        parser.add_argument("region_name", help="行政区域名称，如：某某县")
        parser.add_argument("--level", required=True, choices=RegionLevel.values, help="province / city / county")
        parser.add_argument("--code", required=True, help="行政区划代码，作为稳定的机构代码")
        parser.add_argument("--parent", help="上级行政区域的机构代码；省级留空")
        parser.add_argument("--name", help="部门全称，默认“<区域>卫生健康委员会/局”")
        parser.add_argument("--admin", help="同时新建的系统管理员用户名")
        parser.add_argument("--admin-password", help="系统管理员初始密码")

    def handle(self, *args, region_name, level, code, parent=None, name=None, admin=None, admin_password=None,
               **options):
        parent_region = None
        if parent:
            try:
                parent_region = Org.objects.get(code=parent, kind="region")
            except Org.DoesNotExist:
                raise CommandError(f"找不到代码为 {parent} 的行政区域")
        if admin and not admin_password:
            raise CommandError("新建系统管理员须同时提供 --admin-password")
        try:
            with transaction.atomic():
                commission = services.commission_create(parent_region=parent_region, region_name=region_name,
                                                        level=level, code=code, name=name)
                if admin:
                    services.user_create(username=admin, password=admin_password, org=commission,
                                         roles=["sysadmin"], full_name=f"{region_name}系统管理员")
        except ValidationError as error:
            raise CommandError("；".join(error.messages))
        self.stdout.write(self.style.SUCCESS(f"已新建 {commission.name}（代码 {commission.code}）"))
