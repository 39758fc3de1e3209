"""Reading the enforcement registers: scoped lists, who may be put on an inspection, the catalogues a
commission works from, and where an institution or a doctor stands on bad-practice points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, CharField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from fazhi.core.choices import Action, OrgKind, RoleCode
from fazhi.core.models import Org
from fazhi.core.rules import thresholds
from fazhi.core.scoping import can, scope_filter

from .choices import (
    CERTIFICATE_WARNING_DAYS,
    POINT_BAND_RULES,
    CertificateState,
    FollowUp,
    OfficerStatus,
    PointBand,
    PointSubject,
)
from .models import CheckItem, CreditRating, Entity, Inspection, Officer, OfficerConflict, PointRecord, Practitioner


# ---------------------------------------------------------------- who does what
def enforcement_unit(commission: Org) -> Org:
    """The unit that enforces for a commission: its 卫生监督所/执法大队 (支队), or its 综合监督科."""
    below = Org.objects.filter(path__startswith=commission.path, is_active=True)
    return (below.filter(kind=OrgKind.UNIT, code__regex=r"\.(wsjds|zfzd)$").first()
            or below.filter(kind=OrgKind.DEPARTMENT, code__endswith=".zhjdk").first() or commission)


def home_unit(user) -> Org | None:
    """Where the user's new officers, entities and inspections belong by default: the enforcement unit
    of the user's commission, or the user's own org when that is the one they may change."""
    org = getattr(user, "org", None)
    if org is None:
        return None
    commission = org.commission()
    unit = enforcement_unit(commission) if commission else org
    return unit if can(user, Action.CHANGE, unit) else (org if can(user, Action.CHANGE, org) else None)


def changeable_orgs(user):
    """Orgs the user may register enforcement records for (regions hold none)."""
    return Org.objects.visible_to(user, Action.CHANGE).exclude(kind=OrgKind.REGION).filter(is_active=True)


def is_legal_office(user) -> bool:
    """The commission's legal affairs office (法治工作管理员) keeps the officer roster and the published
    catalogues; the others read them."""
    return bool(user.is_superuser or user.has_role(RoleCode.LEGAL_ADMIN))


def can_keep(user, org: Org) -> bool:
    """Whether `user` may change the roster or a catalogue of `org`."""
    return is_legal_office(user) and can(user, Action.CHANGE, org)


# ---------------------------------------------------------------- officers
def officers_visible(user, action: str = Action.VIEW):
    return Officer.objects.visible_to(user, action).select_related("org", "user")


def with_certificate_state(queryset, today: dt.date):
    """Officers annotated with `certificate` (有效 / 即将到期 / 已过期) computed in the database."""
    warning = today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
    return queryset.annotate(certificate=Case(
        When(valid_until__lt=today, then=Value(CertificateState.EXPIRED.value)),
        When(valid_until__lte=warning, then=Value(CertificateState.EXPIRING.value)),
        default=Value(CertificateState.VALID.value), output_field=CharField()))


def with_status_on(queryset, day: dt.date):
    """Officers annotated with `status_then`: their status at the end of `day`, read from their history
    (a certificate withheld or an officer moved away since does not rewrite a past roster); the current
    status for those with no history row by then."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    then = (Officer.history.filter(id=OuterRef("pk"), history_date__lt=end)
            .order_by("-history_date", "-history_id").values("status")[:1])
    return queryset.annotate(status_then=Coalesce(Subquery(then), "status"))


def officers_offered(user, on: dt.date, entity: Entity | None = None):
    """The officers a user may put on an inspection on `on`: certified that day, in the user's scope;
    those who must stand aside from `entity` are left out."""
    offered = Officer.objects.visible_to(user, Action.CHANGE).certified(on).select_related("org")
    if entity is not None:
        offered = offered.exclude(conflicts__entity=entity)
    return offered.order_by("org__path", "name")


def expiring_certificates(today: dt.date):
    """Active officers whose certificate runs out within the warning window (not yet expired)."""
    return Officer.objects.filter(status=OfficerStatus.ACTIVE, valid_until__gte=today,
                                  valid_until__lte=today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS))


