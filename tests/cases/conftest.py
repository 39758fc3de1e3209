import pytest

from fazhi.cases import steps
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def business_clock():
    """Cases are made with back-dated steps, as the demo makes them: today is the suite's TODAY."""
    with steps.business_clock(TODAY):
        yield


@pytest.fixture(autouse=True)
def stored_deadlines_stay_current(request):
    """After every test of a case's services, each case the test touched stores the deadline its clocks give
    when counted afresh: no service leaves `next_due` or `warn_from` behind."""
    from django.utils import timezone

    started = timezone.now()
    yield
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    from fazhi.cases.models import Case
    from fazhi.cases.stored import open_deadline

    for case in Case.all_objects.filter(updated_at__gte=started):
        assert (case.next_due, case.warn_from) == open_deadline(case), case.number
