"""A committed database for tests whose commands run in another connection or process."""

import pytest


@pytest.fixture
def database_put_back(django_db_blocker, tmp_path):
    """Copies the database before the test and puts it back afterwards. Requested before
    `transactional_db`, it is torn down after that fixture has emptied every table, so the tests
    that run later on the same worker find the demo organisation again. (A module-wide `django_db`
    mark would set the database up before this fixture: modules using it carry none.)"""
    from fazhi.core import backups

    copy = tmp_path / "database-before-test"
    with django_db_blocker.unblock():
        backups.dump_database(copy)
    yield
    with django_db_blocker.unblock():
        backups.load_database(copy)


@pytest.fixture
def committed_db(database_put_back, transactional_db):
    """Writes are committed (as in production), and the database is as it was for the next test."""
