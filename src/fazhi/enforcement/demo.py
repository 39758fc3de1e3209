"""Demo registers of each commission's enforcement unit: certified officers (the demo 执法人员 accounts
among them, a few certificates expiring or lapsed), a few hundred supervised entities per county across
the categories, with credit grades and their history, practitioners and avoidance pairs, the catalogues
published beforehand (权责清单, 随机抽查事项清单, 两轻一免清单), and the inspections of the last full year and
this one at the seeds' volumes: about 250 a year per county and 120 for the city at county scale, some 96 %
of open entities covered in a year, over a third with a 卫生监督意见书, a few leading to a case, rechecks mostly
done, some pending and a few overdue; and bad-practice points for some institutions and doctors.

Volume goes in with bulk_create_with_history; every team is two officers certified on the day with no
avoidance pair to the entity, chosen by the same rules the services check."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from fazhi.core.choices import RegionLevel
from fazhi.core.demo import TOWNSHIPS, DemoContext
from fazhi.core.models import Org, User

from .choices import (
    MEDICAL_CATEGORIES,
    ConflictReason,
    CreditGrade,
    EntityCategory,
    EntityStatus,
    FollowUp,
    InspectionKind,
    InspectionResult,
    LenientKind,
    OfficerStatus,
    PointSubject,
    PowerKind,
)
from .models import (
    CheckItem,
    CreditRating,
    Entity,
    Inspection,
    LenientItem,
    Officer,
    OfficerConflict,
    PointRecord,
    Power,
    Practitioner,
)
from .selectors import enforcement_unit

# Entities per commission at county scale, by category; a city supervises fewer, larger ones itself.
COUNTY_MIX = {EntityCategory.PUBLIC_PLACE: 120, EntityCategory.CLINIC: 60, EntityCategory.HOSPITAL: 12,
              EntityCategory.SCHOOL: 25, EntityCategory.WATER: 8, EntityCategory.OCCUPATIONAL: 20,
              EntityCategory.DISINFECTION: 5, EntityCategory.RADIATION: 6, EntityCategory.DISEASE_CONTROL: 2,
              EntityCategory.BLOOD: 0}
CITY_MIX = {EntityCategory.HOSPITAL: 25, EntityCategory.PUBLIC_PLACE: 30, EntityCategory.RADIATION: 10,
            EntityCategory.BLOOD: 2, EntityCategory.DISINFECTION: 8, EntityCategory.OCCUPATIONAL: 10,
            EntityCategory.DISEASE_CONTROL: 1}
OFFICERS_PER_UNIT = {RegionLevel.COUNTY: 12, RegionLevel.CITY: 16}
# Inspections a year at county scale (× ctx.volume): seed 002's district made 2025, seed 004's city 4683.
INSPECTIONS_PER_YEAR = {RegionLevel.COUNTY: 250, RegionLevel.CITY: 120}
COVERAGE = 0.96  # the share of open entities inspected at least once in a full year
FINDINGS = {
    InspectionResult.COMPLIANT: ["现场检查未发现违法违规行为", "证照齐全，卫生管理制度落实，从业人员持有效健康证明",
                                 "各项记录完整，现场卫生状况良好"],
    InspectionResult.RECTIFY: ["部分从业人员健康合格证明过期", "公共用品用具清洗消毒记录不全",
                               "医疗废物暂存点标识不规范", "未按规定公示卫生许可证和卫生检测结果",
                               "病历书写不规范，部分处方缺少医师签名",
                               "消毒隔离制度执行不到位"],
    InspectionResult.CASE: ["涉嫌超出登记的诊疗科目开展诊疗活动", "涉嫌未取得卫生许可证擅自营业",
                            "涉嫌使用非卫生技术人员从事医疗卫生技术工作"],
}
BEHAVIOURS = [("病历书写不规范", 2), ("未按规定公示诊疗科目和收费标准", 2), ("医疗废物管理不规范", 4),
              ("超范围执业", 6), ("使用未取得执业资格人员", 10), ("未按规定报告传染病疫情", 6)]
NAMES = {
    EntityCategory.PUBLIC_PLACE: ["{t}宾馆", "{t}大酒店", "{t}洗浴中心", "{t}美容美发店", "{t}游泳馆", "{t}KTV",
                                  "{t}商务酒店", "{t}足浴店", "{t}快捷酒店", "{t}健身会所"],
    EntityCategory.CLINIC: ["{s}氏中医诊所", "{t}口腔诊所", "{t}社区卫生服务站", "{t}村卫生室", "{t}门诊部",
                            "{s}氏诊所", "{t}医疗美容诊所"],
    EntityCategory.HOSPITAL: ["{t}中心卫生院", "{t}医院", "{t}妇产医院", "{t}骨科医院", "{t}眼科医院"],
    EntityCategory.SCHOOL: ["{t}中心小学", "{t}中学", "{t}幼儿园", "{t}职业学校"],
    EntityCategory.WATER: ["{t}自来水厂", "{t}二次供水站", "{t}供水站"],
    EntityCategory.OCCUPATIONAL: ["{t}机械制造有限公司", "{t}建材有限公司", "{t}化工有限公司", "{t}家具厂"],
    EntityCategory.DISINFECTION: ["{t}消毒用品有限公司", "{t}卫生用品厂"],
    EntityCategory.RADIATION: ["{t}放射影像诊断中心", "{t}口腔医院放射科", "{t}体检中心"],
    EntityCategory.DISEASE_CONTROL: ["{t}疾病预防控制中心"],
    EntityCategory.BLOOD: ["{t}中心血站", "{t}单采血浆站"],
}
STREETS = ["人民路", "解放路", "建设路", "文化路", "新华街", "东风路", "胜利街", "和平路", "长安街", "团结路"]
POWERS = [
    (PowerKind.PENALTY, "对未取得《医疗机构执业许可证》擅自执业的行政处罚", "《医疗机构管理条例》第四十三条"),
    (PowerKind.PENALTY, "对公共场所经营者未取得卫生许可证擅自营业的行政处罚",
     "《公共场所卫生管理条例》第十四条；《公共场所卫生管理条例实施细则》第三十五条"),
    (PowerKind.PENALTY, "对供水单位供应的饮用水不符合国家卫生标准的行政处罚",
     "《生活饮用水卫生监督管理办法》第二十六条"),
    (PowerKind.PENALTY, "对医师在执业活动中违反卫生行政规章制度的行政处罚", "《中华人民共和国医师法》第五十五条"),
    (PowerKind.PENALTY, "对用人单位未按规定组织职业健康检查的行政处罚", "《中华人民共和国职业病防治法》第七十一条"),
    (PowerKind.COERCION, "对可能导致职业病危害事故的设备、材料予以封存",
     "《中华人民共和国职业病防治法》第六十四条"),
    (PowerKind.INSPECTION, "对医疗机构依法执业情况的监督检查", "《医疗机构管理条例》第三十九条"),
    (PowerKind.INSPECTION, "对公共场所卫生的监督检查", "《公共场所卫生管理条例》第十条"),
    (PowerKind.INSPECTION, "对学校卫生工作的监督检查", "《学校卫生工作条例》第二十八条"),
    (PowerKind.LICENCE, "公共场所卫生许可", "《公共场所卫生管理条例》第八条"),
    (PowerKind.LICENCE, "医疗机构执业登记", "《医疗机构管理条例》第十五条"),
]
CHECK_ITEMS = [
    ("公共场所卫生许可及从业人员健康管理", EntityCategory.PUBLIC_PLACE,
     "卫生许可证、从业人员健康合格证明、卫生管理制度", "《公共场所卫生管理条例》《公共场所卫生管理条例实施细则》"),
    ("公共场所卫生检测及公共用品用具消毒", EntityCategory.PUBLIC_PLACE, "卫生检测报告、公共用品用具清洗消毒保洁",
     "《公共场所卫生管理条例实施细则》第十四条、第十九条"),
    ("医疗机构执业资质与人员资质", EntityCategory.HOSPITAL, "执业许可证校验、诊疗科目、卫生技术人员资质",
     "《医疗机构管理条例》"),
    ("医疗机构传染病防治与医疗废物管理", EntityCategory.HOSPITAL, "预检分诊、消毒隔离、医疗废物分类收集暂存",
     "《中华人民共和国传染病防治法》《医疗废物管理条例》"),
    ("诊所执业行为", EntityCategory.CLINIC, "备案凭证、执业范围、处方和病历书写",
     "《医疗机构管理条例》《诊所备案管理暂行办法》"),
    ("学校传染病防控与饮用水卫生", EntityCategory.SCHOOL, "晨午检、因病缺课登记、饮用水卫生", "《学校卫生工作条例》"),
    ("集中式供水单位卫生", EntityCategory.WATER, "卫生许可、水质检测、从业人员健康", "《生活饮用水卫生监督管理办法》"),
    ("用人单位职业病危害防治", EntityCategory.OCCUPATIONAL, "危害项目申报、检测评价、职业健康检查",
     "《中华人民共和国职业病防治法》"),
    ("消毒产品生产企业卫生", EntityCategory.DISINFECTION, "生产企业卫生许可、产品卫生安全评价", "《消毒管理办法》"),
    ("放射诊疗许可与防护", EntityCategory.RADIATION, "放射诊疗许可、个人剂量监测、防护设施", "《放射诊疗管理规定》"),
    ("采供血机构执业", EntityCategory.BLOOD, "执业许可、献血者健康检查、血液检测", "《血站管理办法》"),
    ("疾控机构传染病防治职责", EntityCategory.DISEASE_CONTROL, "疫情报告、预防接种管理",
     "《中华人民共和国传染病防治法》"),
]
LENIENT = [
    (LenientKind.FIRST, "公共场所经营者未按规定公示卫生许可证、卫生检测结果",
     "《中华人民共和国行政处罚法》第三十三条第一款", "初次违法、危害后果轻微并及时改正"),
    (LenientKind.MINOR, "公共场所从业人员健康合格证明过期未超过30日",
     "《中华人民共和国行政处罚法》第三十三条第一款", "违法行为轻微并及时改正，没有造成危害后果"),
    (LenientKind.FIRST, "诊所未按规定悬挂备案凭证、未公示诊疗科目",
     "《中华人民共和国行政处罚法》第三十三条第一款", "初次违法、危害后果轻微并及时改正"),
    (LenientKind.MINOR, "医疗机构病历书写个别项目不规范，未造成危害后果",
     "《中华人民共和国行政处罚法》第三十三条第一款", "违法行为轻微并及时改正，没有造成危害后果"),
    (LenientKind.LIGHTER, "供水单位水质检测频次不足，主动报告并整改",
     "《中华人民共和国行政处罚法》第三十二条", "主动消除或者减轻违法行为危害后果"),
]


def generate(ctx: DemoContext) -> None:
    admin = User.objects.get(username="admin")
    for commission in ctx.commissions:
        Registers(ctx, commission, admin).run()


class Registers:
    def __init__(self, ctx: DemoContext, commission: Org, actor: User):
        self.ctx, self.rng, self.commission, self.actor = ctx, ctx.rng, commission, actor
        self.unit = enforcement_unit(commission)
        self.level = commission.parent.level
        self.place = commission.parent.name
        # On the register since before the last full year, like the demo organisation itself.
        self.founded = timezone.make_aware(dt.datetime(ctx.today.year - 2, 12, 1, 9, 0))
        self.writer = User.objects.filter(org=self.unit, roles__code="officer").first() or actor

    def run(self) -> None:
        officers = self.officers()
        entities = self.entities()
        items = self.catalogues()
        conflicts = self.conflicts(officers, entities)
        practitioners = self.practitioners(entities)
        self.ratings(entities)
        inspections = self.inspections(officers, entities, items, conflicts)
        self.points(entities, practitioners, inspections)

    def officers(self) -> list[Officer]:
        today = self.ctx.today
        count = OFFICERS_PER_UNIT.get(self.level, 8)
        linked = User.objects.filter(org=self.unit, roles__code="officer").first()
        rows = []
        for n in range(count):
            issued = dt.date(today.year - self.rng.randint(1, 5), self.rng.randint(1, 12), self.rng.randint(1, 28))
            valid_until = dt.date(issued.year + 6, issued.month, issued.day)
            status = OfficerStatus.ACTIVE
            if n == count - 1:  # one certificate runs out within the month: the warning has something to say
                valid_until = today + dt.timedelta(days=self.rng.randint(5, 25))
            elif n == count - 2:  # one lapsed last year and was not renewed
                valid_until = today - dt.timedelta(days=self.rng.randint(40, 200))
            elif n == count - 3:
                status = OfficerStatus.LEFT
            user = linked if n == 0 else None
            rows.append(Officer(
                org=self.unit, user=user, name=user.full_name if user else self.ctx.person_name(),
                position="卫生监督员" if n else "队长", certificate_no=f"{self.commission.code[:6]}{n + 1:05d}",
                issuing_body=f"{self.place}人民政府", issued_on=issued, valid_until=valid_until, status=status,
                created_by=self.actor, created_at=self.founded))
        return bulk_create_with_history(rows, Officer, default_user=self.actor)

    def entities(self) -> list[Entity]:
        mix = CITY_MIX if self.level == RegionLevel.CITY else COUNTY_MIX
        region_code = self.commission.code[:6]
        rows, seen = [], set()
        for category, count in mix.items():
            for n in range(count * self.ctx.volume):
                name = self._entity_name(category, seen)
                grade = self.rng.choices(list(CreditGrade), weights=[30, 55, 12, 3])[0]
                status = self.rng.choices(list(EntityStatus), weights=[94, 4, 2])[0]
                individual = category in (EntityCategory.CLINIC, EntityCategory.PUBLIC_PLACE) and self.rng.random() < .4
                rows.append(Entity(
                    org=self.unit, name=name, category=category,
                    credit_code=f"9{1 if not individual else 2}{region_code}MA{self.rng.randrange(16 ** 8):08X}",
                    licence_no=f"{self.place[:2]}卫{'公' if category == EntityCategory.PUBLIC_PLACE else '医'}字"
                               f"〔{self.ctx.today.year - self.rng.randint(0, 4)}〕第{n + 1:04d}号",
                    licence_valid_until=self.ctx.today + dt.timedelta(days=self.rng.randint(-30, 1400)),
                    address=f"{self.place}{self.rng.choice(TOWNSHIPS)}{self.rng.choice(STREETS)}"
                            f"{self.rng.randint(1, 300)}号",
                    legal_person=self.ctx.person_name(), phone=f"13{self.rng.randrange(10 ** 9):09d}",
                    is_individual=individual, status=status, credit_grade=grade,
                    graded_on=dt.date(self.ctx.today.year - 2, 12, 20), created_by=self.actor,
                    registered_on=self.founded.date(), created_at=self.founded))
        return bulk_create_with_history(rows, Entity, default_user=self.actor, batch_size=500)

    def _entity_name(self, category, seen: set) -> str:
        """A plausible name not used yet in this place. The patterns run out at province volumes (more
        public places than pattern × town × branch can name), so after some tries a number makes it new."""
        for _ in range(20):
            pattern = self.rng.choice(NAMES[category])
            town = self.rng.choice(TOWNSHIPS + STREETS)
            name = f"{self.place}" + pattern.format(t=town, s=self.rng.choice("赵钱孙李周吴郑王冯陈"))
            # a second shop of the same kind in the same place gets a branch name
            for candidate in (name, f"{name}（{self.rng.choice(STREETS)}店）"):
                if candidate not in seen:
                    seen.add(candidate)
                    return candidate
        number = 2
        while f"{name}（{number}号店）" in seen:
            number += 1
        seen.add(f"{name}（{number}号店）")
        return f"{name}（{number}号店）"

    def catalogues(self) -> list[CheckItem]:
        powers = [Power(org=self.commission, kind=kind, name=name, basis=basis, sort_order=i, created_by=self.actor)
                  for i, (kind, name, basis) in enumerate(POWERS)]
        items = [CheckItem(org=self.commission, name=name, category=category, content=content, basis=basis,
                           created_by=self.actor) for name, category, content, basis in CHECK_ITEMS]
        lenient = [LenientItem(org=self.commission, kind=kind, violation=violation, basis=basis, conditions=cond,
                               created_by=self.actor) for kind, violation, basis, cond in LENIENT]
        for model, rows in ((Power, powers), (CheckItem, items), (LenientItem, lenient)):
            bulk_create_with_history(rows, model, default_user=self.actor)
        return list(CheckItem.objects.filter(org=self.commission))

    def conflicts(self, officers, entities) -> set[tuple[int, int]]:
        reasons = list(ConflictReason)
        count = max(3, len(officers) // 3)
        pairs = {(self.rng.choice(officers).pk, self.rng.choice(entities).pk) for _ in range(count)}
        bulk_create_with_history([
            OfficerConflict(officer_id=o, entity_id=e, reason=self.rng.choice(reasons), created_by=self.actor)
            for o, e in sorted(pairs)], OfficerConflict, default_user=self.actor)
        return pairs

    def practitioners(self, entities) -> list[Practitioner]:
        medical = [e for e in entities if e.category in (EntityCategory.HOSPITAL, EntityCategory.CLINIC)]
        rows = []
        for entity in medical:
            for _ in range(self.rng.randint(1, 4)):
                rows.append(Practitioner(
                    org=entity.org, entity=entity, name=self.ctx.person_name(),
                    profession=self.rng.choice(["医师", "医师", "护士", "药师"]),
                    licence_no=f"{self.rng.randrange(10 ** 15):015d}", created_by=self.actor,
                    created_at=self.founded))
        return bulk_create_with_history(rows, Practitioner, default_user=self.actor, batch_size=500)

    def ratings(self, entities) -> None:
        """Each entity's grading at the end of the year before last; a few graded again since."""
        rows = [CreditRating(org=e.org, entity=e, grade=e.credit_grade, rated_on=e.graded_on, created_by=self.actor,
                             basis=f"{e.graded_on.year}年度信用等级评定", created_at=self.founded)
                for e in entities]
        regraded = []
        for entity in self.rng.sample(entities, max(2, len(entities) // 25)):
            grade = self.rng.choice([g for g in CreditGrade if g != entity.credit_grade])
            day = dt.date(self.ctx.today.year - 1, 12, 22)
            rows.append(CreditRating(org=entity.org, entity=entity, grade=grade, previous_grade=entity.credit_grade,
                                     rated_on=day, basis=f"{day.year}年度信用等级评定", created_by=self.actor))
            entity.credit_grade, entity.graded_on = grade, day
            regraded.append(entity)
        bulk_create_with_history(rows, CreditRating, default_user=self.actor, batch_size=500)
        Entity.objects.bulk_update(regraded, ["credit_grade", "graded_on"])

    def inspections(self, officers, entities, items, conflicts) -> list[Inspection]:
        """A year of inspections for the last full year and this one so far."""
        items_of = {}
        for item in items:
            items_of.setdefault(item.category, []).append(item)
        open_ = [e for e in entities if e.status == EntityStatus.OPEN]
        per_year = INSPECTIONS_PER_YEAR.get(self.level, 120) * self.ctx.volume
        rows, teams = [], []
        for year in self.ctx.years:
            start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), self.ctx.today)
            first_of_year = len(rows)  # 意见书 numbers start again each year
            share = ((end - start).days + 1) / 365
            count = round(per_year * share)
            visited = self.rng.sample(open_, min(len(open_), round(len(open_) * COVERAGE * share), count))
            # the rest go again to those who need it most: the lower grades and the larger places
            weights = [{"A": 1, "B": 2, "C": 5, "D": 8}[e.credit_grade] for e in open_]
            visited += self.rng.choices(open_, weights=weights, k=count - len(visited))
            for entity in visited:
                day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
                team = self._team(officers, entity, day, conflicts)
                if team is None:
                    continue
                rows.append(self._inspection(entity, day, len(rows) - first_of_year))
                teams.append((team, items_of.get(entity.category, [])))
        saved = bulk_create_with_history(rows, Inspection, default_user=self.writer, batch_size=500)
        officer_links, item_links = Inspection.officers.through, Inspection.items.through
        officer_links.objects.bulk_create([officer_links(inspection_id=i.pk, officer_id=o.pk)
                                           for i, (team, _) in zip(saved, teams, strict=True) for o in team])
        item_links.objects.bulk_create([item_links(inspection_id=i.pk, checkitem_id=item.pk)
                                        for i, (_, chosen) in zip(saved, teams, strict=True)
                                        for item in self.rng.sample(chosen, min(len(chosen), 2))])
        return saved

    def _team(self, officers, entity, day, conflicts) -> list[Officer] | None:
        able = [o for o in officers if o.certified_on(day) and (o.pk, entity.pk) not in conflicts]
        return self.rng.sample(able, 2) if len(able) >= 2 else None

    def _inspection(self, entity, day, n) -> Inspection:
        today = self.ctx.today
        result = self.rng.choices(list(InspectionResult), weights=[64, 33, 3])[0]
        opinion = rectify_by = follow_on = None
        follow_up, note = FollowUp.NONE, ""
        if result != InspectionResult.COMPLIANT:
            opinion = f"{self.place[:2]}卫监意〔{day.year}〕{n + 1}号"
        if result == InspectionResult.RECTIFY:
            rectify_by = day + dt.timedelta(days=self.rng.choice([7, 15, 15, 30]))
            follow_up = FollowUp.PENDING
            # rechecks are mostly done within days of the deadline; a few slip
            if rectify_by < today and self.rng.random() < 0.95:
                follow_on = min(today, rectify_by + dt.timedelta(days=self.rng.randint(0, 5)))
                follow_up, note = FollowUp.DONE, "复查时已按意见书要求整改到位"
        elif result == InspectionResult.CASE:
            follow_up = FollowUp.CASE
        kind = self.rng.choices([InspectionKind.ROUTINE, InspectionKind.SPECIAL, InspectionKind.COMPLAINT],
                                weights=[70, 25, 5])[0]
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(16, 0)))
        return Inspection(
            org=entity.org, entity=entity, date=day, kind=kind, findings=self.rng.choice(FINDINGS[result]),
            result=result, opinion_no=opinion or "", rectify_by=rectify_by, follow_up=follow_up,
            follow_up_on=follow_on, follow_up_note=note, created_by=self.writer, created_at=moment)

    def points(self, entities, practitioners, inspections) -> None:
        """Points for some medical institutions and doctors, from the inspections that found problems; a few
        reach the bands (the rules table's defaults: 12, 18, 24)."""
        found = [i for i in inspections if i.result != InspectionResult.COMPLIANT
                 and i.entity.category in MEDICAL_CATEGORIES and i.date <= self.ctx.today]
        staff = {}
        for person in practitioners:
            staff.setdefault(person.entity_id, []).append(person)
        rows = []
        recent = sorted((i for i in found if (self.ctx.today - i.date).days < 150), key=lambda i: i.pk)
        # an institution and a doctor pile up points: the band list has something to show
        staffed = [i for i in recent if i.entity_id in staff]
        piles = self.rng.sample(recent, min(len(recent), 1)) + self.rng.sample(staffed, min(len(staffed), 1))
        others = self.rng.sample(found, min(len(found), 8 * self.ctx.volume))
        for n, inspection in enumerate(piles + [i for i in others if i not in piles]):
            people = staff.get(inspection.entity_id, [])
            person = self.rng.choice(people) if people and n != 0 and (n == 1 or self.rng.random() < 0.5) else None
            repeats = 4 if n < 2 else 1
            for k in range(repeats):
                behaviour, number = self.rng.choice(BEHAVIOURS)
                rows.append(PointRecord(
                    org=inspection.org, entity=inspection.entity, practitioner=person,
                    subject=PointSubject.PRACTITIONER if person else PointSubject.INSTITUTION,
                    date=min(self.ctx.today, inspection.date + dt.timedelta(days=k * 20)), behaviour=behaviour,
                    points=number, basis="地方医疗机构不良执业行为记分管理办法", inspection=inspection,
                    created_by=self.writer))
        bulk_create_with_history(rows, PointRecord, default_user=self.writer)
