from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from fazhi.cases import api as case_api
from fazhi.core import api as core_api
from fazhi.dashboard import views as dashboard_views
from fazhi.draws import api as draw_api
from fazhi.enforcement import api as enforcement_api
from fazhi.indicators import api as indicator_api
from fazhi.plans import api as plan_api

router = DefaultRouter()
router.register("orgs", core_api.OrgViewSet, basename="org")
router.register("users", core_api.UserViewSet, basename="user")
router.register("time-limits", core_api.LegalTimeLimitViewSet, basename="time-limit")
router.register("calendar-days", core_api.CalendarDayViewSet, basename="calendar-day")
router.register("evidence", core_api.EvidenceFileViewSet, basename="evidence")
router.register("indicators", indicator_api.IndicatorViewSet, basename="indicator")
router.register("plans", plan_api.PlanViewSet, basename="plan")
router.register("tasks", plan_api.TaskViewSet, basename="plan-task")
router.register("progress-reports", plan_api.ProgressReportViewSet, basename="progress-report")
router.register("officers", enforcement_api.OfficerViewSet, basename="officer")
router.register("entities", enforcement_api.EntityViewSet, basename="entity")
router.register("inspections", enforcement_api.InspectionViewSet, basename="inspection")
router.register("draw-tasks", draw_api.DrawTaskViewSet, basename="draw-task")
router.register("draws", draw_api.DrawViewSet, basename="draw")
router.register("cases", case_api.CaseViewSet, basename="case")
router.register("legal-reviews", case_api.LegalReviewViewSet, basename="legal-review")

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("", include("fazhi.core.urls")),
    path("indicators/", include("fazhi.indicators.urls")),
    path("", include("fazhi.plans.urls")),
    path("", include("fazhi.activities.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("enforcement/draws/", include("fazhi.draws.urls")),
    path("enforcement/cases/", include("fazhi.cases.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("public/", include("fazhi.portal.urls")),
    path("api/", include(router.urls)),
    path("api/due-date/", core_api.due_date, name="api_due_date"),
    path("api/plans/parse/", plan_api.plan_parse, name="api_plan_parse"),
    path("api/token/", core_api.TokenView.as_view(), name="api_token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("django-admin/", admin.site.urls),
]

handler400 = "fazhi.core.errors.bad_request"
handler403 = "fazhi.core.errors.forbidden"
handler404 = "fazhi.core.errors.not_found"
