from django.urls import path

from . import views

urlpatterns = [
    path("", views.hub, name="enforcement_hub"),
    # officers and their avoidance pairs
    path("officers/", views.OfficerListView.as_view(), name="officer_list"),
    path("officers/add/", views.officer_edit, name="officer_add"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/conflicts/add/", views.officer_conflict_add, name="officer_conflict_add"),
    path("officers/conflicts/<int:pk>/remove/", views.officer_conflict_remove, name="officer_conflict_remove"),
    # the register of supervised entities, their practitioners and points
    path("entities/", views.EntityListView.as_view(), name="entity_list"),
    path("entities/add/", views.entity_edit, name="entity_add"),
    path("entities/search/", views.entity_search, name="entity_search"),
    path("entities/import/", views.entity_import, name="entity_import"),
    path("entities/template/", views.entity_template, name="entity_template"),
    path("entities/<int:pk>/", views.entity_detail, name="entity_detail"),
    path("entities/<int:pk>/edit/", views.entity_edit, name="entity_edit"),
    path("entities/<int:pk>/grade/", views.entity_grade, name="entity_grade"),
    path("entities/<int:entity_pk>/practitioners/add/", views.practitioner_edit, name="practitioner_add"),
    path("practitioners/<int:pk>/edit/", views.practitioner_edit, name="practitioner_edit"),
    path("entities/<int:pk>/points/add/", views.point_add, name="point_add"),
    path("points/", views.point_list, name="point_list"),
    path("points/<int:pk>/delete/", views.point_delete, name="point_delete"),
    # the catalogues published beforehand
    *[route for kind, prefix in (("power", "powers"), ("check_item", "check-items"), ("lenient", "lenient-items"))
      for route in (
          path(f"{prefix}/", views.CatalogueListView.as_view(), {"kind": kind}, name=f"{kind}_list"),
          path(f"{prefix}/add/", views.catalogue_edit, {"kind": kind}, name=f"{kind}_add"),
          path(f"{prefix}/<int:pk>/edit/", views.catalogue_edit, {"kind": kind}, name=f"{kind}_edit"),
          path(f"{prefix}/<int:pk>/delete/", views.catalogue_delete, {"kind": kind}, name=f"{kind}_delete"),
      )],
    # inspections
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/add/", views.inspection_edit, name="inspection_add"),
    path("inspections/pickers/", views.inspection_pickers, name="inspection_pickers"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/follow-up/", views.inspection_follow_up, name="inspection_follow_up"),
]
