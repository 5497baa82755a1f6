"""The worklist and the caseload say which rule set applies and, within 60 days, what changes when."""

from __future__ import annotations

from .test_worklists_web import login, world_client  # noqa: F401  (the fixture)

CHANGE = "Fra 1. juli 2026: Beskæftigelsesreformen, 1. fase"


def test_worklist_shows_the_rule_set_of_each_obligation(world_client):  # noqa: F811
    _world, client = world_client
    login(client, "mette")
    page = client.get("/frister?dato=2026-08-25").text
    assert "<th>Regelsæt</th>" in page
    assert "<td>LAB 2024</td>" in page  # Bo: job-ready cash benefit from 2026-01-05 (LAB as amended)
    assert "Regelsæt på siden: <strong>LAB 2024</strong> – Forenklet kontaktforløb" in page
    assert CHANGE not in page  # no rule set starts within 60 days of 2026-08-25 (there is no 2027 regime)
    csv = client.get("/frister.csv?dato=2026-08-25").text.lstrip("\ufeff").splitlines()
    assert csv[0].endswith(";lokal;regelsæt") and any(line.endswith(";LAB 2024") for line in csv[1:])


def test_worklist_notice_within_60_days_of_a_change(world_client):  # noqa: F811
    _world, client = world_client
    login(client, "mette")
    assert CHANGE in client.get("/frister?dato=2026-05-15").text  # 47 days before 2026-07-01
    assert CHANGE in client.get("/frister?dato=2026-05-02").text  # 60 days before
    assert CHANGE not in client.get("/frister?dato=2026-05-01").text  # 61 days before
    assert CHANGE not in client.get("/frister?dato=2026-07-01").text  # in force: no longer coming


def test_caseload_shows_rule_set_and_the_coming_change(world_client, monkeypatch):  # noqa: F811
    _world, client = world_client
    login(client, "mette")
    page = client.get("/sager").text
    assert "<th>Regelsæt</th>" in page and '<td data-label="Regelsæt">LAB 2024</td>' in page
    assert CHANGE not in page
    monkeypatch.setenv("INDSATS_TODAY", "2026-06-01")
    assert CHANGE in client.get("/sager").text
    assert client.get("/api/caseload").json()["items"][0]["rule_set"]
