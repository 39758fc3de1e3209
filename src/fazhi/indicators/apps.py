from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"

    def ready(self):
        from . import spine  # noqa: F401  registers the spine's indicators (orgs, users, evidence files)
