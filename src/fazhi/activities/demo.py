"""Demo ledgers at the volumes the annual reports show: per commission and year about 13 中心组学法 and
45 集体学法, a handful of trainings and exams (43 sat, all passed), events on the publicity days with
some 13,000 leaflets, three meetings hearing the rule-of-law report, 述法 by every leader and head, and two
legal advisers at work. Records that serve a plan target are linked to its task."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from fazhi.core.choices import OrgKind
from fazhi.core.demo import DemoContext
from fazhi.core.models import Org, User
from fazhi.plans.choices import PlanStatus
from fazhi.plans.models import Target

from .choices import (
    AccountForm,
    AdviserKind,
    Audience,
    Channel,
    ExamKind,
    MeetingKind,
    Mode,
    PublicityKind,
    ServiceKind,
    StudyForm,
    StudyKind,
)
from .models import (
    Accountable,
    AdviserService,
    Exam,
    LawAccount,
    LegalAdviser,
    Meeting,
    PublicityDay,
    PublicityEvent,
    StudySession,
    Training,
)

LAWS = [
    "宪法",
    "民法典",
    "基本医疗卫生与健康促进法",
    "传染病防治法",
    "医师法",
    "行政处罚法",
    "行政复议法",
    "职业病防治法",
    "药品管理法",
    "医疗纠纷预防和处理条例",
    "医疗机构管理条例",
    "突发公共卫生事件应急条例",
]
TOPICS = ["学习习近平法治思想", "学习{law}", "专题学习{law}修订要点", "学习党内法规和{law}", "研讨{law}在工作中的运用"]
TRAININGS = [
    ("行政执法人员业务能力提升培训", Audience.OFFICERS, 8),
    ("领导干部法治专题培训", Audience.LEADERS, 4),
    ("法制审核人员业务培训", Audience.REVIEWERS, 6),
    ("机关干部依法行政能力培训", Audience.STAFF, 4),
    ("医务人员法律法规培训", Audience.MEDICAL, 3),
]
CASES = ["非法行医案", "医疗美容违法案", "公共场所卫生违法案", "生活饮用水卫生违法案", "医疗纠纷调解案"]
SERVICES = {
    ServiceKind.CONSULT: "就{x}提供法律咨询",
    ServiceKind.REVIEW: "审查{x}合法性",
    ServiceKind.CONTRACT: "审查{x}合同",
    ServiceKind.LITIGATION: "代理{x}行政诉讼案件",
    ServiceKind.RECONSIDERATION: "参与{x}行政复议案件",
    ServiceKind.LECTURE: "为干部职工讲授{x}",
}
SUBJECTS = ["医疗机构校验", "信息化建设项目", "政府采购", "规范性文件", "行政处罚决定", "信访答复", "民法典"]
# Which plan targets a demo record serves, by its indicator.
SERVES = {
    "central_group": ("study.central_group", "study.leadership"),
    "court": ("study.court",),
    "exam": ("exam.count",),
    "heard": ("duty.reports_heard",),
    "case": ("publicity.cases",),
    "officers": ("training.officer_hours",),
    "account": ("duty.account_coverage", "duty.accounts"),
}


def generate(ctx: DemoContext) -> None:
    admin = User.objects.get(username="admin")
    for i, commission in enumerate(ctx.commissions):
        office = ctx.users.get(f"{('shi', 'xian', 'qu')[i]}_fazhi") if i < 3 else admin
        Demo(ctx, commission, office).run()


class Demo:
    def __init__(self, ctx, commission, office):
        self.ctx, self.rng, self.commission, self.office = ctx, ctx.rng, commission, office
        below = Org.objects.filter(path__startswith=commission.path, is_active=True)
        self.departments = list(below.filter(kind=OrgKind.DEPARTMENT))
        self.units = list(below.filter(kind=OrgKind.UNIT))
        self.zcfgk = next((d for d in self.departments if d.code.endswith(".zcfgk")), commission)
        self.rows: dict[type, list] = {}

    def run(self):
        people = self._accountables()
        advisers = self._advisers()
        for year in self.ctx.years:
            self.tasks = self._tasks(year)
            self._study(year)
            self._training(year)
            self._exams(year)
            self._publicity(year)
            self._meetings(year)
            self._accounts(year, people)
            self._services(year, advisers)
        for model, rows in self.rows.items():
            bulk_create_with_history(rows, model, default_user=self.office, batch_size=500)

    # ------------------------------------------------------------ helpers
    def add(self, model, serves=None, **fields):
        fields.setdefault("org", self.commission)
        if serves and (task := self.tasks.get(serves)):
            fields["task"] = task
        record = model(created_by=self.office, **fields)
        if "date" in fields:
            record.created_at = timezone.make_aware(dt.datetime.combine(fields["date"], dt.time(17, 0)))
        self.rows.setdefault(model, []).append(record)
        return record

    def _tasks(self, year) -> dict:
        """For each kind of record, the issued task of this year's plan whose target it counts towards."""
        found = {}
        targets = Target.objects.filter(
            task__plan__org=self.commission,
            task__plan__year=year,
            task__plan__status=PlanStatus.ISSUED,
            task__deleted_at__isnull=True,
        ).select_related("task")
        for target in targets:
            for key, codes in SERVES.items():
                if target.indicator_code in codes:
                    found.setdefault(key, target.task)
        return found

    def day(self, year, month=None, *, weekday=True) -> dt.date | None:
        """A working day of `year` (in `month` if given) not after today, or None."""
        for _ in range(20):
            day = dt.date(year, month, self.rng.randint(1, 28)) if month else self.ctx.random_date(year)
            if (not weekday or day.weekday() < 5) and day <= self.ctx.today:
                return day
        return None

    def law(self):
        return self.rng.choice(LAWS)

    # ------------------------------------------------------------ ledgers
    def _accountables(self) -> list[Accountable]:
        leaders = [
            ("主任" if self.commission.parent.level != "county" else "局长", True),
            ("党组书记", True),
            ("副主任" if self.commission.parent.level != "county" else "副局长", False),
            ("副主任" if self.commission.parent.level != "county" else "副局长", False),
        ]
        people = [
            Accountable(
                org=self.commission,
                name=self.ctx.person_name(),
                position=p,
                is_principal=principal,
                created_by=self.office,
            )
            for p, principal in leaders
        ]
        for org in self.departments + self.units:
            head = "科长" if org.kind == OrgKind.DEPARTMENT else "院长" if "医院" in org.name else "主任"
            people.append(
                Accountable(
                    org=org,
                    name=self.ctx.person_name(),
                    position=f"{org.short_name or org.name}{head}",
                    is_principal=org.kind == OrgKind.UNIT,
                    created_by=self.office,
                )
            )
        return bulk_create_with_history(people, Accountable, default_user=self.office)

    def _advisers(self) -> list[LegalAdviser]:
        first = dt.date(self.ctx.years[0], 1, 1)
        advisers = [
            LegalAdviser(
                org=self.commission,
                name=f"{self.commission.name[:3]}正衡律师事务所",
                kind=AdviserKind.FIRM,
                firm="",
                licence=f"3{self.rng.randint(10**12, 10**13 - 1)}",
                phone="0931-8" + "6" * 6,
                contract_start=first,
                contract_end=dt.date(self.ctx.years[1], 12, 31),
                fee=Decimal(self.rng.choice([50000, 60000, 80000])),
                created_by=self.office,
            ),
            LegalAdviser(
                org=self.commission,
                name=self.ctx.person_name(),
                kind=AdviserKind.PUBLIC,
                firm=self.zcfgk.name,
                licence=f"1{self.rng.randint(10**12, 10**13 - 1)}",
                contract_start=first,
                contract_end=dt.date(self.ctx.years[1], 12, 31),
                created_by=self.office,
            ),
        ]
        return bulk_create_with_history(advisers, LegalAdviser, default_user=self.office)

    def _study(self, year):
        months = list(range(1, 13)) + [self.rng.randint(3, 11)]  # 13 a year: monthly, and once more
        for month in months:
            if day := self.day(year, month):
                law = self.law()
                self.add(
                    StudySession,
                    "central_group",
                    date=day,
                    kind=StudyKind.CENTRAL_GROUP,
                    title=f"党组理论学习中心组{self.rng.choice(TOPICS).format(law=law)}",
                    form=self.rng.choice([StudyForm.CONCENTRATED, StudyForm.SEMINAR]),
                    laws=law,
                    presenter="党组书记",
                    participants=self.rng.randint(7, 11),
                )
        for _ in range(45):
            if day := self.day(year):
                law = self.law()
                self.add(
                    StudySession,
                    org=self.rng.choice(self.departments or [self.commission]),
                    date=day,
                    kind=StudyKind.STAFF,
                    title=f"干部职工集体学法：{law}",
                    form=StudyForm.CONCENTRATED,
                    laws=law,
                    presenter=self.ctx.person_name(),
                    participants=self.rng.randint(8, 40),
                )
        for _ in range(self.rng.randint(2, 4)):
            if day := self.day(year):
                law = self.law()
                self.add(
                    StudySession,
                    date=day,
                    kind=StudyKind.LECTURE,
                    title=f"法治讲座：{law}解读",
                    form=StudyForm.LECTURE,
                    laws=law,
                    presenter=f"{self.ctx.person_name()}律师",
                    participants=self.rng.randint(40, 120),
                )
        for _ in range(self.rng.randint(1, 2)):
            if day := self.day(year):
                self.add(
                    StudySession,
                    "court",
                    date=day,
                    kind=StudyKind.COURT,
                    form=StudyForm.VISIT,
                    title="组织领导干部和执法人员旁听行政诉讼案件庭审",
                    laws="行政诉讼法",
                    participants=self.rng.randint(12, 30),
                )
        for unit in self.units:
            for _ in range(self.rng.randint(3, 8)):
                if day := self.day(year):
                    law = self.law()
                    self.add(
                        StudySession,
                        org=unit,
                        date=day,
                        kind=StudyKind.STAFF,
                        title=f"{unit.short_name or '本单位'}学习{law}",
                        laws=law,
                        presenter="分管院领导",
                        participants=self.rng.randint(20, 90),
                    )

    def _training(self, year):
        for title, audience, hours in TRAININGS[:4]:
            for _ in range(3 if audience == Audience.OFFICERS else 1):
                if day := self.day(year):
                    self.add(
                        Training,
                        "officers" if audience == Audience.OFFICERS else None,
                        date=day,
                        title=f"{year}年{title}",
                        organiser=self.commission.name,
                        audience=audience,
                        mode=self.rng.choice(list(Mode)),
                        hours=Decimal(hours),
                        participants=self.rng.randint(18, 40),
                    )
        for unit in self.units:
            if "医院" in unit.name and (day := self.day(year)):
                title, audience, hours = TRAININGS[4]
                self.add(
                    Training,
                    org=unit,
                    date=day,
                    title=title,
                    organiser=unit.name,
                    audience=audience,
                    mode=Mode.OFFLINE,
                    hours=Decimal(hours),
                    participants=self.rng.randint(80, 300),
                )

    def _exams(self, year):
        for n in range(self.rng.randint(3, 4)):
            if day := self.day(year, 3 + 3 * n):
                expected = self.rng.randint(38, 48)
                self.add(
                    Exam,
                    "exam",
                    date=day,
                    kind=ExamKind.LAW,
                    title=f"“法宣在线”学法用法考试（第{n + 1}次）",
                    expected=expected,
                    sat=expected,
                    passed=expected,
                )
        if day := self.day(year, 9):
            sat = self.rng.randint(5, 9)
            self.add(
                Exam,
                date=day,
                kind=ExamKind.CERTIFICATE,
                title=f"{year}年行政执法资格考试",
                expected=sat,
                sat=sat,
                passed=sat - self.rng.randint(0, 1),
            )
        for unit in self.units:
            if "医院" in unit.name and (day := self.day(year)):
                expected = self.rng.randint(200, 600)
                sat = expected - self.rng.randint(0, 12)
                self.add(
                    Exam,
                    org=unit,
                    date=day,
                    kind=ExamKind.POST,
                    title="医务人员法律法规知识考试",
                    expected=expected,
                    sat=sat,
                    passed=sat - self.rng.randint(0, 8),
                )

    def _publicity(self, year):
        channels = [c.value for c in Channel]
        for occasion in PublicityDay.objects.filter(is_active=True):
            start, end = occasion.span(year)
            if start > self.ctx.today or self.rng.random() < 0.15:
                continue
            day = start + dt.timedelta(days=self.rng.randint(0, (min(end, self.ctx.today) - start).days))
            self.add(
                PublicityEvent,
                date=day,
                kind=PublicityKind.EVENT,
                occasion=occasion,
                title=f"{occasion.name}主题宣传活动",
                channels=",".join(self.rng.sample(channels, 3)),
                place=self.rng.choice(["市民广场", "人民公园", "社区卫生服务中心", "县医院门诊大厅"]),
                laws=occasion.theme,
                materials=self.rng.randint(800, 2200),
                reached=self.rng.randint(300, 2000),
            )
        for _ in range(self.rng.randint(6, 10)):
            if day := self.day(year, weekday=False):
                law = self.law()
                self.add(
                    PublicityEvent,
                    org=self.rng.choice(self.units or [self.commission]),
                    date=day,
                    kind=PublicityKind.EVENT,
                    title=f"{law}进社区宣传",
                    channels="onsite,board",
                    place="社区",
                    laws=law,
                    materials=self.rng.randint(200, 900),
                    reached=self.rng.randint(100, 600),
                )
        for _ in range(self.rng.randint(3, 5)):
            if day := self.day(year):
                case = self.rng.choice(CASES)
                self.add(
                    PublicityEvent,
                    "case",
                    date=day,
                    kind=PublicityKind.CASE,
                    title=f"以案释法：{case}",
                    channels="wechat,website",
                    laws=self.law(),
                    reached=self.rng.randint(500, 5000),
                    case_summary=f"通过一起{case}讲解相关法律责任和合规要求。",
                )

    def _meetings(self, year):
        for month in sorted(self.rng.sample([3, 6, 9, 12], 3)):
            if day := self.day(year, month):
                self.add(
                    Meeting,
                    "heard",
                    date=day,
                    kind=MeetingKind.PARTY_GROUP,
                    chair="党组书记",
                    title="党组会听取法治建设工作情况汇报",
                    heard_report=True,
                    studied_law=True,
                    decisions="听取政策法规科关于法治建设工作情况的汇报，研究部署下一阶段重点任务。",
                )
        for _ in range(self.rng.randint(2, 4)):
            if day := self.day(year):
                self.add(
                    Meeting,
                    date=day,
                    kind=self.rng.choice([MeetingKind.DIRECTORS, MeetingKind.SPECIAL]),
                    chair="主任",
                    title="研究重大行政决策合法性审查和行政执法问题",
                    studied_law=True,
                    decisions="研究解决法治建设中的具体问题。",
                )

    def _accounts(self, year, people):
        """述法 happens at the turn of the year: last year's accounts are all in, this year's barely begun."""
        next_jan = dt.date(year + 1, 1, 10)
        for person in people:
            if next_jan <= self.ctx.today:
                day = next_jan + dt.timedelta(days=self.rng.randint(0, 15))
            elif self.rng.random() < 0.3:
                day = self.day(year, 11) or self.ctx.today
            else:
                continue
            form = (
                AccountForm.SPECIAL
                if person.is_principal
                else self.rng.choice([AccountForm.WRITTEN, AccountForm.MEETING])
            )
            self.add(
                LawAccount,
                "account",
                org=person.org,
                date=min(day, self.ctx.today),
                person=person,
                year=year,
                form=form,
                title=f"{person.name}{year}年度述法",
                evaluation=self.rng.choice(["好", "较好", "好"]),
            )

    def _services(self, year, advisers):
        kinds = list(SERVICES)
        for _ in range(self.rng.randint(20, 36)):
            if day := self.day(year):
                kind = self.rng.choices(kinds, [30, 25, 20, 5, 5, 5])[0]
                subject = self.rng.choice(SUBJECTS)
                self.add(
                    AdviserService,
                    date=day,
                    adviser=self.rng.choice(advisers),
                    kind=kind,
                    title=SERVICES[kind].format(x=subject),
                    count=self.rng.choice([1, 1, 1, 2, 3]),
                )
