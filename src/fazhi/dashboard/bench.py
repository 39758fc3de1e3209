"""Benchmarks of the home page, run by `make bench` on the city-scale demo."""

from fazhi.core.bench import _page


def dashboard_city():
    return _page("shi_lingdao", "/")


def dashboard_city_last_year():
    from django.utils import timezone

    return _page("shi_lingdao", f"/?year={timezone.localdate().year - 1}")


BENCHMARKS = [
    ("dashboard_city", dashboard_city),
    ("dashboard_city_last_year", dashboard_city_last_year),
]
