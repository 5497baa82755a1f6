"""Schemathesis against /openapi.json: every operation, as a logged-in caseworker, on PostgreSQL
(where ids beyond 32 bits and NUL characters used to end in 500).

Checks: no server error, the status code and content type documented, the body conforming to
the documented schema (successes and the one error shape alike). Not checked: that every
schema-valid request is accepted — business rules the schema cannot state (a search of blanks,
an end before a start) are rightly refused with 422. Bounded to a few examples per
operation so the suite stays fast; ``bench/api_fuzz.py`` runs the long version."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from indsats.store.db import Database
from indsats.web.app import create_app

from .fuzz_world import logged_in_client

EXAMPLES_PER_OPERATION = int(os.environ.get("INDSATS_FUZZ_EXAMPLES", "12"))  # the long run: 250
TALLY = {"requests": 0, "server_errors": 0}


FUZZ_USER = os.environ.get("INDSATS_FUZZ_USER", "mette")  # a caseworker; konsulent250, leder250 for other runs


@pytest.fixture(scope="module")
def fuzz_session(postgres_url):
    with logged_in_client(postgres_url, FUZZ_USER) as session:
        yield session
    print(f"\napi fuzz: {TALLY['requests']} requests, {TALLY['server_errors']} server errors")


# The schema is read from an app that serves no request; the calls go to the fixture's app.
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Database("sqlite://"), secret_key="schema"))


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_without_server_error_and_as_documented(case, fuzz_session):
    _, client, headers = fuzz_session
    TALLY["requests"] += 1
    response = case.call(session=client, headers=headers)
    TALLY["server_errors"] += response.status_code >= 500
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


def test_the_schema_covers_every_json_operation(fuzz_session):
    app, _, _ = fuzz_session
    operations = {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops}
    api_routes = {(m, r.path) for r in app.state.route_table if r.path.startswith("/api/") for m in r.methods}
    assert api_routes and api_routes <= operations
    assert len(operations) >= 27
