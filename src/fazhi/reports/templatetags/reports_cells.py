from django import template

from fazhi.reports.outline import cell_text
from fazhi.reports.outline import cell_unit as unit_of

register = template.Library()


@register.simple_tag
def cell(columns, index, number):
    """A table figure written as the Word document writes it."""
    return cell_text(columns[index], number)


@register.simple_tag
def cell_unit(indicator):
    return unit_of(indicator)
