"""The manager's page of local effects, from the store of a synthetic municipality."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from indsats.domain.enums import Role
from indsats.evidence.reading import reading_da
from indsats.services.accounts.demo_accounts import ensure_demo_accounts
from indsats.web.app import create_app


def _login(client, username, password):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "csrf_token": token})


def test_the_reading_in_plain_danish():
    assert reading_da("Virksomhedspraktik", 0.061, 0.021, 0.104, 26) == (
        "Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år, usikkerhed 2–10")
    assert reading_da("Løntilskud", -0.04, -0.09, 0.01, 13).endswith("(forskellen kan skyldes tilfældigheder)")
    assert "færre" in reading_da("Løntilskud", -0.04, -0.09, -0.01, 13)
    assert "usikkerhed −9 til 1" in reading_da("Løntilskud", -0.04, -0.09, 0.01, 13)


REFERENCE = ("indsats;målgruppe;effekt;nedre;øvre;kilde;år\n"
             "Virksomhedspraktik;alle;4,5;1,2;7,8;jobeffekter.dk (testtal);2023\n")


def test_manager_sees_effects_per_offer_and_target_group_caseworker_does_not(sqlite_database, monkeypatch):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=1500)
    logins = ensure_demo_accounts(sqlite_database)
    manager = next(x for x in logins if x.role == Role.MANAGER)
    caseworker = next(x for x in logins if x.role == Role.CASEWORKER)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, manager.username, manager.password)
        page = client.get("/evidens/effekter")
        assert page.status_code == 200
        html = page.text
        assert "Effekter af tilbud" in html and "Dagpengemodtagere" in html
        assert re.search(r"Virksomhedspraktik: \d+ procentpoint (flere|færre) i selvforsørgelse efter et halvt år, "
                         r"usikkerhed −?\d+( til |–)−?\d+", html)
        assert 'href="/evidens/effekter"' in html  # in the menu
        assert "<svg" in html and "Virksomhedspraktik, lokalt" in html  # the chart: estimate with its interval
        assert "Der er ikke indlæst tal endnu" in html
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        bad = client.post("/evidens/effekter/vidensbank", data={"csrf_token": token},
                          files={"file": ("jobeffekter.csv", REFERENCE + "Mentorstøtte;Unge;2;;;x;2023\n")})
        assert bad.status_code == 422
        assert "jobeffekter.csv: linje 3, kolonne &#39;målgruppe&#39;: ukendt målgruppe" in bad.text
        assert "Der er ikke indlæst tal endnu" in bad.text  # all or nothing: the good line was not kept either
        done = client.post("/evidens/effekter/vidensbank", data={"csrf_token": token},
                           files={"file": ("jobeffekter.csv", REFERENCE.encode())})
        assert "Vidensbankens tal er indlæst (1 rækker)" in done.text
        assert "+4,5 pct.-point (+1,2 til +7,8; jobeffekter.dk (testtal), 2023)" in done.text  # beside the local one
        assert "Virksomhedspraktik, vidensbanken: +4,5 pct.-point" in done.text  # and in the chart
        export = client.get("/evidens/effekter.csv")
        assert export.headers["content-type"].startswith("text/csv")
        lines = export.text.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("målgruppe;tilbud;starter;effekt_pct_point;nedre;øvre")
        internship = next(x for x in lines if x.startswith("Alle målgrupper;Virksomhedspraktik;"))
        assert internship.endswith(";4,5;1,2;7,8;jobeffekter.dk (testtal);2023")
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        _login(client, caseworker.username, caseworker.password)
        assert client.get("/evidens/effekter").status_code == 403
        assert client.get("/evidens/effekter.csv").status_code == 403


def test_knowledge_bank_figures_are_read_with_errors_named():
    from indsats.services.evidence.effect_references import parse
    from indsats.services.shared.errors import InvalidInput

    refs = parse("jobeffekter.csv", (
        "indsats,målgruppe,effekt,nedre,øvre,kilde,år\n"
        "company_internship,Dagpengemodtagere,\"4,5\",\"1,0\",8,jobeffekter.dk,2023\n"
        "Løntilskud,alle,-1.0,,,jobeffekter.dk,\n").encode())
    assert refs[0].offer == "company_internship" and refs[0].target_group == "unemployment_benefit"
    assert refs[0].text() == "+4,5 pct.-point (+1,0 til +8,0; jobeffekter.dk, 2023)"
    assert (refs[1].offer, refs[1].target_group, refs[1].effect_pp, refs[1].low_pp) == ("wage_subsidy", "all", -1.0,
                                                                                         None)
    head = "indsats;målgruppe;effekt;nedre;øvre;kilde;år\n"
    for body, where in [
        ("Mentorstøtte;Dagpengemodtagere;meget;;;x;2023", "linje 2, kolonne 'effekt': ikke et tal"),
        ("Mentorstøtte;Unge;1;;;x;2023", "linje 2, kolonne 'målgruppe'"),
        ("Mentorstøtte;alle;1;;;;2023", "linje 2, kolonne 'kilde': tom"),
        ("Mentorstøtte;alle;1;2;3;x;2023", "linje 2, kolonne 'nedre': intervallet"),
        ("Mentorstøtte;alle;1;0;;x;2023", "linje 2, kolonne 'øvre'"),
        ("Mentorstøtte;alle;1;;;x;23", "linje 2, kolonne 'år'"),
        ("Kaffe!;alle;1;;;x;2023", "linje 2, kolonne 'indsats'"),
    ]:
        with pytest.raises(InvalidInput, match=re.escape(f"bad.csv: {where}")):
            parse("bad.csv", (head + body + "\n").encode())
    with pytest.raises(InvalidInput, match="linje 1 \\(overskrift\\): mangler kolonne\\(r\\) nedre, øvre, år"):
        parse("old.csv", b"indsats,m\xc3\xa5lgruppe,effekt,kilde\nmentor,alle,1,x\n")
    with pytest.raises(InvalidInput, match="latin.csv: linje 2: ikke UTF-8"):
        parse("latin.csv", head.encode() + "Løntilskud;alle;1;;;x;2023\n".encode("latin-1"))
