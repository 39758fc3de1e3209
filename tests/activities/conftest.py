"""A ledger record moves plan targets: every test leaves the stored task statuses true."""

from tests.plans.stored_check import stored_task_statuses_stay_current  # noqa: F401
