from django.urls import path

from . import views

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("new/", views.case_open, name="case_open"),
    path("on-the-spot/", views.case_on_the_spot, name="case_on_the_spot"),
    path("deadlines/", views.case_deadlines, name="case_deadlines"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/steps/<slug:step>/", views.case_step, name="case_step"),
    path("<int:pk>/verify/", views.case_verify, name="case_verify"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("evaluations/", views.RoundListView.as_view(), name="evaluation_round_list"),
    path("evaluations/new/", views.evaluation_round_create, name="evaluation_round_create"),
    path("evaluations/<int:pk>/", views.evaluation_round_detail, name="evaluation_round_detail"),
    path("evaluations/<int:pk>/cases/<int:case_pk>/", views.evaluation_score, name="evaluation_score"),
]