def officer_record(officer: Officer, user) -> dict:
    """What an officer's page shows besides the certificate: their inspections, cases and conflicts."""
    inspections = (Inspection.objects.visible_to(user).filter(officers=officer)
                   .select_related("entity").order_by("-date", "-pk"))
    return {
        "inspections": inspections[:10],
        "inspection_count": inspections.count(),
        "cases": cases_of(officer.cases, user),
        "conflicts": officer.conflicts.select_related("entity", "created_by").order_by("entity__name"),
    }


def cases_of(cases, user):
    """The newest cases of a related manager (an officer's, an entity's, an inspection's) the user may see."""
    return cases.visible_to(user).order_by("-opened_on", "-pk")[:50]


# ---------------------------------------------------------------- entities
def entities_visible(user, action: str = Action.VIEW):
    return Entity.objects.visible_to(user, action).select_related("org")


def entity_matches(text: str) -> Q:
    """Entities whose name, credit code, licence or address contain `text`."""
    text = text.strip()
    return (Q(name__icontains=text) | Q(credit_code__icontains=text) | Q(licence_no__icontains=text)
            | Q(address__icontains=text))


def entity_search(user, text: str, limit: int = 12):
    """The type-ahead's first matches."""
    if not text.strip():
        return Entity.objects.none()
    return Entity.objects.visible_to(user).filter(entity_matches(text)).select_related("org").order_by("name")[:limit]


def entity_record(entity: Entity, user, today: dt.date) -> dict:
    """What an entity's page shows: inspections, cases, practitioners and points with where each stands,
    credit grade history and the officers who must stand aside."""
    practitioners = list(entity.practitioners.select_related("org").order_by("name"))
    points = list(entity.points.select_related("practitioner", "inspection", "created_by").order_by("-date", "-pk"))
    standing = standings(PointRecord.objects.filter(entity=entity), today)
    for person in practitioners:
        person.standing = standing.get((PointSubject.PRACTITIONER, person.pk), Standing.none())
    inspections = (Inspection.objects.visible_to(user).filter(entity=entity)
                   .prefetch_related("officers").order_by("-date", "-pk"))
    return {
        "inspections": inspections[:20],
        "inspection_count": inspections.count(),
        "cases": cases_of(entity.cases, user),
        "practitioners": practitioners,
        "points": points,
        "standing": standing.get((PointSubject.INSTITUTION, entity.pk), Standing.none()),
        "ratings": CreditRating.objects.filter(entity=entity).select_related("created_by"),
        "conflicts": OfficerConflict.objects.filter(entity=entity).select_related("officer").order_by("officer__name"),
    }


# ---------------------------------------------------------------- bad-practice points
@dataclass(frozen=True)
class Standing:
    """Where one institution or practitioner stands in its current points cycle."""

    total: int
    start: dt.date | None  # the cycle began with the first points given in it
    end: dt.date | None
    band: str | None  # the highest PointBand reached, or None

    @classmethod
    def none(cls) -> Standing:
        return cls(0, None, None, None)

    @property
    def band_label(self) -> str:
        return PointBand(self.band).label if self.band else ""


def bands() -> list[tuple[str, int]]:
    """(band, threshold) from the rules table, lowest threshold first."""
    numbers = thresholds(*POINT_BAND_RULES.values())
    return sorted(((band, numbers[code]) for band, code in POINT_BAND_RULES.items()), key=lambda pair: pair[1])


def band_of(total: int, table: list[tuple[str, int]]) -> str | None:
    reached = [band for band, threshold in table if total >= threshold]
    return reached[-1] if reached else None


