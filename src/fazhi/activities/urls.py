from django.urls import path

from . import views

urlpatterns = [
    path("activities/", views.hub, name="activity_hub"),
    path("activities/year/", views.year_view, name="activity_year"),
    path("activities/account-coverage/", views.account_coverage, name="account_coverage"),
    path("activities/publicity-days/", views.publicity_days, name="publicity_days"),
    path("activities/<slug:kind>/", views.LedgerListView.as_view(), name="activity_list"),
    path("activities/<slug:kind>/add/", views.record_edit, name="activity_add"),
    path("activities/<slug:kind>/import/", views.ledger_import, name="activity_import"),
    path("activities/<slug:kind>/template/", views.ledger_template, name="activity_template"),
    path("activities/<slug:kind>/<int:pk>/", views.record_detail, name="activity_detail"),
    path("activities/<slug:kind>/<int:pk>/edit/", views.record_edit, name="activity_edit"),
    path("activities/<slug:kind>/<int:pk>/delete/", views.record_delete, name="activity_delete"),
]
