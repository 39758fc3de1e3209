"""The one place that decides what a user may see and change.

A user's scope is one subtree of the org tree, chosen by role and action:

- 领导、法治工作管理员、审核员/法律顾问、系统管理员 see their commission's whole region: the
  commission, its departments and units, and — for a city or province — every county below.
- 填报员 and 执法人员 see their own org (department or unit) and what lies below it.
- Changes are narrower: commission-level roles change their own commission's subtree (a city
  reads its counties' records but does not edit them); 填报员/执法人员 their own org; 领导 nothing.
- Restoring deleted records and editing users needs 系统管理员; deployment-wide reference data
  (legal time limits, holiday schedules) only the deployment's top 系统管理员 (`can_edit_reference`).

Every list, detail, export, API endpoint and aggregate filters through `scope_filter`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .choices import Action, OrgKind, RoleCode

COMMISSION_ROLES = {RoleCode.SYSADMIN, RoleCode.LEGAL_ADMIN, RoleCode.REVIEWER, RoleCode.LEADER}
UNIT_ROLES = {RoleCode.REPORTER, RoleCode.OFFICER}
EDITING_ROLES = {RoleCode.SYSADMIN, RoleCode.LEGAL_ADMIN, RoleCode.REVIEWER, RoleCode.REPORTER, RoleCode.OFFICER}

ALL = "ALL"


def scope_path(user, action: str = Action.VIEW) -> str | None:
    """The path prefix of the subtree `user` may act on, ALL for superusers, or None for nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ALL
    org = getattr(user, "org", None)
    if org is None:
        return None
    roles = user.role_codes()
    commission = org.commission() if (roles & COMMISSION_ROLES) else None

    if action == Action.VIEW:
        if commission is not None:
            region = commission.parent if commission.parent and commission.parent.kind == OrgKind.REGION else None
            return (region or commission).path
        return org.path if roles & UNIT_ROLES else None
    if action == Action.CHANGE:
        if commission is not None and roles & (COMMISSION_ROLES & EDITING_ROLES):
            return commission.path
        return org.path if roles & UNIT_ROLES else None
    if action == Action.RESTORE:
        return commission.path if commission is not None and RoleCode.SYSADMIN in roles else None
    raise ValueError(f"unknown action {action!r}")


def is_sysadmin(user) -> bool:
    return user.is_superuser or user.has_role(RoleCode.SYSADMIN)


def can_edit_reference(user) -> bool:
    """Legal time limits and holiday schedules serve the whole deployment: only its top
    administrators (a superuser, or a 系统管理员 of the commission at the root of the tree) edit them."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if getattr(user, "org", None) is None or RoleCode.SYSADMIN not in user.role_codes():
        return False
    commission = user.org.commission()
    region = commission.parent if commission else None
    return commission is not None and (region is None or region.parent_id is None)


def scope_filter(user, action: str = Action.VIEW, *, path_field: str = "org__path") -> Q:
    """A filter selecting the rows in `user`'s scope for `action`; matches nothing when out of scope."""
    path = _cached_scope_path(user, action)
    if path == ALL:
        # Not Q(): an empty Q vanishes when OR-ed with another ("all, or these" would become "these").
        return ~Q(pk__in=[])
    if path is None:
        return Q(pk__in=[])
    return under_q(path, path_field)


def under_q(path: str, path_field: str = "org__path") -> Q:
    """Rows whose org lies in the subtree at `path`. Written as `org IN (SELECT id FROM core_org WHERE path
    LIKE …)`: the prefix match runs once on the org table's index, not once per joined row (SQLite cannot
    use an index for LIKE on a joined column)."""
    if not path_field.endswith("__path"):
        return Q(**{f"{path_field}__startswith": path})
    from .models import Org

    subtree = Org.objects.filter(path__startswith=path).values("pk")
    return Q(**{f"{path_field.removesuffix('__path')}__in": subtree})


def _cached_scope_path(user, action):
    # Role and org lookups happen once per request, not once per queryset.
    cache = getattr(user, "_scope_cache", None)
    if cache is None:
        cache = {}
        try:
            user._scope_cache = cache
        except AttributeError:  # AnonymousUser is immutable enough to skip caching
            return scope_path(user, action)
    if action not in cache:
        cache[action] = scope_path(user, action)
    return cache[action]


def can(user, action: str, org) -> bool:
    """Whether `user` may do `action` on a record of `org`."""
    path = _cached_scope_path(user, action)
    return path == ALL or (path is not None and org is not None and org.path.startswith(path))


class ScopedQuerySet(models.QuerySet):
    """QuerySet of records that carry an `org`: `.visible_to(user, action)` is the only way
    views, exports, the API and aggregates select rows."""

    def visible_to(self, user, action: str = Action.VIEW):
        return self.filter(scope_filter(user, action))