def standings(points, today: dt.date) -> dict[tuple[str, int], Standing]:
    """Each subject's standing on `today`, keyed (subject, entity or practitioner id).

    A cycle (`points-cycle` in the rules table) begins on the day of its first points; points after its
    end open the next one. Only the cycle that includes today counts: when it is over, the slate is clean.
    Each record stores its cycle (stored.py), so this is one grouped sum over the records of cycles still
    running today."""
    table = bands()
    rows = (_current(points, today).values("subject", "entity_id", "practitioner_id", "cycle_start", "cycle_end")
            .annotate(total=Sum("points")).order_by())
    result = {}
    for row in rows:
        subject = row["subject"]
        key = (subject, row["practitioner_id"] if subject == PointSubject.PRACTITIONER else row["entity_id"])
        result[key] = Standing(row["total"], row["cycle_start"], row["cycle_end"], band_of(row["total"], table))
    return result


def _current(points, today: dt.date):
    """The records of the cycles that include today, given by today."""
    return points.filter(date__lte=today, cycle_end__gte=today)


def entities_in_band_q(user, band: str, today: dt.date) -> Q:
    """Entities whose own points, or a practitioner's, reached `band` or above in the current cycle: a
    subquery, not a list of ids."""
    floor = dict(bands())[band]
    reached = (_current(PointRecord.objects.visible_to(user), today)
               .values("subject", "entity_id", "practitioner_id").annotate(total=Sum("points"))
               .filter(total__gte=floor).values("entity_id"))
    return Q(pk__in=reached)


def in_band(user, band: str, today: dt.date) -> list[dict]:
    """Institutions and practitioners in the user's view whose current cycle reached `band` or above,
    highest total first."""
    table = bands()
    floor = dict(table)[band]
    standing = {key: s for key, s in standings(PointRecord.objects.visible_to(user), today).items()
                if s.total >= floor}
    entity_ids = {pk for (subject, pk) in standing if subject == PointSubject.INSTITUTION}
    person_ids = {pk for (subject, pk) in standing if subject == PointSubject.PRACTITIONER}
    # all_objects: a practitioner who has left (deleted) still carries the points of the cycle
    entities = Entity.all_objects.in_bulk(entity_ids)
    people = Practitioner.all_objects.select_related("entity").in_bulk(person_ids)
    rows = []
    for (subject, pk), s in standing.items():
        if subject == PointSubject.INSTITUTION:
            rows.append({"subject": PointSubject.INSTITUTION.label, "name": entities[pk].name,
                         "entity": entities[pk], "standing": s})
        else:
            person = people[pk]
            rows.append({"subject": f"{PointSubject.PRACTITIONER.label}（{person.profession}）", "name": person.name,
                         "entity": person.entity, "standing": s})
    return sorted(rows, key=lambda row: (-row["standing"].total, row["name"]))


# ---------------------------------------------------------------- catalogues
def ancestors_q(org: Org | None) -> Q:
    """Records of `org` and of every org above it: an officer's unit works from its commission's lists."""
    if org is None:
        return Q(pk__in=[])
    return Q(org_id__in=[int(part) for part in org.path.strip("/").split("/") if part])


def catalogue_visible(model, user):
    """Published catalogues (权责清单, 抽查事项, 两轻一免): those in the user's view, and those of the orgs above
    the user — an officer, who sees only his unit's records, reads the commission's lists he works from."""
    return model.objects.filter(scope_filter(user, Action.VIEW) | ancestors_q(getattr(user, "org", None))
                                ).select_related("org")


def check_items_for(entity: Entity | None, org: Org | None = None):
    """The check items an inspection of `entity` may record: the entity's category, from the catalogue of the
    commission above the entity's supervising unit."""
    if entity is None:
        return CheckItem.objects.none()
    return (CheckItem.objects.filter(ancestors_q(org or entity.org), category=entity.category)
            .order_by("org__path", "pk"))


# ---------------------------------------------------------------- inspections
def inspections_visible(user, action: str = Action.VIEW):
    return Inspection.objects.visible_to(user, action).select_related("entity", "org")


def overdue_rechecks(today: dt.date):
    """Inspections whose correction deadline has passed with the recheck still to be done."""
    return Inspection.objects.filter(follow_up=FollowUp.PENDING, rectify_by__lt=today)
