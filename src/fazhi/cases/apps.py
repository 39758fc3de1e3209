from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "fazhi.cases"
    verbose_name = "行政处罚案件"

    def ready(self):
        from . import (
            attention,  # noqa: F401  adds its items to the enforcement hub's list of what needs doing
            indicators,  # noqa: F401  registers the cases' indicators
        )
