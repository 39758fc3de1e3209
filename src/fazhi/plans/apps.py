from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "工作要点与任务台账"

    def ready(self):
        from . import stored

        stored.connect()  # a report, a target or a ledger record makes the statuses it touches stale
