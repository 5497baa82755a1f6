"""Rows every hand-made test world starts from: the two seed municipalities and a team."""

from __future__ import annotations

from collections.abc import Sequence

from indsats.store.tables import MunicipalityRow, TeamRow


def add_seed_municipalities(s) -> None:
    """Frederikssund (250) and Hedensted (766), flushed."""
    s.add_all([MunicipalityRow(code="250", name="Frederikssund"), MunicipalityRow(code="766", name="Hedensted")])
    s.flush()


def add_team(s, name: str, municipality_code: str = "250", target_groups: Sequence[str] = ()) -> TeamRow:
    """A team, flushed so its id is known."""
    team = TeamRow(name=name, municipality_code=municipality_code, target_groups=list(target_groups))
    s.add(team)
    s.flush()
    return team
