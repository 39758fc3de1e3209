from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("figure/", views.figure, name="report_figure"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/redraft/", views.report_redraft, name="report_redraft"),
    path("<int:pk>/settings/", views.report_settings, name="report_settings"),
    path("<int:pk>/file/", views.report_file, name="report_file"),
    path("<int:pk>/history/", views.report_history, name="report_history"),
    path("<int:pk>/paragraphs/new/", views.paragraph_add, name="paragraph_add"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/", views.paragraph_edit, name="paragraph_edit"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/remove/", views.paragraph_remove, name="paragraph_remove"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/refresh/", views.paragraph_refresh, name="paragraph_refresh"),
    path("<int:pk>/<slug:action>/", views.report_status, name="report_status"),
    path("<int:pk>/download.<slug:fmt>", views.report_download, name="report_download"),
]
