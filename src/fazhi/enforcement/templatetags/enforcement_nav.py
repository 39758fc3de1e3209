"""The enforcement area's own menu, shown on every page of the area."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()

# label, URL name, the URL names (prefixes) that light the tab
TABS = [
    ("概览", "enforcement_hub", ("enforcement_hub",)),
    ("执法人员", "officer_list", ("officer_",)),
    ("监管对象", "entity_list", ("entity_", "practitioner_", "point_")),
    ("监督检查", "inspection_list", ("inspection_",)),
    ("双随机抽查", "draw_task_list", ("draw_",)),
    ("处罚案件", "case_list", ("case_",)),
    ("法制审核", "review_list", ("review_",)),
    ("案卷评查", "evaluation_round_list", ("evaluation_",)),
    ("公示清单", "power_list", ("power_", "check_item_", "lenient_")),
]


@register.inclusion_tag("enforcement/_subnav.html", takes_context=True)
def enforcement_tabs(context):
    request = context["request"]
    current = getattr(request.resolver_match, "url_name", "") or ""
    tabs = []
    for label, url_name, lights in TABS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # a part of the area not installed in this build
            continue
        tabs.append({"label": label, "url": url, "active": current.startswith(lights)})
    return {"tabs": tabs}
