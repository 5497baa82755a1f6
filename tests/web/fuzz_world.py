"""A logged-in API client over a small world, for the schema-driven fuzz tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from schemathesis.python import asgi

from indsats.store.db import Database, make_engine
from indsats.store.schema import metadata
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


def empty(db: Database) -> None:
    with db.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


@contextmanager
def logged_in_client(url: str, username: str) -> Iterator[tuple[object, asgi.ASGIClient, dict]]:
    """(app, client with the session cookie, headers with the CSRF token) for ``username`` of build_world."""
    db = Database(url, engine=make_engine(url))
    empty(db)
    build_world(db)
    app = create_app(db, secret_key="fuzz")
    try:
        with asgi.get_client(app) as client:
            answer = client.post("/api/login", json={"username": username, "password": PASSWORD})
            assert answer.status_code == 200, answer.text
            yield app, client, {"X-CSRF-Token": answer.json()["csrf_token"]}
    finally:
        empty(db)
        db.engine.dispose()
