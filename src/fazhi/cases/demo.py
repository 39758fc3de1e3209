"""Demo penalty cases, made through the services so that every gate is passed the way a user passes it.

For each commission and each of the demo's two years: last year's files all closed (penalties, one major
case with a hearing, legal review and collective discussion, a 两轻一免 decision, an unproven one, a
transfer, on-the-spot fines), amounts in yuan near seed 002's county (fines about 100,000, confiscation
5,000); this year's cases in every state (investigating, notified, hearing, reviewing, decided, served,
executed, closed), a few deadlines passed so that warnings show, published decisions; then a round of
case-file evaluation of last year's files, and today's digest of every record for the portal. Steps are
back-dated on the business clock, so each entry of the log is recorded (and signed) on its business date.
Cases start from inspections that found a case (立案查处) where the registers have them. At city scale each
commission has well over a hundred cases a year and several live cases at every stage; the county demo stays
small and quick."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from fazhi.core.choices import RoleCode
from fazhi.core.deadlines import due_for
from fazhi.core.demo import DemoContext
from fazhi.core.models import Org, User
from fazhi.enforcement.choices import EntityCategory, EntityStatus, InspectionResult, LenientKind
from fazhi.enforcement.demo import enforcement_unit
from fazhi.enforcement.models import Entity, Inspection, LenientItem, Officer, OfficerConflict

from . import anchors, evaluation, services, steps
from .choices import (
    OPEN_WORD,
    SERIES_WORDS,
    CaseSource,
    CaseStatus,
    DecisionKind,
    DocumentSeries,
    ExecutionKind,
    PenaltyKind,
    Procedure,
    ReviewOpinion,
    ServiceMethod,
    StepKind,
)
from .models import Case, CaseEvaluation, CaseStep, EvaluationScore, LegalReview

W, F, C = PenaltyKind.WARNING, PenaltyKind.FINE, PenaltyKind.CONFISCATE_INCOME
# category → (cause, legal basis) of the cases the demo opens
MATTERS = {
    EntityCategory.PUBLIC_PLACE: [
        ("未取得公共场所卫生许可证擅自营业", "《公共场所卫生管理条例实施细则》第三十五条第一款"),
        ("安排未获得有效健康合格证明的从业人员从事直接为顾客服务工作", "《公共场所卫生管理条例实施细则》第三十八条"),
        ("未按照规定对顾客用品用具进行清洗、消毒、保洁", "《公共场所卫生管理条例实施细则》第三十六条第三项")],
    EntityCategory.CLINIC: [
        ("使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条"),
        ("超出备案范围开展诊疗活动", "《医疗机构管理条例》第四十六条")],
    EntityCategory.HOSPITAL: [
        ("未按照规定对医疗废物进行分类收集", "《医疗废物管理条例》第四十六条第一项"),
        ("未按照规定报告传染病疫情", "《中华人民共和国传染病防治法》第六十九条第二项")],
    EntityCategory.WATER: [("供应的饮用水不符合国家卫生标准和卫生规范", "《生活饮用水卫生监督管理办法》第二十六条")],
    EntityCategory.OCCUPATIONAL: [
        ("未按照规定组织劳动者进行职业健康检查", "《中华人民共和国职业病防治法》第七十一条第四项")],
    EntityCategory.RADIATION: [("未按照规定对放射工作人员进行个人剂量监测", "《放射诊疗管理规定》第四十一条第三项")],
    EntityCategory.SCHOOL: [("未按照规定为学生设置厕所和洗手设施", "《学校卫生工作条例》第三十三条")],
    EntityCategory.DISINFECTION: [("生产不符合国家卫生标准和卫生规范的消毒产品", "《消毒管理办法》第四十七条")],
    EntityCategory.BLOOD: [("采集血液前未按照规定对献血者进行健康检查", "《血站管理办法》第六十一条第四项")],
    EntityCategory.DISEASE_CONTROL: [
        ("未依法履行传染病监测职责", "《中华人民共和国传染病防治法》第六十八条第一项")],
}
ILLEGAL_PRACTICE = ("未取得医疗机构执业许可证擅自执业", "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def generate(ctx: DemoContext) -> None:
    admin = User.objects.get(username="admin")
    prefixes = {ctx.city.pk: "shi", ctx.counties[0].pk: "xian", ctx.counties[1].pk: "qu"}
    with steps.business_clock(ctx.today):
        for commission in ctx.commissions:
            Cases(ctx, commission, prefixes.get(commission.pk), admin).run()
        for commission in ctx.commissions:
            Rounds(ctx, commission, prefixes.get(commission.pk), admin).run()
    # Today's digest of every record, as the daily `fazhi anchor` would publish it.
    anchors.digest_publish(day=ctx.today)


def pdf(name: str, tag: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + f"% {name} {tag}\n".encode(), "application/pdf")


class Cases:
    """One commission's cases of the two demo years."""

    def __init__(self, ctx: DemoContext, commission: Org, prefix: str | None, admin: User):
        self.ctx, self.rng, self.today, self.prefix = ctx, ctx.rng, ctx.today, prefix
        self.commission, self.unit = commission, enforcement_unit(commission)
        people = {role: ctx.users.get(f"{prefix}_{name}") for role, name in
                  ((RoleCode.OFFICER, "zhifa"), (RoleCode.LEGAL_ADMIN, "fazhi"), (RoleCode.REVIEWER, "shenhe"))}
        self.handler = people[RoleCode.OFFICER] or admin
        self.office = people[RoleCode.LEGAL_ADMIN] or admin
        self.reviewer = people[RoleCode.REVIEWER]
        self.officers = list(Officer.objects.filter(org=self.unit).select_related("org", "user").order_by("pk"))
        self.conflicts = set(OfficerConflict.objects.filter(officer__org=self.unit)
                             .values_list("officer_id", "entity_id"))
        entities = Entity.objects.filter(org=self.unit, status=EntityStatus.OPEN, category__in=MATTERS)
        self.organisations = [e for e in entities if not e.is_individual]
        self.individuals = [e for e in entities if e.is_individual and e.category == EntityCategory.CLINIC]
        self.lenient = list(LenientItem.objects.filter(org=commission, kind__in=[LenientKind.FIRST, LenientKind.MINOR]))
        self.inspections = list(Inspection.objects.filter(org=self.unit, result=InspectionResult.CASE,
                                                          cases__isnull=True).select_related("entity")
                                .order_by("date"))

    # ---------------------------------------------------------------- the plan
    # This year's open cases, through the services, by commission: one at every stage in 示例县, a few
    # elsewhere. Everything older is archived in bulk (Archive).
    LIVE = {"xian": ("investigating", "notified", "overdue", "hearing", "reviewing", "decided", "served", "executed",
                     "closed", "on_the_spot"),
            "qu": ("investigating", "hearing", "reviewing", "decided"),
            "shi": ("investigating", "reviewing", "decided")}

    def run(self) -> None:
        if len(self.officers) < 2 or not self.organisations:
            return
        Archive(self).run()
        # by name: (age in days when opened, how the case is made from its opening day)
        live = {
            "overdue": (95, lambda d: self.penalty(d, "notified", fine=12000)),  # the decision's time has run out
            "closed": (120, lambda d: self.major(d, "closed", fine=8000)),
            "executed": (75, lambda d: self.penalty(d, "executed", fine=25000)),
            "served": (65, lambda d: self.penalty(d, "served", fine=18000, serve_back=20)),
            "reviewing": (55, lambda d: self.penalty(d, "reviewing", fine=30000, complex_=True)),
            "decided": (45, lambda d: self.penalty(d, "decided", fine=9000, decide_back=6)),
            "notified": (28, lambda d: self.penalty(d, "notified", fine=5000, notify_gap=26)),
            "hearing": (25, lambda d: self.major(d, "hearing", fine=6000)),
            "investigating": (12, lambda d: self.penalty(d, "investigating")),
            "on_the_spot": (8, lambda d: self.on_the_spot(d, 200, individual=True, close=False)),
        }
        # The county demo keeps one case at each stage; a city's commissions each have several at every stage.
        names = self.LIVE.get(self.prefix, ()) if self.ctx.volume == 1 else tuple(live)
        rounds = max(1, self.ctx.volume // 2)
        plan = sorted(((live[name][0] + 2 * k, name) for name in names for k in range(rounds)), reverse=True)
        for age, name in plan:  # in order of opening, so that numbers run with the dates
            live[name][1](self.today - dt.timedelta(days=age))

    def day(self, start: dt.date, offset: int) -> dt.date:
        return min(start + dt.timedelta(days=offset), self.today - dt.timedelta(days=1))

    # ---------------------------------------------------------------- pieces
    def team(self, on: dt.date, entity: Entity) -> list[Officer]:
        fit = [o for o in self.officers if o.certified_on(on) and (o.pk, entity.pk) not in self.conflicts]
        own = [o for o in fit if o.user_id == self.handler.pk]
        others = [o for o in fit if o.user_id != self.handler.pk]
        return (own + self.rng.sample(others, 2))[:2] if len(others) >= 2 else fit[:2]

    def party(self, on: dt.date, individual: bool = False) -> tuple[Entity, Inspection | None, dt.date]:
        """An entity to act against, from an inspection that found a case when one is near."""
        for inspection in self.inspections:
            if on - dt.timedelta(days=30) <= inspection.date <= on and inspection.entity.is_individual == individual:
                self.inspections.remove(inspection)
                return inspection.entity, inspection, on
        pool = self.individuals if individual and self.individuals else self.organisations
        return self.rng.choice(pool), None, on

    def matter(self, entity: Entity) -> tuple[str, str]:
        if entity.is_individual and self.rng.random() < .5:
            return ILLEGAL_PRACTICE
        return self.rng.choice(MATTERS[entity.category])

    def after(self, code: str, start: dt.date, extra: int = 1) -> dt.date:
        return due_for(code, start).date + dt.timedelta(days=extra)

    def open(self, on: dt.date, *, individual: bool = False, complex_: bool = False) -> Case:
        entity, inspection, on = self.party(on, individual)
        cause, basis = self.matter(entity)
        case = services.case_open(
            org=self.unit, officers=self.team(on, entity), entity=entity, cause=cause, legal_basis=basis,
            source=CaseSource.INSPECTION if inspection else self.rng.choice([CaseSource.COMPLAINT, CaseSource.RANDOM]),
            inspection=inspection, facts=f"经现场检查，当事人{cause}。", is_complex=complex_, on=on,
            actor=self.handler, files=[pdf("立案审批表.pdf", f"{self.unit.code} {on}")])
        return services.case_add_evidence(case=case, on=self.day(on, 2), actor=self.handler,
                                          note="现场检查笔录、询问笔录、现场照片",
                                          files=[pdf("现场检查笔录.pdf", case.number)])

    def notify(self, case: Case, on: dt.date, kinds, fine, confiscation=0, files=()) -> Case:
        return services.case_notify(case=case, penalty_kinds=kinds, fine=fine, confiscation=confiscation, on=on,
                                    actor=self.handler, note="告知拟处罚的事实、理由、依据和当事人的权利", files=files)

    def finish(self, case: Case, decided: dt.date, stage: str, *, late_publicity=False, serve_back=None) -> Case:
        """From a decision to service, execution, publicity and closure, as far as `stage`."""
        if stage == "decided":
            return case
        served = self.day(decided, 2) if serve_back is None else self.today - dt.timedelta(days=serve_back)
        case = services.case_serve(case=case, method=ServiceMethod.IN_PERSON, on=served, actor=self.handler)
        if case.decision_kind == DecisionKind.PENALTY:
            publish = self.after("penalty-publicity", decided, 2) if late_publicity else self.day(decided, 3)
            services.case_publish(case=case, on=min(publish, self.today), actor=self.office)
        if stage == "served" or not case.needs_execution and stage != "closed":
            return case
        if case.needs_execution:
            case = services.case_execute(case=case, kind=ExecutionKind.PAID, paid_amount=case.amount,
                                         on=self.day(served, self.rng.randint(3, 12)), actor=self.handler)
        if stage == "executed":
            return case
        return services.case_close(case=case, on=self.day(case.executed_on or served, 5), actor=self.handler)

    # ---------------------------------------------------------------- kinds of case
    def penalty(self, opened: dt.date, stage: str, *, fine: int = 0, confiscation: int = 0, complex_=False,
                late_publicity=False, notify_gap: int = 15, decide_back=None, serve_back=None) -> Case:
        case = self.open(opened, complex_=complex_)
        if stage == "investigating":
            return case
        kinds = [W, F] + ([C] if confiscation else [])
        notified = self.day(opened, notify_gap)
        case = self.notify(case, notified, kinds, fine, confiscation)
        if stage == "notified":
            return case
        waived = self.rng.random() < .4
        if waived:
            case = services.case_waive(case=case, on=self.day(notified, 1), actor=self.handler,
                                       files=[pdf("放弃陈述申辩和听证声明.pdf", case.number)])
            ready = self.day(notified, 2)
        else:
            ready = self.after("penalty-hearing-request" if case.hearing_right else "penalty-statement", notified)
        if complex_:
            review = services.case_submit_review(case=case, summary=f"拟{case.cause}，给予警告、罚款{fine}元",
                                                 on=ready, actor=self.handler)
            if stage == "reviewing" or self.reviewer is None:
                return case
            services.review_decide(review=review, opinion=ReviewOpinion.AGREE, on=self.day(ready, 2),
                                   actor=self.reviewer)
            services.case_discuss(case=case, attendees="局长、分管副局长、政策法规科科长、执法大队队长",
                                  conclusion="同意承办人意见", on=self.day(ready, 4), actor=self.office)
            ready = self.day(ready, 5)
        decided = self.today - dt.timedelta(days=decide_back) if decide_back is not None else self.day(ready, 3)
        case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=kinds, fine=fine,
                                    confiscation=confiscation, on=decided, actor=self.handler)
        return self.finish(case, decided, stage, late_publicity=late_publicity, serve_back=serve_back)

    def major(self, opened: dt.date, stage: str, *, fine: int) -> Case | None:
        """An individual's case above the hearing and review amounts: hearing, review, discussion."""
        if self.reviewer is None or not self.individuals:
            return None
        case = self.open(opened, individual=True)
        notified = self.day(opened, 10)
        confiscation = 5000 if stage == "closed" else 0
        kinds = [W, F] + ([C] if confiscation else [])
        case = self.notify(case, notified, kinds, fine, confiscation,
                           files=[pdf("行政处罚事先告知书.pdf", case.number)])
        requested = self.day(notified, 2)
        case = services.case_request_hearing(case=case, on=requested, actor=self.handler,
                                             files=[pdf("听证申请书.pdf", case.number)])
        noticed = self.day(requested, 1)
        hearing_on = max(noticed + dt.timedelta(days=14), self.today + dt.timedelta(days=6) if stage == "hearing"
                         else noticed)
        while due_for("penalty-hearing-notice", hearing_on).date < noticed:
            hearing_on += dt.timedelta(days=1)
        case = services.case_notice_hearing(case=case, hearing_on=hearing_on, place="局第一会议室", on=noticed,
                                            actor=self.handler, files=[pdf("听证通知书.pdf", case.number)])
        if stage == "hearing":
            return case
        audio = SimpleUploadedFile("听证录音.mp3", b"ID3 demo audio " + case.number.encode(), "audio/mpeg")
        case = services.case_hold_hearing(case=case, presider="政策法规科科长", on=hearing_on, actor=self.handler,
                                          note="当事人对违法事实无异议，请求从轻处罚",
                                          files=[pdf("听证笔录.pdf", case.number), audio])
        summary = f"拟给予警告、罚款{fine}元、没收违法所得{confiscation}元"
        review = services.case_submit_review(case=case, summary=summary, on=self.day(hearing_on, 2),
                                             actor=self.handler)
        review = services.review_decide(review=review, opinion=ReviewOpinion.AGREE_MODIFIED,
                                        on=self.day(hearing_on, 4), reasons="处罚依据应引用至条款项，请补充",
                                        actor=self.reviewer)
        case = services.case_discuss(case=case, attendees="局长、分管副局长、政策法规科科长、执法大队队长",
                                     conclusion="同意给予警告、罚款并没收违法所得", on=self.day(hearing_on, 6),
                                     actor=self.office, files=[pdf("集体讨论记录.pdf", case.number)])
        decided = self.day(hearing_on, 7)
        case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=kinds, fine=fine,
                                    confiscation=confiscation, on=decided, actor=self.handler,
                                    files=[pdf("行政处罚决定书.pdf", case.number)])
        return self.finish(case, decided, stage)

    def on_the_spot(self, on: dt.date, fine: int, *, individual: bool, close: bool = True) -> Case:
        entity = self.rng.choice(self.individuals if individual and self.individuals else self.organisations)
        cause, basis = self.rng.choice(MATTERS[EntityCategory.PUBLIC_PLACE])
        case = services.case_on_the_spot(
            org=self.unit, officers=self.team(on, entity), entity=entity, cause=cause,
            legal_basis=basis, penalty_kinds=[W, F], fine=fine, on=on, actor=self.handler,
            files=[pdf("当场行政处罚决定书.pdf", f"{self.unit.code} {on} {fine}")])
        services.case_publish(case=case, on=self.day(on, 2), actor=self.office)
        if not close:
            return case
        case = services.case_execute(case=case, kind=ExecutionKind.PAID, paid_amount=fine, on=on, actor=self.handler)
        return services.case_close(case=case, on=self.day(on, 3), actor=self.handler)


