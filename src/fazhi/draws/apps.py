from django.apps import AppConfig


class DrawsConfig(AppConfig):
    name = "fazhi.draws"
    verbose_name = "双随机抽查"

    def ready(self):
        from . import indicators  # noqa: F401  registers the draws' indicators
