from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "fazhi.activities"
    verbose_name = "法治工作台账"

    def ready(self):
        from . import indicators  # noqa: F401  registers the ledgers' indicators
