from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/targets/", views.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/assign/", views.plan_assign, name="plan_assign"),
    path("plans/<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/overview/", views.plan_overview, name="plan_overview"),
    path("plans/<int:pk>/ledger.xlsx", views.ledger_export, name="ledger_export"),
    path("plans/<int:pk>/ledger/import/", views.ledger_import, name="ledger_import"),
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("tasks/<int:pk>/report/", views.report_new, name="report_new"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("targets/<int:pk>/tick/", views.target_tick, name="target_tick"),
]
