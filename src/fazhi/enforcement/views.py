"""Pages of the enforcement registers and inspections, and the area's hub. Lists are the generic list
view; every change is one service call, then a message and a redirect."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.choices import Action
from fazhi.core.forms import apply_service_errors
from fazhi.core.generic import ObjectListView, xlsx_response
from fazhi.core.models import EvidenceFile
from fazhi.core.params import year_param
from fazhi.core.scoping import can
from fazhi.core.selectors import get_visible

from . import excel, forms, selectors, services
from .choices import (
    CERTIFICATE_STATE_COLOURS,
    CREDIT_GRADE_COLOURS,
    ENTITY_STATUS_COLOURS,
    FOLLOW_UP_COLOURS,
    INSPECTION_RESULT_COLOURS,
    MEDICAL_CATEGORIES,
    OFFICER_STATUS_COLOURS,
    POINT_BAND_COLOURS,
    CertificateState,
    FollowUp,
    PointBand,
)
from .filters import (
    CheckItemFilterSet,
    EntityFilterSet,
    InspectionFilterSet,
    LenientFilterSet,
    OfficerFilterSet,
    PowerFilterSet,
)
from .models import (
    CheckItem,
    Entity,
    Inspection,
    LenientItem,
    Officer,
    OfficerConflict,
    PointRecord,
    Power,
    Practitioner,
)
from .tables import CheckItemTable, EntityTable, InspectionTable, LenientTable, OfficerTable, PowerTable

COLOURS = {"certificate": CERTIFICATE_STATE_COLOURS, "grade": CREDIT_GRADE_COLOURS, "entity": ENTITY_STATUS_COLOURS,
           "follow_up": FOLLOW_UP_COLOURS, "result": INSPECTION_RESULT_COLOURS, "officer": OFFICER_STATUS_COLOURS,
           "band": POINT_BAND_COLOURS}


@login_required
def hub(request):
    """The area at a glance for the user's scope: the year's figures, each commission's beside the
    region's for a city, and what needs doing soon."""
    from fazhi.core.selectors import scope_root

    from . import summary

    year, root, today = year_param(request.GET), scope_root(request.user), timezone.localdate()
    return render(request, "enforcement/hub.html", {
        "title": "执法监督", "year": year, "root": root, "years": range(today.year - 2, today.year + 1),
        "figures": summary.headline_figures(root, year) if root else [],
        "breakdown": summary.breakdown(root, year) if root else None,
        "attention": summary.attention(request.user, today) if root else [],
    })


def _flash(request, error: ValidationError) -> None:
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


def _form_page(request, form, title: str, cancel_url: str, template: str = "enforcement/form.html", **extra):
    return render(request, template, {"title": title, "form": form, "cancel_url": cancel_url, **extra})


