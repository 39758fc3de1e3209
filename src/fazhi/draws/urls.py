from django.urls import path

from . import views

# Every name starts with draw_, so the enforcement area's menu lights its 双随机抽查 tab.
urlpatterns = [
    path("", views.DrawTaskListView.as_view(), name="draw_task_list"),
    path("new/", views.task_add, name="draw_task_add"),
    path("<int:pk>/", views.task_detail, name="draw_task_detail"),
    path("<int:pk>/edit/", views.task_edit, name="draw_task_edit"),
    path("<int:pk>/draw/", views.draw_create, name="draw_create"),
    path("draw/<int:pk>/", views.draw_detail, name="draw_detail"),
    path("draw/<int:pk>/fix-pool/", views.draw_fix_pool, name="draw_fix_pool"),
    path("draw/<int:pk>/run/", views.draw_run, name="draw_run"),
    path("draw/<int:pk>/void/", views.draw_void, name="draw_void"),
    path("draw/<int:pk>/publish/", views.draw_publish, name="draw_publish"),
    path("draw/<int:pk>/record.json", views.draw_record_download, name="draw_record"),
    path("picks/<int:pk>/inspect/", views.pick_inspect, name="draw_pick_inspect"),
    path("picks/<int:pk>/unable/", views.pick_unable, name="draw_pick_unable"),
]
