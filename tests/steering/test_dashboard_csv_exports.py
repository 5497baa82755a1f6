"""The management information and the goals open in a spreadsheet: CSV with Danish headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.casework.builders import build_world
from tests.web_login import login


def test_management_information_and_goals_export_as_danish_csv(sqlite_database):
    build_world(sqlite_database)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        login(client, "leder250")
        mi = client.get("/ledelsesinformation.csv", params={"as_of": "2026-11-20"})
        assert mi.headers["content-type"].startswith("text/csv")
        lines = mi.text.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("måned;på offentlig forsørgelse;bruttoledige;langtidsledige;aktiveringsgrad")
        assert len(lines) == 13 and lines[-1].startswith("2026-11;")
        assert lines[0].endswith(";foreløbig")  # the month of the as-of date is counted only to that day
        assert lines[-1].endswith(";ja, til og med 2026-11-20") and lines[-2].endswith(";")
        page = client.get("/ledelsesinformation", params={"as_of": "2026-11-20"}).text
        assert page.count("(foreløbig") == 1 and "til og med 20." in page
        goals = client.get("/styring.csv", params={"plan": "demo-frederikssund", "as_of": "2026-11-20"})
        text = goals.text.lstrip("\ufeff")
        assert text.startswith("mål;målepunkt;frist;udgangspunkt")
        assert "Langtidsledigheden falder 10,3 pct." in text
        login(client, "mette")
        assert client.get("/ledelsesinformation.csv").status_code == 403
