"""Pages of the activity ledgers: one set of list, form, detail, import and export pages driven by the
ledger table, and the year view, 述法 coverage and publicity-day calendar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import Action
from fazhi.core.generic import ObjectListView, xlsx_response
from fazhi.core.models import EvidenceFile, Org
from fazhi.core.params import year_param
from fazhi.core.scoping import can
from fazhi.core.selectors import get_visible, scope_root

from . import excel, selectors, services
from .forms import ImportForm, can_register
from .ledgers import ACTIVITY_LEDGERS, LEDGERS, display, form_class, get_ledger
from .summary import hub_figures
from .tables import filterset_class, table_class


# ---------------------------------------------------------------- hub
@login_required
def hub(request):
    year = year_param(request.GET)
    root = scope_root(request.user)
    return render(
        request,
        "activities/hub.html",
        {
            "title": "法治工作台账",
            "year": year,
            "root": root,
            "ledgers": LEDGERS,
            "figures": hub_figures(root, year) if root else [],
            "can_add": can_register(request.user),
        },
    )


# ---------------------------------------------------------------- one ledger
class LedgerListView(ObjectListView):
    template_name = "activities/list.html"

    def dispatch(self, request, *args, **kwargs):
        self.ledger = get_ledger(kwargs["kind"])
        self.title = self.ledger.title
        return super().dispatch(request, *args, **kwargs)

    def get_table_class(self):
        return table_class(self.ledger)

    def get_filterset_class(self):
        return filterset_class(self.ledger)

    def scoped_queryset(self):
        return selectors.ledger_queryset(self.ledger, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(ledger=self.ledger, can_change=can_register(self.request.user))
        return context

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("_export") == "xlsx":  # the template's columns, so the file can be imported again
            records = self.filterset.qs.order_by(*self.ledger.model._meta.ordering)
            return xlsx_response(excel.export(self.ledger, self.request.user, records), f"{self.ledger.title}.xlsx")
        return super().render_to_response(context, **kwargs)


@login_required
def record_detail(request, kind, pk):
    ledger = get_ledger(kind)
    record = get_visible(ledger.model.objects.select_related("org"), request.user, pk)
    rows = [(ledger.model._meta.get_field(name).verbose_name, display(record, name))
            for name in ledger.fields if name != "org"]
    files = EvidenceFile.objects.visible_to(request.user).filter(
        content_type=ContentType.objects.get_for_model(ledger.model), object_id=record.pk
    )
    related = None
    if ledger.slug == "adviser":
        related = ("服务记录", record.services.select_related("org")[:50])
    elif ledger.slug == "accountable":
        related = ("述法记录", record.accounts.select_related("org")[:50])
    return render(
        request,
        "activities/detail.html",
        {
            "ledger": ledger,
            "record": record,
            "rows": rows,
            "files": files,
            "related": related,
            "can_change": can(request.user, Action.CHANGE, record.org),
        },
    )


@login_required
def record_edit(request, kind, pk=None):
    ledger = get_ledger(kind)
    record = get_visible(ledger.model.objects.all(), request.user, pk, Action.CHANGE) if pk else None
    if record is None and not can_register(request.user):
        raise PermissionDenied("当前账号不能登记台账")
    initial = {}
    if record is None:
        initial = {"org": request.user.org_id, "date": timezone.localdate()}
        for name in ("task", "occasion", "person", "adviser"):  # "登记" links from a task, a day, a person
            if request.GET.get(name, "").isdigit():
                initial[name] = int(request.GET[name])
    form = form_class(ledger)(
        request.POST or None, request.FILES or None, instance=record, initial=initial, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_save(form=form, actor=request.user, uploads=form.cleaned_data.get("files") or ())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存{ledger.verbose_name}“{record}”")
            return redirect(record.get_absolute_url())
    verb = "编辑" if record else "登记"
    return render(
        request,
        "activities/form.html",
        {
            "title": f"{verb}{ledger.verbose_name}",
            "form": form,
            "ledger": ledger,
            "multipart": True,
            "cancel_url": record.get_absolute_url() if record else reverse("activity_list", args=[kind]),
        },
    )


@login_required
@require_POST
def record_delete(request, kind, pk):
    ledger = get_ledger(kind)
    record = get_visible(ledger.model.objects.all(), request.user, pk, Action.CHANGE)
    try:
        services.record_remove(record=record, actor=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(record.get_absolute_url())
    messages.success(request, f"已删除“{record}”，系统管理员可在回收站恢复")
    return redirect("activity_list", kind)


@login_required
def ledger_import(request, kind):
    ledger = get_ledger(kind)
    if not can_register(request.user):
        raise PermissionDenied("当前账号不能登记台账")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        saved, errors = excel.import_sheet(ledger, request.user, form.cleaned_data["file"])
        if saved:
            messages.success(request, f"已导入{len(saved)}条{ledger.verbose_name}")
            return redirect("activity_list", kind)
    return render(
        request,
        "activities/import.html",
        {
            "title": f"导入{ledger.title}",
            "ledger": ledger,
            "form": form,
            "errors": errors,
            "multipart": True,
            "cancel_url": reverse("activity_list", args=[kind]),
        },
    )


@login_required
def ledger_template(request, kind):
    ledger = get_ledger(kind)
    return xlsx_response(excel.template(ledger, request.user), f"{ledger.title}（导入模板）.xlsx")


# ---------------------------------------------------------------- year view, coverage, publicity days
def _chosen_org(request):
    org_id = request.GET.get("org", "")
    return get_visible(Org.objects.all(), request.user, org_id) if org_id.isdigit() else None


@login_required
def year_view(request):
    year, org = year_param(request.GET), _chosen_org(request)
    items = selectors.year_items(request.user, year, org)
    this_year = timezone.localdate().year
    return render(
        request,
        "activities/year.html",
        {
            "title": f"{year}年法治工作日历",
            "year": year,
            "org": org,
            "items": items,
            "months": selectors.month_grid(items, year),
            "ledgers": ACTIVITY_LEDGERS,
            "summary": selectors.unit_summary(request.user, year, org),
            "orgs": selectors.scope_orgs(request.user),
            "years": range(this_year - 4, this_year + 2),
            "view": request.GET.get("view", "calendar"),
        },
    )


@login_required
def account_coverage(request):
    year, org = year_param(request.GET), _chosen_org(request)
    this_year = timezone.localdate().year
    return render(
        request,
        "activities/coverage.html",
        {
            "title": f"{year}年度述法覆盖情况",
            "year": year,
            "org": org,
            **selectors.account_coverage(request.user, year, org),
            "orgs": selectors.scope_orgs(request.user),
            "years": range(this_year - 4, this_year + 1),
            "can_add": can_register(request.user),
        },
    )


@login_required
def publicity_days(request):
    year, today = year_param(request.GET), timezone.localdate()
    return render(
        request,
        "activities/publicity_days.html",
        {
            "title": f"{year}年普法宣传节点",
            "year": year,
            "today": today,
            "days": selectors.publicity_calendar(request.user, year, today),
            "years": range(today.year - 2, today.year + 2),
            "can_add": can_register(request.user),
        },
    )
