from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "执法监督"

    def ready(self):
        from . import indicators  # noqa: F401  registers the enforcement indicators
