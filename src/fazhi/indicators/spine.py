"""Indicators the spine's own records support: the org tree, people and evidence files. They live here, not in
core, because core imports no other app; the indicators app registers them from its ready()."""

from django.db.models import Q

from fazhi.core.choices import Integrity, OrgKind, RoleCode

from .measures import count, share
from .registry import indicator

AREA = "机构与基础"


def _orgs(scope, period, kind):
    from fazhi.core.models import Org

    _, end = period.datetime_range()
    return count(Org.objects.filter(scope.q("path"), is_active=True, created_at__lte=end), filter=Q(kind=kind), org="")


@indicator(code="org.commissions", name="卫生健康行政部门数", unit="个", area=AREA,
           synonyms=("卫健部门数", "卫生健康局数"), description="范围内启用的卫生健康行政部门")
def commissions(scope, period):
    return _orgs(scope, period, OrgKind.COMMISSION)


@indicator(code="org.departments", name="内设科室数", unit="个", area=AREA, synonyms=("科室数",))
def departments(scope, period):
    return _orgs(scope, period, OrgKind.DEPARTMENT)


@indicator(code="org.units", name="委属单位数", unit="个", area=AREA, synonyms=("直属单位数", "下属单位数"))
def units(scope, period):
    return _orgs(scope, period, OrgKind.UNIT)


@indicator(code="org.users", name="系统用户数", unit="人", area=AREA, synonyms=("用户数",),
           description="期末在用账号")
def users(scope, period):
    from fazhi.core.models import User

    _, end = period.datetime_range()
    return count(User.objects.filter(scope.q(), is_active=True, date_joined__lte=end), distinct="pk")


@indicator(code="org.officer_accounts", name="执法人员账号数", unit="人", area=AREA,
           synonyms=("执法人员数",), description="持有执法人员角色的在用账号；持证情况由执法模块统计")
def officer_accounts(scope, period):
    from fazhi.core.models import User

    _, end = period.datetime_range()
    return count(User.objects.filter(scope.q(), is_active=True, date_joined__lte=end),
                 filter=Q(roles__code=RoleCode.OFFICER), distinct="pk")


@indicator(code="evidence.files", name="佐证材料份数", unit="份", area=AREA, synonyms=("佐证材料数", "附件数"),
           description="期内上传、未删除的佐证材料")
def evidence_files(scope, period):
    from fazhi.core.models import EvidenceFile

    return count(EvidenceFile.objects.filter(scope.q(), created_at__range=period.datetime_range()), date="created_at")


@indicator(code="evidence.integrity_rate", name="佐证材料完整率", unit="%", area=AREA, is_rate=True,
           synonyms=("佐证材料校验通过率",), description="已校验的材料中内容与登记哈希一致的比例")
def evidence_integrity_rate(scope, period):
    from fazhi.core.models import EvidenceFile

    return share(EvidenceFile.objects.filter(scope.q(), created_at__range=period.datetime_range()),
                 Q(integrity=Integrity.OK), whole=~Q(integrity=Integrity.UNCHECKED))
