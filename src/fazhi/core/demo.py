"""The fictional demo organisation: 示例省 › 示例市 › 示例县 and 示例区, with one user per role.

Each app may add a `demo.py` with `generate(ctx)`; `seed_demo` calls them in INSTALLED_APPS
order after the orgs and users exist, so every area fills its own ledgers.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from . import services
from .areas import area_modules
from .choices import OrgKind, RegionLevel, RoleCode
from .models import EvidenceFile, Org, User
from .statistics import refresh_statistics
from .stored import refresh_all

DEMO_PASSWORD = "Fazhi-demo-2026"
SCALES = {"county": 1, "city": 4, "province": 16}  # multiplier for record volumes

CITY_UNITS = [("rmyy", "示例市人民医院"), ("cdc", "示例市疾病预防控制中心"),
              ("zfzd", "示例市卫生健康综合监督执法支队"), ("zyy", "示例市中医医院")]
COUNTY_UNITS = [("rmyy", "{r}人民医院"), ("zyy", "{r}中医医院"), ("cdc", "{r}疾病预防控制中心"),
                ("wsjds", "{r}卫生健康综合监督执法大队"), ("fybjy", "{r}妇幼保健院")]
TOWNSHIPS = ["城关镇", "东关镇", "西河乡", "南山乡", "北岭镇", "青石镇"]

# username prefix, role, where the user sits (commission, a department code suffix or a unit suffix), title
ACCOUNTS = [
    ("sysadmin", RoleCode.SYSADMIN, "bgs", "信息管理员"),
    ("fazhi", RoleCode.LEGAL_ADMIN, "zcfgk", "政策法规科科长"),
    ("tianbao", RoleCode.REPORTER, "rmyy", "医务科干事"),
    ("zhifa", RoleCode.OFFICER, "wsjds", "卫生监督员"),
    ("shenhe", RoleCode.REVIEWER, "zcfgk", "法律顾问"),
    ("lingdao", RoleCode.LEADER, "", "局长"),
]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "明华建国志强丽娟文静海燕晓东立新春梅国庆红霞卫东秀英玉兰"


@dataclass
class DemoContext:
    """What area generators get: the orgs, the users, the years to cover and a seeded RNG."""

    scale: str
    today: dt.date
    rng: random.Random
    province: Org
    city: Org
    counties: list[Org] = field(default_factory=list)  # commissions of the demo counties
    commissions: list[Org] = field(default_factory=list)  # every commission, city first
    users: dict[str, User] = field(default_factory=dict)

    @property
    def volume(self) -> int:
        return SCALES[self.scale]

    @property
    def years(self) -> tuple[int, int]:
        """The last full year and the current one."""
        return self.today.year - 1, self.today.year

    def random_date(self, year: int) -> dt.date:
        end = min(dt.date(year, 12, 31), self.today)
        start = dt.date(year, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def person_name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice([1, 2])))


def demo_exists() -> bool:
    return Org.objects.filter(code="990000").exists()


@transaction.atomic
def build(scale: str = "county", today: dt.date | None = None, seed: int = 2026) -> DemoContext:
    if scale not in SCALES:
        raise ValueError(f"scale 须为 {', '.join(SCALES)}")
    rng = random.Random(seed)
    province_commission = services.commission_create(parent_region=None, region_name="示例省",
                                                     level=RegionLevel.PROVINCE, code="990000")
    city_commission = services.commission_create(parent_region=province_commission.parent, region_name="示例市",
                                                 level=RegionLevel.CITY, code="990100", units=CITY_UNITS)
    ctx = DemoContext(scale=scale, today=today or timezone.localdate(), rng=rng, province=province_commission,
                      city=city_commission)
    ctx.commissions.append(city_commission)
    for code, name in [("990121", "示例县"), ("990102", "示例区")]:
        units = [(suffix, unit.format(r=name)) for suffix, unit in COUNTY_UNITS]
        if scale != "county":
            units += [(f"wsy{i}", f"{name}{town}卫生院") for i, town in enumerate(TOWNSHIPS, start=1)]
        commission = services.commission_create(parent_region=city_commission.parent, region_name=name,
                                                level=RegionLevel.COUNTY, code=code, units=units)
        ctx.counties.append(commission)
        ctx.commissions.append(commission)
    if scale == "province":
        _more_cities(ctx)
    _accounts(ctx)
    # The demo organisation has existed since before the last full year.
    founded = timezone.make_aware(dt.datetime(ctx.today.year - 2, 12, 1, 9, 0))
    Org.objects.update(created_at=founded)
    User.objects.update(date_joined=founded)
    _evidence(ctx)
    for module in area_modules("demo"):
        if module.__name__ != __name__ and hasattr(module, "generate"):
            module.generate(ctx)
    # Today's run of the daily reminders, once every area has its records, so the demo users find
    # their messages waiting.
    for module in area_modules("reminders"):
        for reminder in module.reminders(ctx.today):
            services.notify(**reminder)
    refresh_all()  # the areas' stored values, for records their generators bulk-created
    refresh_statistics()
    return ctx


def _more_cities(ctx: DemoContext) -> None:
    for c in range(2, 5):
        city_name = f"示例{'二三四'[c - 2]}市"
        city = services.commission_create(parent_region=ctx.province.parent, region_name=city_name,
                                          level=RegionLevel.CITY, code=f"99{c:02d}00")
        ctx.commissions.append(city)
        for k in range(1, 5):
            county_name = f"{city_name[:-1]}{'甲乙丙丁'[k - 1]}县"
            units = [(suffix, unit.format(r=county_name)) for suffix, unit in COUNTY_UNITS]
            ctx.commissions.append(services.commission_create(
                parent_region=city.parent, region_name=county_name, level=RegionLevel.COUNTY,
                code=f"99{c:02d}2{k}", units=units))


def _accounts(ctx: DemoContext) -> None:
    places = [("shi", ctx.city, "zfzd"), ("xian", ctx.counties[0], "wsjds"), ("qu", ctx.counties[1], "wsjds")]
    for prefix, commission, officer_unit in places:
        for name, role, where, title in ACCOUNTS:
            suffix = officer_unit if role == RoleCode.OFFICER else where
            org = Org.objects.get(code=f"{commission.code}.{suffix}") if suffix else commission
            user = services.user_create(username=f"{prefix}_{name}", password=DEMO_PASSWORD, org=org,
                                        roles=[role], full_name=ctx.person_name(), title=title)
            ctx.users[user.username] = user
    # The province commission runs the deployment: it keeps the legal time limits and holiday schedules.
    sheng = services.user_create(username="sheng_sysadmin", password=DEMO_PASSWORD, org=ctx.province,
                                 roles=[RoleCode.SYSADMIN], full_name=ctx.person_name(), title="信息中心主任")
    ctx.users[sheng.username] = sheng
    admin = User.objects.create_superuser("admin", password=DEMO_PASSWORD)
    admin.full_name = "超级管理员"
    admin.save(update_fields=["full_name"])


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVIDENCE_TITLES = ["会议纪要", "签到表", "培训通知", "活动照片说明", "工作总结", "检查记录", "宣传资料清单"]


def _evidence(ctx: DemoContext) -> None:
    """A year and a bit of uploaded evidence in every demo commission's units."""
    units = list(Org.objects.filter(kind__in=[OrgKind.UNIT, OrgKind.DEPARTMENT],
                                    path__startswith=ctx.city.parent.path))
    # Each file is uploaded by the legal affairs officer of the commission the unit belongs to.
    officers = [u for name, u in ctx.users.items() if name.endswith("_fazhi")]
    uploader_of = {unit.pk: next(u for u in officers if unit.path.startswith(u.org.parent.path)) for unit in units}
    for year in ctx.years:
        for _ in range(12 * ctx.volume):
            org = ctx.rng.choice(units)
            uploader = uploader_of[org.pk]
            title = ctx.rng.choice(EVIDENCE_TITLES)
            day = ctx.random_date(year)
            body = PDF + f"% {org.code} {title} {day}\n".encode()
            evidence = services.evidence_upload(
                org=org, uploaded=SimpleUploadedFile(f"{title}.pdf", body, "application/pdf"),
                title=f"{org.name}{title}（{day:%Y年%m月}）", actor=uploader)
            moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
            EvidenceFile.all_objects.filter(pk=evidence.pk).update(created_at=moment, checked_at=moment)
