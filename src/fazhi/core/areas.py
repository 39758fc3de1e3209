"""The hooks each area offers the spine by naming a module: demo.py, bench.py, reminders.py, home.py."""

import importlib

from django.apps import apps


def area_modules(name: str):
    """Each Fazhi app's module `name`, in INSTALLED_APPS order; apps without one are skipped."""
    for app in apps.get_app_configs():
        if not app.name.startswith("fazhi."):
            continue
        try:
            yield importlib.import_module(f"{app.name}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.{name}":
                raise  # the module is there, but something it imports is not