class Archive:
    """The closed files of the past two years, made in bulk as the services would have left them: dates
    that pass every gate (counted by the same rules table and calendar), numbers in order per year, the
    whole-process record chained by the same hash (without files). Amounts near seed 002's county."""

    def __init__(self, maker: Cases):
        self.m, self.rng, self.cal = maker, maker.rng, steps.calendar()
        self.rows: list[dict] = []

    def run(self) -> None:
        last, this = self.m.ctx.years
        # A county handles dozens of cases a year; a city's commissions several hundred between them.
        for n in range(self.m.ctx.volume * (3 if self.m.ctx.volume > 1 else 1)):
            start = dt.date(last, 1, 5) + dt.timedelta(days=9 * n)
            self.penalty(start + dt.timedelta(days=10), fine=10000)
            self.penalty(start + dt.timedelta(days=60), fine=20000, confiscation=5000, late_publicity=True)
            self.penalty(start + dt.timedelta(days=140), fine=35000)
            self.penalty(start + dt.timedelta(days=180), fine=30000, hearing=bool(self.m.individuals))
            self.other(start + dt.timedelta(days=90), DecisionKind.LENIENT)
            self.other(start + dt.timedelta(days=200), DecisionKind.UNPROVEN)
            for k, fine in enumerate((200, 1000, 3000)):
                self.simple(start + dt.timedelta(days=30 + 70 * k), fine, individual=fine <= 200)
            if n:  # a city's units handle more, and larger, cases
                for k, fine in enumerate((6000, 45000, 80000)):
                    self.penalty(start + dt.timedelta(days=25 + 60 * k), fine=fine, late_publicity=k == 2)
            # this year's closed files, all opened well before the live cases
            begin = self.m.today - dt.timedelta(days=300 - 9 * n)
            self.penalty(begin, fine=8000)
            self.penalty(begin + dt.timedelta(days=40), fine=15000, late_publicity=n == 0)
            self.simple(begin + dt.timedelta(days=60), 500, individual=False)
            self.other(begin + dt.timedelta(days=90), DecisionKind.LENIENT)
            if n:
                self.penalty(begin + dt.timedelta(days=20), fine=6000)
                self.penalty(begin + dt.timedelta(days=70), fine=45000)
                self.other(begin + dt.timedelta(days=110), DecisionKind.UNPROVEN)
        self.other(dt.date(last, 6, 15), DecisionKind.TRANSFER)
        self.save()

    # ---------------------------------------------------------------- dates and entries
    def due(self, code: str, start: dt.date) -> dt.date:
        return due_for(code, start, cal=self.cal).date

    def new(self, opened: dt.date, *, individual=False, procedure=Procedure.ORDINARY) -> dict:
        entity, inspection, _ = self.m.party(opened, individual)
        cause, basis = self.m.matter(entity)
        team = self.m.team(opened, entity)
        case = Case(org=self.m.unit, created_by=self.m.handler, procedure=procedure, entity=entity, cause=cause,
                    legal_basis=basis, inspection=inspection, opened_on=opened, status=CaseStatus.CLOSED,
                    source=CaseSource.INSPECTION if inspection else CaseSource.COMPLAINT,
                    facts=f"经现场检查，当事人{cause}。", party_name=entity.name, party_id_no=entity.credit_code,
                    party_address=entity.address, party_kind="individual" if entity.is_individual else "organisation",
                    created_at=steps.moment(opened))
        row = {"case": case, "team": team, "steps": [], "reviews": []}
        self.rows.append(row)
        return row

    def step(self, row: dict, step_kind: str, on: dt.date, note: str = "", actor=None, **parameters) -> None:
        row["steps"].append((step_kind, on, actor or self.m.handler, note, parameters))

    def penalty(self, opened: dt.date, *, fine: int, confiscation: int = 0, hearing: bool = False,
                late_publicity: bool = False) -> None:
        row = self.new(opened, individual=hearing)
        case, kinds = row["case"], [W, F] + ([C] if confiscation else [])
        self.step(row, StepKind.OPEN, opened, party=case.party_name, cause=case.cause,
                  officers=[{"name": o.name, "certificate_no": o.certificate_no} for o in row["team"]])
        self.step(row, StepKind.EVIDENCE, opened + dt.timedelta(days=2), "现场检查笔录、询问笔录、现场照片")
        notified = opened + dt.timedelta(days=10)
        statement, request = self.due("penalty-statement", notified), self.due("penalty-hearing-request", notified)
        case.notified_on, case.proposed_kinds = notified, kinds
        case.proposed_fine, case.proposed_confiscation, case.hearing_right = fine, confiscation, hearing
        self.step(row, StepKind.NOTIFY, notified, "告知拟处罚的事实、理由、依据和当事人的权利", penalty_kinds=kinds,
                  fine=steps.money(fine), confiscation=steps.money(confiscation), hearing_right=hearing,
                  hearing_reason="拟罚没数额达到较大数额" if hearing else "", renotice=False,
                  statement_due=statement.isoformat(), hearing_request_due=request.isoformat() if hearing else None)
        if hearing:
            decided = self.hearing(row, notified, fine, confiscation)
        elif self.rng.random() < .4:
            case.waived_on = notified + dt.timedelta(days=1)
            self.step(row, StepKind.WAIVER, case.waived_on, "当事人书面放弃陈述、申辩")
            decided = notified + dt.timedelta(days=3)
        else:
            decided = statement + dt.timedelta(days=3)
        case.penalty_kinds, case.fine_amount, case.confiscation_amount = kinds, fine, confiscation
        self.decide(row, DecisionKind.PENALTY, decided)
        self.serve(row, decided + dt.timedelta(days=2))
        published = (self.due("penalty-publicity", decided) + dt.timedelta(days=2) if late_publicity
                     else decided + dt.timedelta(days=3))
        case.published_at, case.published_late = steps.moment(published), late_publicity
        self.step(row, StepKind.PUBLISH, published, actor=self.m.office,
                  due=self.due("penalty-publicity", decided).isoformat(), late=late_publicity)
        executed = case.served_on + dt.timedelta(days=self.rng.randint(3, 12))
        case.executed_on, case.execution_kind, case.paid_amount = executed, ExecutionKind.PAID, fine + confiscation
        self.step(row, StepKind.EXECUTE, executed, kind=ExecutionKind.PAID, paid=steps.money(fine + confiscation),
                  payment_due=self.due("penalty-payment", case.served_on).isoformat(), late=False)
        self.close(row, executed + dt.timedelta(days=5))

    def hearing(self, row: dict, notified: dt.date, fine: int, confiscation: int) -> dt.date:
        """The hearing, review and discussion of a major case; returns the day of its decision."""
        case = row["case"]
        case.hearing_requested_on = notified + dt.timedelta(days=2)
        case.hearing_notice_on = case.hearing_requested_on + dt.timedelta(days=1)
        case.hearing_on = case.hearing_notice_on + dt.timedelta(days=14)
        while self.due("penalty-hearing-notice", case.hearing_on) < case.hearing_notice_on:
            case.hearing_on += dt.timedelta(days=1)
        case.hearing_held = True
        self.step(row, StepKind.HEARING_REQUEST, case.hearing_requested_on)
        self.step(row, StepKind.HEARING_NOTICE, case.hearing_notice_on, hearing_on=case.hearing_on.isoformat(),
                  place="局第一会议室", latest_notice=self.due("penalty-hearing-notice", case.hearing_on).isoformat())
        self.step(row, StepKind.HEARING, case.hearing_on, "当事人对违法事实无异议，请求从轻处罚",
                  presider="政策法规科科长")
        submitted, reviewed = case.hearing_on + dt.timedelta(days=2), case.hearing_on + dt.timedelta(days=4)
        summary = f"拟给予警告、罚款{fine}元" + (f"、没收违法所得{confiscation}元" if confiscation else "")
        self.step(row, StepKind.REVIEW_SUBMIT, submitted, summary, round=1, kind=DecisionKind.PENALTY,
                  penalty_kinds=case.proposed_kinds, fine=steps.money(fine), confiscation=steps.money(confiscation),
                  property_value=steps.money(0))
        reviewer = self.m.reviewer or self.m.office
        self.step(row, StepKind.REVIEW, reviewed, actor=reviewer, round=1, opinion=ReviewOpinion.AGREE)
        row["reviews"].append(LegalReview(round=1, submitted_at=steps.moment(submitted), submitted_by=self.m.handler,
                                          summary=summary, decision_kind=DecisionKind.PENALTY,
                                          penalty_kinds=case.proposed_kinds, fine=fine, confiscation=confiscation,
                                          reviewer=reviewer, opinion=ReviewOpinion.AGREE,
                                          reviewed_at=steps.moment(reviewed)))
        case.discussed_on = case.hearing_on + dt.timedelta(days=6)
        self.step(row, StepKind.DISCUSSION, case.discussed_on, "同意承办人意见", actor=self.m.office,
                  attendees="局长、分管副局长、政策法规科科长、执法大队队长", major=True)
        case.is_major = True
        return case.hearing_on + dt.timedelta(days=7)

    def decide(self, row: dict, kind: str, decided: dt.date, **extra) -> None:
        case = row["case"]
        case.decision_kind, case.decided_on = kind, decided
        case.decision_series = services.SERIES_OF[kind] if case.procedure == Procedure.ORDINARY \
            else DocumentSeries.ON_THE_SPOT
        due = self.due("penalty-decision", case.opened_on)
        if case.procedure == Procedure.ORDINARY:
            self.step(row, StepKind.DECIDE, decided, kind=kind, penalty_kinds=case.penalty_kinds,
                      fine=steps.money(case.fine_amount), confiscation=steps.money(case.confiscation_amount),
                      lenient_item=str(case.lenient_item or ""), is_major=case.is_major, due=due.isoformat(),
                      late=False, **extra)

    def serve(self, row: dict, served: dt.date) -> None:
        case = row["case"]
        case.served_on, case.service_method = served, ServiceMethod.IN_PERSON
        self.step(row, StepKind.SERVE, served, method=ServiceMethod.IN_PERSON,
                  due=self.due("penalty-service", case.decided_on).isoformat(), late=False)

    def close(self, row: dict, closed: dt.date) -> None:
        row["case"].closed_on = closed
        self.step(row, StepKind.CLOSE, closed)

    def other(self, opened: dt.date, kind: str) -> None:
        item = self.rng.choice(self.m.lenient) if kind == DecisionKind.LENIENT and self.m.lenient else None
        if kind == DecisionKind.LENIENT and item is None:
            return
        row = self.new(opened)
        case = row["case"]
        case.lenient_item = item
        self.step(row, StepKind.OPEN, opened, party=case.party_name, cause=case.cause,
                  officers=[{"name": o.name, "certificate_no": o.certificate_no} for o in row["team"]])
        self.step(row, StepKind.EVIDENCE, opened + dt.timedelta(days=2), "现场检查笔录、询问笔录")
        decided = opened + dt.timedelta(days=12)
        transfer = kind == DecisionKind.TRANSFER
        self.decide(row, kind, decided, transfer_to="县公安局" if transfer else "")
        if not transfer:
            self.serve(row, decided + dt.timedelta(days=2))
        self.close(row, decided + dt.timedelta(days=6))

    def first_violation_on_file(self, rows: list[dict]) -> list[dict]:
        """Rows without a 首违不罚 decision for a party that already had a violation decided by then."""
        violations = [r["case"] for r in rows if r["case"].decision_kind != DecisionKind.UNPROVEN]

        def earlier(case: Case) -> bool:
            return any(v is not case and v.entity_id == case.entity_id and v.decided_on <= case.decided_on
                       for v in violations)

        return [r for r in rows if not (r["case"].lenient_item and r["case"].lenient_item.kind == LenientKind.FIRST
                                        and earlier(r["case"]))]

    def simple(self, on: dt.date, fine: int, *, individual: bool) -> None:
        row = self.new(on, individual=individual, procedure=Procedure.SIMPLE)
        case = row["case"]
        case.penalty_kinds, case.fine_amount = [W, F], fine
        self.decide(row, DecisionKind.PENALTY, on)
        case.served_on, case.service_method = on, ServiceMethod.ON_THE_SPOT
        self.step(row, StepKind.ON_THE_SPOT, on, party=case.party_name, cause=case.cause,
                  officers=[{"name": o.name, "certificate_no": o.certificate_no} for o in row["team"]],
                  penalty_kinds=[W, F], fine=steps.money(fine), served=ServiceMethod.ON_THE_SPOT)
        published = on + dt.timedelta(days=2)
        case.published_at = steps.moment(published)
        self.step(row, StepKind.PUBLISH, published, actor=self.m.office,
                  due=self.due("penalty-publicity", on).isoformat(), late=False)
        case.executed_on, case.execution_kind, case.paid_amount = on, ExecutionKind.PAID, fine
        self.step(row, StepKind.EXECUTE, on, kind=ExecutionKind.PAID, paid=steps.money(fine))
        self.close(row, on + dt.timedelta(days=3))

    # ---------------------------------------------------------------- numbering and saving
    def save(self) -> None:
        rows = self.first_violation_on_file([r for r in self.rows if r["case"].closed_on < self.m.today])
        self.number(rows)
        for row in rows:
            case, previous = row["case"], steps.GENESIS
            entries = sorted(row["steps"], key=lambda e: e[1])
            row["entries"] = []
            for seq, (kind, on, actor, note, parameters) in enumerate(entries, start=1):
                if kind in (StepKind.OPEN,):
                    parameters = {"number": case.number, **parameters, "inspection": case.inspection_id}
                if kind in (StepKind.DECIDE, StepKind.ON_THE_SPOT):
                    parameters = {"decision_no": case.decision_no, **parameters}
                parameters = json.loads(steps.canonical(parameters))
                entry = CaseStep(seq=seq, kind=kind, on=on, at=steps.moment(on, seq), actor=actor, note=note,
                                 parameters=parameters, prev_hash=previous)
                entry.hash = steps.step_hash(case_public_id=case.public_id, seq=seq, kind=kind, on=on, at=entry.at,
                                             actor_id=actor.pk, note=note, parameters=parameters,
                                             prev_hash=previous)
                entry.seal = steps.step_seal(entry.hash)  # signed as it is written, like a live entry
                previous = entry.hash
                row["entries"].append(entry)
            case.log_head, case.log_seal = previous, steps.head_seal(case.public_id, len(entries), previous)
        cases = bulk_create_with_history([r["case"] for r in rows], Case, default_user=self.m.handler)
        for row, case in zip(rows, cases, strict=True):
            row["case"].pk = case.pk
        Case.officers.through.objects.bulk_create([Case.officers.through(case_id=r["case"].pk, officer_id=o.pk)
                                                   for r in rows for o in r["team"]])
        entries = []
        for row in rows:
            for entry in row["entries"]:
                entry.case_id = row["case"].pk
                entries.append(entry)
        CaseStep.objects.bulk_create(entries, batch_size=500)
        reviews = [review for row in rows for review in row["reviews"]]
        for row in rows:
            for review in row["reviews"]:
                review.case_id = row["case"].pk
        if reviews:
            bulk_create_with_history(reviews, LegalReview, default_user=self.m.handler)

    def number(self, rows: list[dict]) -> None:
        """Case and decision numbers in date order, as the services hand them out."""
        existing = Case.all_objects.filter(org=self.m.unit)
        seqs = {(r["year"], r["procedure"]): r["top"]
                for r in existing.values("year", "procedure").annotate(top=Max("seq"))}
        decision_seqs = {(r["decision_year"], r["decision_series"]): r["top"]
                         for r in existing.filter(decision_seq__isnull=False)
                         .values("decision_year", "decision_series").annotate(top=Max("decision_seq"))}
        prefix = services._prefix(self.m.unit)
        for row in sorted(rows, key=lambda r: (r["case"].opened_on, id(r))):
            case = row["case"]
            case.year = case.opened_on.year
            key = (case.year, case.procedure)
            seqs[key] = seqs.get(key, 0) + 1
            case.seq = seqs[key]
            word = OPEN_WORD if case.procedure == Procedure.ORDINARY else SERIES_WORDS[DocumentSeries.ON_THE_SPOT]
            case.number = f"{prefix}{word}〔{case.year}〕{case.seq}号"
        for row in sorted(rows, key=lambda r: (r["case"].decided_on, r["case"].seq)):
            case = row["case"]
            case.decision_year = case.decided_on.year
            if case.procedure == Procedure.SIMPLE:
                case.decision_seq, case.decision_no = case.seq, case.number
                continue
            key = (case.decision_year, case.decision_series)
            decision_seqs[key] = decision_seqs.get(key, 0) + 1
            case.decision_seq = decision_seqs[key]
            case.decision_no = (f"{prefix}{SERIES_WORDS[case.decision_series]}〔{case.decision_year}〕"
                                f"{case.decision_seq}号")


