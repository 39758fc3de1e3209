"""Cases for tests, made through the services the way the pages make them. Dates are in 2026 (the holiday
schedule is known) and the services run on the tests' business clock (see conftest)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cases import services
from fazhi.cases.choices import DecisionKind, PenaltyKind
from fazhi.core.models import Org, User
from tests.enforcement.factories import make_entity, make_officer

UNIT = "990121.wjw.wsjds"
OTHER_UNIT = "990102.wjw.wsjds"
W, F, C = PenaltyKind.WARNING, PenaltyKind.FINE, PenaltyKind.CONFISCATE_INCOME
P = PenaltyKind.CONFISCATE_PROPERTY
OPENED = dt.date(2026, 3, 2)  # a Monday


def user(name: str) -> User:
    return User.objects.get(username=name)


def officer():
    return user("xian_zhifa")


def office():
    return user("xian_fazhi")


def reviewer():
    return user("xian_shenhe")


def unit(code: str = UNIT) -> Org:
    return Org.objects.get(code=code)


def team(code: str = UNIT, **kwargs):
    return [make_officer(code, **kwargs), make_officer(code)]


def pdf(name: str = "笔录.pdf", body: bytes = b"record") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body, "application/pdf")


def open_case(*, on: dt.date = OPENED, individual: bool = False, actor=None, code: str = UNIT, officers=None,
              **fields):
    """A case against a fresh entity of the unit (an organisation, or a person running a clinic)."""
    entity = make_entity(code, is_individual=individual)
    return services.case_open(org=unit(code), officers=officers or team(code), entity=entity,
                              cause=fields.pop("cause", "未取得公共场所卫生许可证擅自营业"),
                              actor=actor or officer(), on=on, **fields)


def notified_case(*, fine=1000, confiscation=0, property_value=0, kinds=None, individual=False,
                  on=dt.date(2026, 3, 10), **fields):
    case = open_case(individual=individual, **fields)
    kinds = kinds or ([W, F] + ([C] if confiscation else []))
    return services.case_notify(case=case, penalty_kinds=kinds, fine=fine, confiscation=confiscation,
                                property_value=property_value, on=on, actor=officer())


def waived(case, on=dt.date(2026, 3, 11)):
    return services.case_waive(case=case, on=on, actor=officer(), files=[pdf("放弃声明.pdf", b"waiver")])


def decided_case(*, fine=1000, confiscation=0, on=dt.date(2026, 3, 20), **fields):
    """A penalty decided after the party's time ran out."""
    case = notified_case(fine=fine, confiscation=confiscation, **fields)
    return services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=case.proposed_kinds, fine=fine,
                                confiscation=confiscation, on=on, actor=officer())


def passed_review(case, *, on=dt.date(2026, 3, 16), opinion="agree", reasons=""):
    review = services.case_submit_review(case=case, summary="拟作出处罚", on=on, actor=officer())
    return services.review_decide(review=review, opinion=opinion, reasons=reasons, on=on + dt.timedelta(days=1),
                                  actor=reviewer())
