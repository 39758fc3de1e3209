from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        from . import (
            middleware,  # noqa: F401  starts each session's eight hours on signing in
            stored,
        )

        stored.connect()  # a changed time limit or holiday schedule refreshes the stored deadlines
