"""Actions that change the spine's state. Views, the API, imports and commands all call these."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from . import deadlines
from .choices import Action, DayKind, Integrity, OrgKind, RegionLevel
from .files import check_upload
from .models import CalendarDay, EvidenceFile, HolidayYear, Notification, Org, Role, User
from .scoping import can, is_sysadmin

DEFAULT_DEPARTMENTS = [
    ("bgs", "办公室"), ("zcfgk", "政策法规科"), ("yzyjk", "医政医管科"),
    ("zhjdk", "综合监督科"), ("jkk", "疾控科"), ("jcwsk", "基层卫生科"),
]


def as_history_user(instance, actor):
    # simple-history takes the user from the request; outside a request, say who it was.
    if actor is not None:
        instance._history_user = actor


# ---------------------------------------------------------------- orgs
@transaction.atomic
def org_create(*, parent: Org | None, kind: str, name: str, code: str, level: str = "",
               short_name: str = "", sort_order: int = 0, actor: User | None = None) -> Org:
    if actor is not None and parent is not None and not can(actor, Action.CHANGE, parent):
        raise PermissionDenied("无权在该机构下新建机构")
    if parent is None and kind != OrgKind.REGION:
        raise ValidationError("只有行政区域可以作为最上级机构")
    if kind != OrgKind.REGION and level:
        raise ValidationError("只有行政区域才有行政级别")
    org = Org(parent=parent, kind=kind, name=name, code=code, level=level, short_name=short_name,
              sort_order=sort_order)
    org.full_clean(exclude=["path"])
    as_history_user(org, actor)
    org.save()  # Org.save sets the tree path
    return org


@transaction.atomic
def commission_create(*, parent_region: Org | None, region_name: str, level: str, code: str,
                      name: str | None = None, units: list[tuple[str, str]] = (),
                      actor: User | None = None) -> Org:
    """A region with its health commission and the usual departments; returns the commission."""
    if level not in RegionLevel.values:
        raise ValidationError(f"行政级别须为：{'、'.join(RegionLevel.labels)}")
    region = org_create(parent=parent_region, kind=OrgKind.REGION, level=level, name=region_name,
                        code=code, actor=actor)
    title = "卫生健康委员会" if level != RegionLevel.COUNTY else "卫生健康局"
    commission = org_create(parent=region, kind=OrgKind.COMMISSION, name=name or f"{region_name}{title}",
                            code=f"{code}.wjw", short_name=f"{region_name}卫健", actor=actor)
    for index, (suffix, dept) in enumerate(DEFAULT_DEPARTMENTS):
        org_create(parent=commission, kind=OrgKind.DEPARTMENT, name=dept, code=f"{commission.code}.{suffix}",
                   sort_order=index, actor=actor)
    for index, (suffix, unit) in enumerate(units):
        org_create(parent=commission, kind=OrgKind.UNIT, name=unit, code=f"{commission.code}.{suffix}",
                   sort_order=index, actor=actor)
    return commission


# ---------------------------------------------------------------- users
@transaction.atomic
def user_create(*, username: str, password: str, org: Org, roles: list[str], full_name: str = "",
                title: str = "", actor: User | None = None) -> User:
    if actor is not None and not (actor.is_superuser or (is_sysadmin(actor) and can(actor, Action.CHANGE, org))):
        raise PermissionDenied("只有系统管理员可以在本单位范围内新建用户")
    user = User(username=username, org=org, full_name=full_name, title=title)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    as_history_user(user, actor)
    user.save()
    user.roles.set(Role.objects.filter(code__in=roles))
    return user


# ---------------------------------------------------------------- soft delete and restore
@transaction.atomic
def record_delete(*, record, actor: User) -> None:
    if not can(actor, Action.CHANGE, record.org):
        raise PermissionDenied("无权删除该记录")
    if isinstance(record, EvidenceFile) and getattr(record.linked, "keeps_evidence", False):
        raise ValidationError("该材料属于执法全过程记录，只能追加，不能删除")
    record.deleted_at, record.deleted_by = timezone.now(), actor
    as_history_user(record, actor)
    record.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


@transaction.atomic
def record_restore(*, record, actor: User) -> None:
    if not can(actor, Action.RESTORE, record.org):
        raise PermissionDenied("只有系统管理员可以恢复已删除的记录")
    record.deleted_at, record.deleted_by = None, None
    # A live record may have taken its place meanwhile (the same title, the same number).
    record.validate_constraints()
    as_history_user(record, actor)
    record.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


# ---------------------------------------------------------------- evidence files
@transaction.atomic
def evidence_upload(*, org: Org, uploaded, title: str = "", description: str = "", linked=None,
                    actor: User) -> EvidenceFile:
    if not can(actor, Action.CHANGE, org):
        raise PermissionDenied("无权为该机构上传材料")
    mime_type = check_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    evidence = EvidenceFile(
        org=org, original_name=uploaded.name[-255:], title=(title or uploaded.name)[:200], description=description,
        sha256=digest.hexdigest(), size=uploaded.size, mime_type=mime_type, created_by=actor,
        integrity=Integrity.OK, checked_at=timezone.now(),
    )
    if linked is not None:
        evidence.linked = linked
    evidence.file.save(uploaded.name, uploaded, save=False)
    try:
        evidence.full_clean()
        as_history_user(evidence, actor)
        evidence.save()
    except Exception:
        evidence.file.storage.delete(evidence.file.name)  # no orphan file when the row is not saved
        raise
    return evidence


def evidence_verify(*, evidence: EvidenceFile) -> str:
    """Re-hash the stored file and record whether it still matches."""
    storage = evidence.file.storage
    if not evidence.file.name or not storage.exists(evidence.file.name):
        status = Integrity.MISSING
    else:
        digest = hashlib.sha256()
        with storage.open(evidence.file.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
        status = Integrity.OK if digest.hexdigest() == evidence.sha256 else Integrity.MISMATCH
    # A check is not a change of the record: no history row, no updated_at bump.
    EvidenceFile.all_objects.filter(pk=evidence.pk).update(integrity=status, checked_at=timezone.now())
    evidence.integrity = status
    return status


# ---------------------------------------------------------------- holiday schedules
LINE = re.compile(
    r"^\s*(?P<start>\d{4}-\d{1,2}-\d{1,2})\s*(?:[~至到—-]{1,2}\s*(?P<end>\d{4}-\d{1,2}-\d{1,2}))?"
    r"\s*[,，\s]\s*(?P<kind>放假|休|上班|班)\s*[,，\s]?\s*(?P<name>.*?)\s*$"
)
KINDS = {"放假": DayKind.HOLIDAY, "休": DayKind.HOLIDAY, "上班": DayKind.WORKDAY, "班": DayKind.WORKDAY}


def parse_schedule(text: str, year: int) -> list[tuple[dt.date, str, str]]:
    """Parse lines like '2027-02-06~2027-02-13 放假 春节' or '2027-02-14 上班 春节'.
    Raises ValidationError listing every bad line by number."""
    rows, errors = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            errors.append(f"第{number}行：无法识别“{line.strip()}”，格式应为“日期[~日期] 放假|上班 节日名称”")
            continue
        try:
            start = dt.date.fromisoformat(_pad(match["start"]))
            end = dt.date.fromisoformat(_pad(match["end"])) if match["end"] else start
        except ValueError:
            errors.append(f"第{number}行：日期不存在")
            continue
        if end < start:
            errors.append(f"第{number}行：结束日期早于开始日期")
            continue
        if start.year != year or end.year != year:
            errors.append(f"第{number}行：日期不在{year}年内")
            continue
        day = start
        while day <= end:
            if day in rows:
                errors.append(f"第{number}行：{day}已在前面的行中出现")
            rows[day] = (day, KINDS[match["kind"]], match["name"])
            day += dt.timedelta(days=1)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("没有读到任何日期")
    return sorted(rows.values())


def _pad(text: str) -> str:
    y, m, d = text.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"


@transaction.atomic
def holiday_schedule_save(*, year: int, source: str, rows: list[tuple[dt.date, str, str]],
                          actor: User | None) -> HolidayYear:
    """Replace a year's schedule with `rows` (date, kind, name)."""
    schedule, _ = HolidayYear.objects.update_or_create(
        year=year, defaults={"source": source, "entered_by": actor, "entered_at": timezone.now()})
    schedule.days.all().delete()
    bulk_create_with_history([CalendarDay(schedule=schedule, date=d, kind=k, name=n) for d, k, n in rows],
                             CalendarDay, default_user=actor)
    return schedule