class RegisterListView(ObjectListView):
    """A list of the area: the area's tabs above, the page's own buttons."""

    template_name = "enforcement/list.html"
    pretitle = ""

    def actions(self) -> list[tuple[str, str, str]]:
        """(label, url, button class) shown beside the title."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(actions=self.actions(), pretitle=self.pretitle)
        return context


# ---------------------------------------------------------------- officers
class OfficerListView(RegisterListView):
    table_class = OfficerTable
    filterset_class = OfficerFilterSet
    title = "执法人员"
    pretitle = "行政执法证与持证上岗"

    def scoped_queryset(self):
        return selectors.with_certificate_state(selectors.officers_visible(self.request.user), timezone.localdate())

    def actions(self):
        if selectors.is_legal_office(self.request.user) and selectors.changeable_orgs(self.request.user).exists():
            return [("新增执法人员", reverse("officer_add"), "btn-primary")]
        return []


@login_required
def officer_detail(request, pk):
    officer = get_visible(Officer.objects.select_related("org", "user"), request.user, pk)
    today = timezone.localdate()
    keeper = selectors.can_keep(request.user, officer.org)
    return render(request, "enforcement/officer_detail.html", {
        "officer": officer, "title": officer.name, "today": today,
        "certificate": CertificateState(officer.certificate_state(today)), "certified": officer.certified_on(today),
        "can_keep": keeper, "colours": COLOURS,
        "conflict_form": forms.ConflictForm(user=request.user, officer=officer) if keeper else None,
        **selectors.officer_record(officer, request.user),
    })


@login_required
def officer_edit(request, pk=None):
    officer = get_visible(Officer.objects.all(), request.user, pk, Action.CHANGE) if pk else None
    if not selectors.is_legal_office(request.user) or (officer and not selectors.can_keep(request.user, officer.org)):
        raise PermissionDenied("执法人员名册由本部门法治工作管理员维护")
    unit = selectors.home_unit(request.user)
    form = forms.OfficerForm(request.POST or None, instance=officer, user=request.user,
                             initial={} if officer else {"org": unit.pk if unit else None, "issuing_body": ""})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            officer = services.officer_save(org=data.pop("org"), officer=form.instance if officer else None,
                                            actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已保存执法人员“{officer}”")
            return redirect(officer.get_absolute_url())
    return _form_page(request, form, f"{'编辑' if officer else '新增'}执法人员",
                      officer.get_absolute_url() if officer else reverse("officer_list"))


@login_required
@require_POST
def officer_conflict_add(request, pk):
    officer = get_visible(Officer.objects.all(), request.user, pk, Action.CHANGE)
    form = forms.ConflictForm(request.POST, user=request.user, officer=officer)
    if form.is_valid():
        try:
            conflict = services.conflict_add(officer=officer, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _flash(request, error)
        else:
            messages.success(request, f"已登记：{conflict}")
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
    return redirect(reverse("officer_detail", args=[officer.pk]) + "#conflicts")


@login_required
@require_POST
def officer_conflict_remove(request, pk):
    conflict = get_object_or_404(OfficerConflict.objects.select_related("officer", "entity"), pk=pk)
    get_visible(Officer.objects.all(), request.user, conflict.officer_id, Action.CHANGE)
    services.conflict_remove(conflict=conflict, actor=request.user)
    messages.success(request, f"已解除{conflict.officer.name}对{conflict.entity.name}的回避")
    return redirect(reverse("officer_detail", args=[conflict.officer_id]) + "#conflicts")


# ---------------------------------------------------------------- entities
class EntityListView(RegisterListView):
    table_class = EntityTable
    filterset_class = EntityFilterSet
    title = "监管对象库"
    pretitle = "医疗机构、公共场所、供水单位、学校等监管对象"

    def scoped_queryset(self):
        return selectors.entities_visible(self.request.user)

    def get_table_kwargs(self):
        standing = selectors.standings(PointRecord.objects.visible_to(self.request.user), timezone.localdate())
        return {**super().get_table_kwargs(), "standing": standing}

    def actions(self):
        actions = [("记分情况", reverse("point_list"), "btn-outline-secondary")]
        if selectors.changeable_orgs(self.request.user).exists():
            actions = [("新增", reverse("entity_add"), "btn-primary"),
                       ("Excel 导入", reverse("entity_import"), "btn-outline-primary"), *actions]
        return actions

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("_export") == "xlsx":  # the template's columns, so the file can be imported again
            return xlsx_response(excel.export(self.request.user, self.filterset.qs.order_by("org__path", "name")),
                                 "监管对象库.xlsx")
        return super().render_to_response(context, **kwargs)


@login_required
def entity_detail(request, pk):
    entity = get_visible(Entity.objects.select_related("org"), request.user, pk)
    today = timezone.localdate()
    return render(request, "enforcement/entity_detail.html", {
        "entity": entity, "title": entity.name, "today": today, "colours": COLOURS,
        "can_change": can(request.user, Action.CHANGE, entity.org), "is_medical": entity.category in MEDICAL_CATEGORIES,
        **selectors.entity_record(entity, request.user, today),
    })


@login_required
def entity_edit(request, pk=None):
    entity = get_visible(Entity.objects.all(), request.user, pk, Action.CHANGE) if pk else None
    if entity is None and not selectors.changeable_orgs(request.user).exists():
        raise PermissionDenied("当前账号不能登记监管对象")
    unit = selectors.home_unit(request.user)
    form = forms.EntityForm(request.POST or None, instance=entity, user=request.user,
                            initial={} if entity else {"org": unit.pk if unit else None})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            entity = services.entity_save(org=data.pop("org"), entity=form.instance if entity else None,
                                          actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已保存监管对象“{entity}”")
            return redirect(entity.get_absolute_url())
    return _form_page(request, form, f"{'编辑' if entity else '新增'}监管对象",
                      entity.get_absolute_url() if entity else reverse("entity_list"))


@login_required
def entity_grade(request, pk):
    entity = get_visible(Entity.objects.select_related("org"), request.user, pk, Action.CHANGE)
    form = forms.GradeForm(request.POST or None,
                           initial={"grade": entity.credit_grade, "rated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rating = services.entity_grade(entity=entity, grade=data["grade"], on=data["rated_on"],
                                           basis=data["basis"], actor=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已将{entity.name}评定为{rating.get_grade_display()}")
            return redirect(entity.get_absolute_url() + "#ratings")
    return _form_page(request, form, f"信用评定：{entity.name}", entity.get_absolute_url(),
                      note=f"当前等级：{entity.get_credit_grade_display()}"
                           + (f"（{entity.graded_on:%Y-%m-%d}评定）" if entity.graded_on else ""))


@login_required
def entity_search(request):
    """The type-ahead's choices: entities matching what was typed, as radio buttons named `entity`."""
    text = request.GET.get("q", "")
    return render(request, "enforcement/_entity_choices.html", {
        "entities": selectors.entity_search(request.user, text), "q": text.strip(),
        "selected": request.GET.get("entity", "")})


