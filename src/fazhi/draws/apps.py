from django.apps import AppConfig


class DrawsConfig(AppConfig):
    name = "fazhi.draws"
    verbose_name = "双随机抽查"

    def ready(self):
        from . import (
            attention,  # noqa: F401  adds its items to the enforcement hub's list of what needs doing
            indicators,  # noqa: F401  registers the draws' indicators
        )