def holiday_schedule_import(*, year: int, source: str, text: str, actor: User | None) -> HolidayYear:
    return holiday_schedule_save(year=year, source=source, rows=parse_schedule(text, year), actor=actor)


def holiday_schedule_from_package(*, year: int, actor: User | None) -> HolidayYear:
    if not deadlines.package_knows(year):
        now = deadlines.SOURCE_LABELS[deadlines.WorkCalendar().source(year)]
        raise ValidationError(f"节假日数据包不含{year}年的安排（现为：{now}），请手工录入或导入")
    return holiday_schedule_save(year=year, source="chinese_calendar 数据包（国务院办公厅通知）",
                                 rows=deadlines.package_schedule(year), actor=actor)


# ---------------------------------------------------------------- notifications
def notify(*, users, key: str, title: str, body: str = "", url: str = "", level: str = "info") -> int:
    """Send an in-app message to each of `users` once: a user who already has `key` gets nothing new.
    Returns how many were sent."""
    users = list(users)
    already = set(Notification.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
    fresh = [Notification(user=u, key=key[:200], title=title[:200], body=body, url=url[:300], level=level)
             for u in users if u.pk not in already]
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)  # the unique key settles a concurrent run
    return len(fresh)


def notifications_read(*, user, pks=None) -> int:
    """Mark the user's notifications read (all of them, or those in `pks`)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())
