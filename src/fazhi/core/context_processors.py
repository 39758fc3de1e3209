"""Navigation by area. Each app adds its entries to NAV_AREAS when it arrives."""

from .choices import RoleCode
from .scoping import is_sysadmin

NAV_AREAS = [
    {"label": "工作台", "url_name": "home", "icon": "home"},
    {"label": "工作要点", "url_name": "plan_list", "icon": "list"},
    {"label": "工作任务", "url_name": "task_list", "icon": "checklist"},
    {"label": "法治工作台账", "url_name": "activity_hub", "icon": "book"},
    {"label": "执法监督", "url_name": "enforcement_hub", "icon": "shield", "prefix": "/enforcement/"},
    {"label": "年度报告", "url_name": "report_list", "icon": "report", "prefix": "/reports/"},
    {"label": "指标", "url_name": "indicator_list", "icon": "chart"},
    {"label": "佐证材料", "url_name": "evidence_list", "icon": "file"},
    {"label": "法定时限", "url_name": "time_limit_list", "icon": "clock"},
    {"label": "工作日历", "url_name": "calendar", "icon": "calendar"},
]
NAV_SETTINGS = [
    {"label": "机构", "url_name": "org_list"},
    {"label": "用户", "url_name": "user_list"},
    {"label": "回收站", "url_name": "trash", "sysadmin": True},
    {"label": "接口文档", "url_name": "api_docs"},
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    sysadmin = is_sysadmin(user)
    return {
        "nav_areas": NAV_AREAS,
        "nav_settings": [item for item in NAV_SETTINGS if sysadmin or not item.get("sysadmin")],
        "current_url_name": getattr(request.resolver_match, "url_name", ""),
        # An area with many pages (执法监督) is lit on all of them, found by their common path.
        "current_prefix": next((item["prefix"] for item in NAV_AREAS
                                if item.get("prefix") and request.path.startswith(item["prefix"])), ""),
        # role_codes() is cached on the user, so the menu costs no query of its own
        "user_roles": "、".join(RoleCode(code).label for code in sorted(user.role_codes())),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
