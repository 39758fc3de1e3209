"""Daily reminders of the enforcement registers, sent by `fazhi remind`: a certificate about to run out
(to its holder and the commission's legal affairs office, once per certificate and expiry date), and a
correction deadline passed with the recheck not yet done (to whoever registered the inspection and the
officers on it)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.choices import NotificationLevel, RoleCode
from fazhi.core.models import User

from .choices import CERTIFICATE_WARNING_DAYS
from .selectors import expiring_certificates, overdue_rechecks


def _legal_offices() -> list[tuple[str, User]]:
    """(commission path, user) of every active legal affairs officer."""
    rows = []
    for user in User.objects.filter(is_active=True, roles__code=RoleCode.LEGAL_ADMIN).select_related("org").distinct():
        commission = user.org.commission() if user.org_id else None
        if commission is not None:
            rows.append((commission.path, user))
    return rows


def reminders(today: dt.date):
    offices = _legal_offices()
    for officer in expiring_certificates(today).select_related("org", "user"):
        users = [user for path, user in offices if officer.org.path.startswith(path)]
        if officer.user_id and officer.user.is_active:
            users.append(officer.user)
        if not users:
            continue
        days = (officer.valid_until - today).days
        yield {
            "users": users,
            "key": f"certificate:{officer.pk}:{officer.valid_until:%Y-%m-%d}",
            "title": f"执法证即将到期：{officer.name}（{officer.valid_until:%Y-%m-%d}，还有{days}天）",
            "body": f"{officer.org.name}{officer.name}的行政执法证（{officer.certificate_no}）将于"
                    f"{officer.valid_until:%Y年%m月%d日}到期，到期后不能参加检查和办案。"
                    f"请在{CERTIFICATE_WARNING_DAYS}日预警期内办理换证。",
            "url": officer.get_absolute_url(),
            "level": NotificationLevel.WARNING,
        }
    for inspection in (overdue_rechecks(today).select_related("entity", "created_by")
                       .prefetch_related("officers__user")):
        users = {o.user for o in inspection.officers.all() if o.user_id and o.user.is_active}
        if inspection.created_by_id and inspection.created_by.is_active:
            users.add(inspection.created_by)
        if not users:
            continue
        yield {
            "users": sorted(users, key=lambda u: u.pk),
            "key": f"recheck:{inspection.pk}:{inspection.rectify_by:%Y-%m-%d}",
            "title": f"整改期限已过，尚未复查：{inspection.entity.name}",
            "body": f"{inspection.date:%Y年%m月%d日}检查下达《卫生监督意见书》（{inspection.opinion_no}），整改期限"
                    f"{inspection.rectify_by:%Y年%m月%d日}已过。请尽快复查并登记结果。",
            "url": inspection.get_absolute_url() + "#follow-up",
            "level": NotificationLevel.DANGER,
        }
