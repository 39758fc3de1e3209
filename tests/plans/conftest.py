"""Every test of the plans leaves the stored task statuses true (see stored_check)."""

from .stored_check import stored_task_statuses_stay_current  # noqa: F401
