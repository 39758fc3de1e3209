"""Django admin for superusers: reference data with history. Daily work uses Fazhi's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarDay, EvidenceFile, HolidayYear, LegalTimeLimit, Org, Role, StatutoryHoliday, User


@admin.register(Org)
class OrgAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "level", "code", "parent", "is_active")
    list_filter = ("kind", "level", "is_active")
    search_fields = ("name", "code")
    readonly_fields = ("path",)

    def get_readonly_fields(self, request, obj=None):
        return ("path", "code") if obj else ("path",)


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("法治", {"fields": ("org", "roles", "full_name", "title", "phone")}),)
    list_display = ("username", "full_name", "org", "is_active")
    filter_horizontal = ("roles",)


admin.site.register(Role)


@admin.register(LegalTimeLimit)
class LegalTimeLimitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "number", "unit", "legal_basis", "article", "status")
    list_filter = ("status", "unit")
    search_fields = ("code", "name", "legal_basis")


@admin.register(StatutoryHoliday)
class StatutoryHolidayAdmin(SimpleHistoryAdmin):
    list_display = ("name", "calendar", "month", "day", "term", "starts_before", "days", "valid_from",
                    "legal_basis", "article", "status")


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(HolidayYear)
class HolidayYearAdmin(SimpleHistoryAdmin):
    inlines = [CalendarDayInline]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(SimpleHistoryAdmin):
    list_display = ("title", "org", "size", "integrity", "created_at", "deleted_at")
    readonly_fields = ("sha256", "size", "mime_type")

    def get_queryset(self, request):
        return EvidenceFile.all_objects.all()

    def has_delete_permission(self, request, obj=None):
        return False  # deletes are soft, through Fazhi's own pages


admin.site.site_header = "法治 · 系统后台"
admin.site.site_title = "法治"
