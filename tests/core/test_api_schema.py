"""The API against its own OpenAPI schema: Schemathesis generates requests for every operation (valid ones
and ones the schema forbids) and each answer must be no server error, a declared content type and a body
the schema describes. The examples per operation are few and fixed (derandomised), so the run is bounded."""

import json
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import UserRateThrottle
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from fazhi.core.models import User

EXAMPLES = 12  # per operation; every run draws the same ones
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # Thousands of generated requests in a row; the throttle is tested on its own.
    monkeypatch.setattr(UserRateThrottle, "allow_request", lambda self, request, view: True)
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    return schema


@contextmanager
def connection_kept():
    """As Django's test client does: a request's end must not close the connection holding the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    return Token.objects.create(user=User.objects.get(username="xian_fazhi")).key


def run(operation, mode: GenerationMode, headers: dict, **fixed) -> int:
    """Call one operation with the cases drawn for it; the number of cases, or the first failure raised."""
    drawn = 0

    @given(operation.as_strategy(generation_mode=mode, **fixed))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def call(case):
        nonlocal drawn
        drawn += 1
        case.call_and_validate(headers=headers, checks=CHECKS)

    with connection_kept():
        call()
    return drawn


def first_ids(operations, headers) -> dict[str, int]:
    """For each list the user can read, the id of its first row: detail operations are also called on a
    record that exists, not only on ids nobody has."""
    client, ids = Client(**{"HTTP_" + k.upper(): v for k, v in headers.items()}), {}
    for operation in operations:
        if operation.method.upper() == "GET" and "{" not in operation.path:
            body = client.get(operation.path).json()
            rows = body.get("results") if isinstance(body, dict) else body
            if rows and isinstance(rows[0], dict) and "id" in rows[0]:
                ids[operation.path] = rows[0]["id"]
    return ids


def test_every_operation_answers_within_its_schema(api_schema, token):
    headers = {"Authorization": f"Token {token}"}
    failures, operations, cases = [], 0, 0
    every = [result.ok() for result in api_schema.get_all_operations()]
    ids = first_ids(every, headers)
    for operation in every:
        operations += 1
        rounds = [(mode, {}) for mode in GenerationMode]
        known = ids.get(operation.path.split("{id}")[0]) if "{id}" in operation.path else None
        if known is not None:
            rounds.append((GenerationMode.POSITIVE, {"path_parameters": {"id": known}}))
        for mode, fixed in rounds:
            try:
                cases += run(operation, mode, headers, **fixed)
            except (BaseExceptionGroup, Exception) as failure:  # every operation's first failure is reported
                where = f"{operation.label} ({mode.value}{' on a record that exists' if fixed else ''})"
                failures.append(f"{where}: " + " ".join(str(failure).split()[:60]))
    print(f"schemathesis: {operations} operations ({len(ids)} lists with a record), {cases} cases, "
          f"{len(failures)} failing")
    assert operations > 40
    assert not failures, "\n".join(failures)
