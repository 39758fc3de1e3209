"""The check that no change leaves a stored task status behind: every task whose status is marked current
for today holds what counting it afresh gives."""

import pytest


def stored_statuses_hold() -> None:
    from fazhi.plans.models import Task
    from fazhi.plans.status import task_states
    from tests.conftest import TODAY as today
    current = list(Task.all_objects.filter(status_on=today).select_related("plan__org"))
    states = task_states(current, today)
    wrong = [(task.pk, task.title, task.status, states[task.pk].status) for task in current
             if task.status != states[task.pk].status]
    assert not wrong, wrong


@pytest.fixture(autouse=True)
def stored_task_statuses_stay_current(request):
    yield
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        stored_statuses_hold()
