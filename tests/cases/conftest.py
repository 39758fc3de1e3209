import pytest

from fazhi.cases import steps
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def business_clock():
    """Cases are made with back-dated steps, as the demo makes them: today is the suite's TODAY."""
    with steps.business_clock(TODAY):
        yield
