"""CPR numbers stay out of URLs and logs: the search is a POST, the access log has no query strings,
every log line is masked, SQL parameters are hidden, the audit log says "CPR-søgning"."""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from contextlib import contextmanager

import httpx2 as httpx
import pytest
import uvicorn
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from indsats.services.shared.privacy_logging import install_cpr_masking, mask_cpr
from indsats.settings import get_settings
from indsats.store.tables import AuditRow, CitizenRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world

from .web_login import csrf, login, make_client


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@contextmanager
def _server_with_access_log(database):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(database, secret_key="t", settings=get_settings()), host="127.0.0.1",
                            port=port, log_level="info", access_log=True)
    access = _Lines()
    logging.getLogger("uvicorn.access").addHandler(access)  # after Config has configured uvicorn's logging
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", access.lines
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        logging.getLogger("uvicorn.access").removeHandler(access)


def _digits(cpr: str) -> list[str]:
    return [cpr, f"{cpr[:6]}-{cpr[6:]}"]


def test_a_cpr_search_leaves_no_number_in_the_url_the_access_log_or_the_audit_log(database):
    world = build_world(database)
    cpr = world.anna_cpr
    with _server_with_access_log(database) as (base, access_lines), httpx.Client(base_url=base) as browser:
        token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/login").text).group(1)
        browser.post("/login", data={"username": "mette", "password": PASSWORD, "csrf_token": token})
        token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/borgere").text).group(1)
        found = browser.post("/borgere", data={"q": f"{cpr[:6]}-{cpr[6:]}", "csrf_token": token})
        assert found.status_code == 200 and f'href="/borgere/{world.anna_id}"' in found.text
        assert str(found.url) == f"{base}/borgere"  # the result page's address holds no number
        live = browser.post("/borgere", data={"q": cpr}, headers={"HX-Request": "true", "X-CSRF-Token": token})
        assert f'href="/borgere/{world.anna_id}"' in live.text and "<html" not in live.text
        api = browser.post("/api/citizen-search", json={"q": cpr}, headers={"X-CSRF-Token": token})
        assert [c["id"] for c in api.json()["items"]] == [world.anna_id]
        # an old bookmark or a hand-typed URL with the number: refused, not searched
        refused = browser.get("/borgere", params={"q": cpr})
        assert refused.status_code == 422 and "må ikke stå i adressen" in refused.text
        assert world.anna_cpr not in refused.text
        assert browser.get("/api/citizens", params={"q": cpr}).status_code == 422
        by_name = browser.get("/borgere", params={"q": "Østergaard"})
        assert f'href="/borgere/{world.anna_id}"' in by_name.text
        time.sleep(0.2)
    log = "\n".join(access_lines)
    assert '"POST /borgere HTTP/1.1" 200' in log and '"GET /borgere HTTP/1.1" 422' in log
    assert "q=" not in log and not any(d in log for d in _digits(cpr))
    with database.unit_of_work() as s:
        actions = [a for a in s.scalars(select(AuditRow.action).where(AuditRow.kind == "read"))]
    assert actions.count("CPR-søgning") == 3 and "søgning: Østergaard" in actions
    assert not any(d in a for a in actions for d in _digits(cpr)) and not any(re.search(r"\d{6}", a) for a in actions)


def test_the_search_form_posts_and_needs_the_sessions_csrf_token(sqlite_database):
    build_world(sqlite_database)
    with make_client(sqlite_database) as client:
        login(client, "mette")
        page = client.get("/borgere").text
        assert re.search(r'<form method="post" action="/borgere"', page) and 'hx-post="/borgere"' in page
        assert client.post("/borgere", data={"q": "Anna"}).status_code == 403
        assert client.post("/borgere", data={"q": "Anna", "csrf_token": csrf(client, "/borgere")}).status_code == 200


def test_every_log_line_is_masked_message_arguments_and_traceback(caplog):
    install_cpr_masking()
    log = logging.getLogger("indsats.test.privacy")
    with caplog.at_level(logging.INFO):
        log.info("opslag på 010190-1234 og %s og %s (%d)", "0101901234", ["1001859521"], 42)
        try:
            raise ValueError("ugyldig linje: cpr 2512489996")
        except ValueError:
            log.exception("import fejlede for %s", {"cpr": "3112999999"})
    text = caplog.text + "\n".join(r.exc_text or "" for r in caplog.records)
    assert "XXXXXX-XXXX" in text and "ValueError" in text
    assert not re.search(r"\d{6}-?\d{4}", text), text
    # not a CPR: longer numbers, CVR and amounts stay as they are
    assert mask_cpr("CVR 12345678, beløb 12345678901, dato 2026-06-01") == "CVR 12345678, beløb 12345678901, dato 2026-06-01"


def test_a_logged_database_error_shows_no_sql_parameters_nor_the_rows_values(database, caplog):
    install_cpr_masking()
    world = build_world(database)
    with pytest.raises(IntegrityError) as caught, database.unit_of_work() as s:
        s.add(CitizenRow(cpr=world.anna_cpr, first_name="Særligtnavn", last_name="Notetekst", birth_date=None,
                         municipality_code="250"))
        s.flush()
    assert "SQL parameters hidden" in str(caught.value)
    with caplog.at_level(logging.ERROR):
        logging.getLogger("indsats.test.db").error("databasefejl: %s", caught.value, exc_info=caught.value)
    text = caplog.text
    assert "IntegrityError" in text and "SQL parameters hidden" in text
    assert world.anna_cpr not in text and "Særligtnavn" not in text and "Notetekst" not in text


def test_the_import_command_prints_no_cpr_number_when_it_fails(sqlite_database, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from indsats.cli import app
    from indsats.services.casework import imports

    build_world(sqlite_database)
    monkeypatch.setenv("INDSATS_DATABASE_URL", sqlite_database.url)

    def exploding_import(db, files):
        raise KeyError("uventet felt i række med cpr 0101901234")

    monkeypatch.setattr(imports, "import_files", exploding_import)  # the command imports it when it runs
    (tmp_path / "citizens.csv").write_text("cpr\n0101901234\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "citizens.csv")])
    assert result.exit_code == 3 and "Importen fejlede, intet er gemt" in result.output
    assert "0101901234" not in result.output and "Traceback" not in result.output