@login_required
def entity_import(request):
    if not selectors.changeable_orgs(request.user).exists():
        raise PermissionDenied("当前账号不能登记监管对象")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        saved, errors = excel.import_sheet(request.user, form.cleaned_data["file"])
        if saved:
            updated = sum(1 for entity in saved if entity.imported_as == "updated")
            messages.success(request, f"已导入{len(saved)}个监管对象：新增{len(saved) - updated}个，修改{updated}个")
            return redirect("entity_list")
    return render(request, "enforcement/import.html", {
        "title": "导入监管对象", "form": form, "errors": errors, "multipart": True,
        "cancel_url": reverse("entity_list"), "template_url": reverse("entity_template")})


@login_required
def entity_template(request):
    return xlsx_response(excel.template(request.user), "监管对象库（导入模板）.xlsx")


# ---------------------------------------------------------------- practitioners and points
@login_required
def practitioner_edit(request, entity_pk=None, pk=None):
    if pk:
        practitioner = get_visible(Practitioner.objects.select_related("entity"), request.user, pk, Action.CHANGE)
        entity = practitioner.entity
    else:
        practitioner = None
        entity = get_visible(Entity.objects.all(), request.user, entity_pk, Action.CHANGE)
    form = forms.PractitionerForm(request.POST or None, instance=practitioner, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            practitioner = services.practitioner_save(entity=entity, practitioner=form.instance if practitioner
                                                      else None, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已保存医务人员“{practitioner}”")
            return redirect(entity.get_absolute_url() + "#practitioners")
    return _form_page(request, form, f"{'编辑' if practitioner else '登记'}医务人员：{entity.name}",
                      entity.get_absolute_url() + "#practitioners")


@login_required
def point_add(request, pk):
    entity = get_visible(Entity.objects.all(), request.user, pk, Action.CHANGE)
    form = forms.PointForm(request.POST or None, entity=entity, user=request.user,
                           initial={"date": timezone.localdate(), "practitioner": request.GET.get("practitioner")})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.point_add(entity=entity, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已记分：{record}")
            standing = selectors.standings(PointRecord.objects.filter(entity=entity), timezone.localdate())
            now = standing.get((record.subject, record.practitioner_id or entity.pk))
            if now is not None and now.band:
                messages.warning(request, f"本记分周期累计{now.total}分，已达到“{now.band_label}”")
            return redirect(entity.get_absolute_url() + "#points")
    return _form_page(request, form, f"不良执业行为记分：{entity.name}", entity.get_absolute_url() + "#points")


@login_required
@require_POST
def point_delete(request, pk):
    record = get_visible(PointRecord.objects.select_related("entity"), request.user, pk, Action.CHANGE)
    services.point_remove(record=record, actor=request.user)
    messages.success(request, f"已撤销记分“{record}”，系统管理员可在回收站恢复")
    return redirect(record.entity.get_absolute_url() + "#points")


@login_required
def point_list(request):
    form = forms.BandForm(request.GET or None)
    band = (form.cleaned_data.get("band") if form.is_valid() else "") or PointBand.KEY_SUPERVISION
    today = timezone.localdate()
    return render(request, "enforcement/point_list.html", {
        "title": "不良执业行为记分", "form": form, "band": PointBand(band), "today": today,
        "rows": selectors.in_band(request.user, band, today), "bands": selectors.bands(), "colours": COLOURS})


# ---------------------------------------------------------------- published catalogues
@dataclass(frozen=True)
class Catalogue:
    slug: str  # the URL names' prefix: power, check_item, lenient
    model: type
    form: type
    table: type
    filterset: type
    save: object  # the service
    title: str
    hint: str


CATALOGUES = {c.slug: c for c in [
    Catalogue("power", Power, forms.PowerForm, PowerTable, PowerFilterSet, services.power_save, "权责清单",
              "本部门行政执法事项及其法律依据，事前公开"),
    Catalogue("check_item", CheckItem, forms.CheckItemForm, CheckItemTable, CheckItemFilterSet,
              services.check_item_save, "随机抽查事项清单", "双随机抽查和日常检查的事项、内容、依据和方式"),
    Catalogue("lenient", LenientItem, forms.LenientForm, LenientTable, LenientFilterSet, services.lenient_save,
              "两轻一免清单", "首次违法不予处罚、轻微违法不予处罚、从轻减轻处罚的事项和适用条件"),
]}


class CatalogueListView(RegisterListView):
    def dispatch(self, request, *args, **kwargs):
        self.catalogue = CATALOGUES[kwargs["kind"]]
        self.title, self.pretitle = self.catalogue.title, self.catalogue.hint
        self.table_class, self.filterset_class = self.catalogue.table, self.catalogue.filterset
        return super().dispatch(request, *args, **kwargs)

    def scoped_queryset(self):
        return selectors.catalogue_visible(self.catalogue.model, self.request.user)

    def get_table_kwargs(self):
        user = self.request.user
        return {**super().get_table_kwargs(), "editable": lambda record: selectors.can_keep(user, record.org)}

    def actions(self):
        tabs = [(c.title, reverse(f"{c.slug}_list"), "btn-outline-secondary") for c in CATALOGUES.values()
                if c is not self.catalogue]
        commission = _commission(self.request.user)
        if commission is not None and selectors.can_keep(self.request.user, commission):
            return [("新增", reverse(f"{self.catalogue.slug}_add"), "btn-primary"), *tabs]
        return tabs


def _commission(user):
    return user.org.commission() if getattr(user, "org", None) is not None else None


@login_required
def catalogue_edit(request, kind, pk=None):
    catalogue = CATALOGUES[kind]
    item = get_visible(catalogue.model.objects.all(), request.user, pk, Action.CHANGE) if pk else None
    org = item.org if item else _commission(request.user)
    if org is None or not selectors.can_keep(request.user, org):
        raise PermissionDenied(f"{catalogue.title}由本部门法治工作管理员维护")
    form = catalogue.form(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = catalogue.save(org=org, actor=request.user, **{kind: form.instance if item else None},
                                  **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已保存{catalogue.title}事项“{item}”")
            return redirect(item.get_absolute_url())
    return _form_page(request, form, f"{'编辑' if item else '新增'}{catalogue.title}事项",
                      reverse(f"{kind}_list"), delete_url=reverse(f"{kind}_delete", args=[item.pk]) if item else None)


@login_required
@require_POST
def catalogue_delete(request, kind, pk):
    catalogue = CATALOGUES[kind]
    item = get_visible(catalogue.model.objects.all(), request.user, pk, Action.CHANGE)
    services.catalogue_remove(item=item, actor=request.user)  # refuses (403) anyone but the legal affairs office
    messages.success(request, f"已从{catalogue.title}删除“{item}”，系统管理员可在回收站恢复")
    return redirect(f"{kind}_list")


# ---------------------------------------------------------------- inspections
class InspectionListView(RegisterListView):
    table_class = InspectionTable
    filterset_class = InspectionFilterSet
    title = "监督检查"
    pretitle = "检查户次、卫生监督意见书和整改复查"

    def scoped_queryset(self):
        return selectors.inspections_visible(self.request.user).prefetch_related("officers")

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "today": timezone.localdate()}

    def actions(self):
        if selectors.changeable_orgs(self.request.user).exists():
            return [("登记检查", reverse("inspection_add"), "btn-primary")]
        return []


def _files(record, user):
    return EvidenceFile.objects.visible_to(user).filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk)


@login_required
def inspection_detail(request, pk):
    inspection = get_visible(Inspection.objects.select_related("entity", "org", "created_by"), request.user, pk)
    today = timezone.localdate()
    changeable = can(request.user, Action.CHANGE, inspection.org)
    return render(request, "enforcement/inspection_detail.html", {
        "inspection": inspection, "title": f"监督检查：{inspection.entity.name}", "today": today,
        "colours": COLOURS, "can_change": changeable,
        "officers": inspection.officers.select_related("org").order_by("name"),
        "items": inspection.items.order_by("pk"), "files": _files(inspection, request.user),
        "points": inspection.points.select_related("practitioner"),
        "cases": selectors.cases_of(inspection.cases, request.user),
        "overdue": inspection.follow_up == FollowUp.PENDING and inspection.rectify_by
        and inspection.rectify_by < today,
        "follow_up_form": forms.FollowUpForm(initial={"on": today, "rectified": "yes"})
        if changeable and inspection.follow_up == FollowUp.PENDING else None,
    })


def _inspection_org(user, entity):
    """The org an inspection is registered under: the entity's supervising unit when the user may write for
    it, else the user's own enforcement unit (a city team inspecting in a county)."""
    if can(user, Action.CHANGE, entity.org):
        return entity.org
    unit = selectors.home_unit(user)
    if unit is None:
        raise PermissionDenied("当前账号不能登记监督检查")
    return unit


@login_required
def inspection_edit(request, pk=None):
    inspection = (get_visible(Inspection.objects.select_related("entity"), request.user, pk, Action.CHANGE)
                  if pk else None)
    if inspection is None and not selectors.changeable_orgs(request.user).exists():
        raise PermissionDenied("当前账号不能登记监督检查")
    initial = {}
    if inspection is None:
        initial = {"date": timezone.localdate()}
        if request.GET.get("entity", "").isdigit():  # "登记检查" from an entity's page
            initial["entity"] = int(request.GET["entity"])
    form = forms.InspectionForm(request.POST or None, request.FILES or None, instance=inspection, initial=initial,
                                user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        officers, items, uploads = data.pop("officers"), data.pop("items"), data.pop("files") or ()
        try:
            inspection = services.inspection_save(
                org=inspection.org if inspection else _inspection_org(request.user, data["entity"]),
                officers=officers, items=items, uploads=uploads, actor=request.user,
                inspection=form.instance if inspection else None, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"已登记监督检查：{inspection}")
            return redirect(inspection.get_absolute_url())
    return render(request, "enforcement/inspection_form.html", {
        "title": f"{'编辑' if inspection else '登记'}监督检查", "form": form, "inspection": inspection,
        "chosen": form.chosen, "chosen_list": [form.chosen] if form.chosen else [], "show_errors": form.is_bound,
        "cancel_url": inspection.get_absolute_url() if inspection else reverse("inspection_list")})


@login_required
def inspection_pickers(request):
    """The officers and check items offered for the entity and date chosen so far (htmx)."""
    form = forms.InspectionForm(request.GET, user=request.user)
    return render(request, "enforcement/_inspection_pickers.html", {
        "form": form, "refresh_entity": form.chosen is not None, "chosen_list": [form.chosen] if form.chosen else []})


@login_required
@require_POST
def inspection_follow_up(request, pk):
    inspection = get_visible(Inspection.objects.all(), request.user, pk, Action.CHANGE)
    form = forms.FollowUpForm(request.POST)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect(inspection.get_absolute_url() + "#follow-up")
    try:
        services.inspection_follow_up(inspection=inspection, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _flash(request, error)
    else:
        messages.success(request, f"已登记复查：{inspection.get_follow_up_display()}")
    return redirect(inspection.get_absolute_url() + "#follow-up")
