"""The few base views every list and detail page of Fazhi is configured from."""

from urllib.parse import quote

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .choices import Action
from .params import MAX_PER_PAGE
from .selectors import get_visible
from .xlsx import table_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An Excel download named in Chinese."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


class BoundedPaginator(Paginator):
    """Pages of 1 to MAX_PER_PAGE rows, whatever ?per_page= asks for."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), MAX_PER_PAGE), *args, **kwargs)


class ObjectListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """A scoped, filtered, sortable, paginated table; `?_export=xlsx` downloads the filtered rows;
    htmx requests get only the table."""

    template_name = "core/object_list.html"
    paginate_by = 25
    paginator_class = BoundedPaginator
    title = ""
    add_url_name = None
    export_name = "导出"

    def get_queryset(self):
        return self.scoped_queryset()

    def scoped_queryset(self):
        raise NotImplementedError

    def can_add(self):
        return False

    def get_table_kwargs(self):
        return {"empty_text": "没有符合条件的记录"}

    def get_template_names(self):
        if self.request.headers.get("HX-Request") and not self.request.headers.get("HX-Boosted"):
            return ["core/_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, add_url_name=self.add_url_name if self.can_add() else None)
        return context

    def export_table(self):
        return self.get_table_class()(self.get_table_data())  # every filtered row, not one page

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("_export") == "xlsx":
            table = self.export_table()
            content = table_bytes(table, self.title, exclude_columns=getattr(self, "export_exclude", ()))
            return xlsx_response(content, f"{self.title}.xlsx")
        return super().render_to_response(context, **kwargs)


class ObjectDetailView(LoginRequiredMixin, DetailView):
    """A record the user may see, or 404."""

    action = Action.VIEW

    def base_queryset(self):
        return self.model._default_manager.all()

    def get_object(self, queryset=None):
        return get_visible(self.base_queryset(), self.request.user, self.kwargs["pk"], self.action)
