"""Mine pligter: the citizen sees what to do, by when and why, from the same obligations as the caseworker."""

from __future__ import annotations

from indsats.domain.labels import CITIZEN_DUTY_DA
from indsats.services.casework.worklists import RULE_DA
from tests.web_login import login


def test_every_rule_the_caseworker_sees_has_a_plain_danish_explanation_or_is_internal():
    internal = {"regime.transition", "regime.not_covered"}
    assert set(RULE_DA) - internal <= set(CITIZEN_DUTY_DA)
    for title, why, _ in CITIZEN_DUTY_DA.values():
        assert title and why.startswith(("Loven", "Din kommune", "Integrationsloven"))
        assert "§" not in why  # words, not paragraph numbers


def test_citizen_sees_duties_with_the_reason_in_words(world_client):
    world, client = world_client
    assert login(client, "anna").headers["location"] == "/min-sag"
    page = client.get("/min-sag")
    assert page.status_code == 200
    text = page.text
    assert "Det skal du gøre" in text and "Læg dit CV ind" in text
    assert "Søg job og skriv det i din joblog (0 af 4 denne måned)" in text
    assert "Hvorfor: Loven om en aktiv beskæftigelsesindsats" in text
    assert "Hvis du ikke gør det:" in text
    assert "Frister, der gælder for dig" in text and "Dine næste samtaler" in text


def test_staff_cannot_open_the_citizens_own_page(world_client):
    _, client = world_client
    login(client, "mette")
    assert client.get("/min-sag").status_code == 403
