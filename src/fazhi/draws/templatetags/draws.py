"""Template helpers of the draws pages."""

from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def record_link(obj, text=None):
    """A link to `obj`'s page, or its text alone when that page is not part of this build."""
    text = text if text is not None else str(obj)
    try:
        url = obj.get_absolute_url()
    except NoReverseMatch:
        return text
    return format_html('<a href="{}">{}</a>', url, text)


@register.filter
def percent(value):
    return "—" if value is None else f"{value:.1f}%"


@register.filter
def short_hash(value, length=16):
    return f"{value[:length]}…" if value else "—"


@register.filter
def category_label(code):
    from fazhi.enforcement.choices import EntityCategory

    return EntityCategory(code).label if code in EntityCategory.values else code


@register.filter
def published_late(pick) -> bool:
    from django.utils import timezone

    return bool(pick.result_published_at and pick.result_due
                and timezone.localdate(pick.result_published_at) > pick.result_due)
