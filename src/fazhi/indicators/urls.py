from django.urls import path

from . import views

urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
]
