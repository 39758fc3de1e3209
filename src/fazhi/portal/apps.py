from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    verbose_name = "公开门户"
