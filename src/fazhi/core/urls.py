from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms_auth import LoginForm

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(
        authentication_form=LoginForm, redirect_authenticated_user=True,
        extra_context={"lockout": {"failures": settings.AXES_FAILURE_LIMIT,
                                   "minutes": int(settings.AXES_COOLOFF_TIME * 60)}}), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(success_url="/"), name="password_change"),
    path("orgs/", views.OrgListView.as_view(), name="org_list"),
    path("orgs/add/", views.org_edit, name="org_add"),
    path("orgs/<int:pk>/", views.OrgDetailView.as_view(), name="org_detail"),
    path("orgs/<int:pk>/edit/", views.org_edit, name="org_edit"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/add/", views.user_edit, name="user_add"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("time-limits/", views.LegalTimeLimitListView.as_view(), name="time_limit_list"),
    path("time-limits/<int:pk>/", views.LegalTimeLimitDetailView.as_view(), name="time_limit_detail"),
    path("time-limits/<int:pk>/edit/", views.time_limit_edit, name="time_limit_edit"),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/import/", views.calendar_import, name="calendar_import"),
    path("calendar/<int:year>/from-package/", views.calendar_from_package, name="calendar_from_package"),
    path("calendar/due/", views.due_date, name="due_date"),
    path("evidence/", views.EvidenceListView.as_view(), name="evidence_list"),
    path("evidence/upload/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.EvidenceDetailView.as_view(), name="evidence_detail"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/verify/", views.evidence_verify, name="evidence_verify"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("history/<int:content_type_id>/<int:pk>/", views.history, name="history"),
    path("trash/", views.trash, name="trash"),
    path("api-docs/", views.api_docs, name="api_docs"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("trash/<int:content_type_id>/<int:pk>/restore/", views.trash_restore, name="trash_restore"),
]
