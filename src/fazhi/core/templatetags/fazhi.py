"""Template helpers: Tabler classes on form widgets, status badges, number formatting."""

from decimal import Decimal

from django import template
from django.contrib.contenttypes.models import ContentType

register = template.Library()

WIDGET_CLASSES = {
    "select": "form-select", "selectmultiple": "form-select", "nullbooleanselect": "form-select",
    "checkbox": "form-check-input", "checkboxselectmultiple": "", "radioselect": "",
    "clearablefile": "fz-file-input", "file": "fz-file-input", "multiplefile": "fz-file-input",
}


@register.filter
def fz_widget(field):
    """Render a bound field's widget with the Tabler class for its kind, and is-invalid on error."""
    css = WIDGET_CLASSES.get(field.widget_type, "form-control")
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css.strip()} if css.strip() else {})


@register.filter
def content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk


@register.filter
def figure(value, is_rate=False):
    if value is None:
        return "—"
    if is_rate:  # to two decimals, trailing zeros dropped: 96.99, 98.1, 100
        return f"{Decimal(str(value)).quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return f"{value:,}" if isinstance(value, int) else value


@register.filter
def signed(value, is_rate=False):
    """A change as a figure with its sign: +12, −3, +1.5 (a rate's change in points)."""
    if value is None:
        return "—"
    text = figure(abs(value), is_rate)
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def verbose_name(obj):
    return obj._meta.verbose_name
