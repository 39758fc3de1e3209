"""Officers, entities and inspections for tests, made the way the registers make them."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import Org
from fazhi.enforcement.choices import EntityCategory, OfficerStatus
from fazhi.enforcement.models import Entity, Officer

_numbers = itertools.count(1)


def make_officer(org: Org | str, name: str = "", *, valid_until=dt.date(2030, 12, 31), issued_on=dt.date(2020, 1, 1),
                 status=OfficerStatus.ACTIVE, user=None) -> Officer:
    org = org if isinstance(org, Org) else Org.objects.get(code=org)
    n = next(_numbers)
    return Officer.objects.create(org=org, name=name or f"测试执法员{n}", certificate_no=f"T{n:08d}",
                                  issuing_body="示例省人民政府", issued_on=issued_on, valid_until=valid_until,
                                  status=status, user=user)


def make_entity(org: Org | str, name: str = "", *, category=EntityCategory.PUBLIC_PLACE, **fields) -> Entity:
    org = org if isinstance(org, Org) else Org.objects.get(code=org)
    n = next(_numbers)
    fields.setdefault("address", "示例路1号")
    return Entity.objects.create(org=org, name=name or f"测试单位{n}", category=category, **fields)