class Rounds:
    """Last year's case-file evaluation of a commission with a legal affairs office: the first file scored
    through the service, the rest in bulk."""

    def __init__(self, ctx: DemoContext, commission: Org, prefix: str | None, admin: User):
        self.ctx, self.rng, self.commission = ctx, ctx.rng, commission
        self.office = ctx.users.get(f"{prefix}_fazhi")
        self.city = commission.pk == ctx.city.pk

    def run(self) -> None:
        if self.office is None:
            return
        year = self.ctx.years[0]
        name = f"{year}年度{'全市' if self.city else ''}行政处罚案卷评查"
        evaluation_round = evaluation.evaluation_round_create(
            org=self.commission, year=year, name=name, actor=self.office,
            note="对本年度已结案的行政处罚案卷逐卷评查，评查结果予以通报")
        items = list(evaluation_round.checklist.all())
        files = list(evaluation.pool(evaluation_round).exclude(officers__user=self.office).order_by("closed_on", "pk"))
        typical = next((c for c in files if c.hearing_held), None)
        on = min(dt.date(year + 1, 1, 20), self.ctx.today)
        records, scores = [], []
        for n, case in enumerate(files):
            points, remarks = {}, {}
            for item in items:
                points[item.pk] = item.max_points
                if self.rng.random() < .3:
                    points[item.pk] = item.max_points - min(item.max_points, Decimal(self.rng.choice([1, 2, 3, 4])))
                    remarks[item.pk] = self.rng.choice(["文书个别项目填写不完整", "证据目录未标注页码",
                                                        "送达回证签收日期不清", "裁量说理不够充分"])
            if n == 0:
                evaluation.evaluation_score(evaluation_round=evaluation_round, case=case, points=points,
                                            remarks=remarks, is_typical=case == typical, on=on, actor=self.office,
                                            comments="案卷材料齐全，程序合法")
                continue
            total = sum(points.values(), Decimal(0))
            records.append(CaseEvaluation(round=evaluation_round, case=case, evaluator=self.office, total=total,
                                          grade=evaluation.grade(evaluation_round, total), is_typical=case == typical,
                                          comments="案卷材料齐全，程序合法", evaluated_at=steps.moment(on)))
            scores.append([EvaluationScore(item=item, points=points[item.pk], remark=remarks.get(item.pk, ""))
                           for item in items])
        records = bulk_create_with_history(records, CaseEvaluation, default_user=self.office)
        for record, lines in zip(records, scores, strict=True):
            for line in lines:
                line.evaluation_id = record.pk
        EvaluationScore.objects.bulk_create([line for lines in scores for line in lines], batch_size=500)
