"""The public portal under /public/: no login; records are named by their public UUID."""

from django.urls import path, re_path

from . import reports, views

urlpatterns = [
    path("", views.home, name="portal_home"),
    path("draws/fazhi-draw-verify.py", views.draw_verifier, name="portal_draw_verifier"),
    path("draws/<uuid:public_id>.json", views.draw_record_file, name="portal_draw_record"),
    path("record-digests/", views.record_digests, name="portal_record_digests"),
    path("record-digests/<str:day>.json", views.record_digest_file, name="portal_record_digest_file"),
    path("<str:code>/", views.commission, name="portal_commission"),
    path("<str:code>/decisions/", views.decision_list, name="portal_decision_list"),
    path("<str:code>/decisions/<uuid:public_id>/", views.decision_detail, name="portal_decision_detail"),
    path("<str:code>/draws/", views.draw_list, name="portal_draw_list"),
    path("<str:code>/draws/<uuid:public_id>/", views.draw_detail, name="portal_draw_detail"),
    path("<str:code>/reports/<int:year>/", reports.report_page, name="portal_report"),
    # Any other address under /public/ gets the portal's page, not the staff side's.
    re_path(r"^.+/$", views.not_found, name="portal_not_found"),
]
