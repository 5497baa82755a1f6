"""Teams (kompetencegrupper) and caseworkers with Danish names and initials.

Team sizes follow the expected number of active citizens per team and the team's
caseload; every team has at least two caseworkers, and the company service
(Virksomhedsservice) has one consultant per 80 companies, at least two.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from indsats.domain.models import Caseworker, Team

from .identity import initials, person_name
from .profiles import COMPANY_TEAM, TEAMS, MunicipalityProfile

#: active citizens of a team per generated citizen (measured on the Frederikssund default)
ACTIVE_SHARE = {"Jobparate": 0.071, "Aktivitetsparate": 0.034, "Unge": 0.018, "Sygedagpenge": 0.039,
                "Fleksjob og ressourceforløb": 0.016, "Integration": 0.005}


@dataclass(slots=True)
class Staff:
    teams: list[Team]
    caseworkers: list[Caseworker]
    by_track: dict[str, list[int]]  # track name -> caseworker ids of the team serving it
    consultants: list[int]  # company consultants' caseworker ids


def build_staff(rng: random.Random, profile: MunicipalityProfile, citizens: int,
                companies: int, team_id0: int, caseworker_id0: int) -> Staff:
    teams: list[Team] = []
    caseworkers: list[Caseworker] = []
    by_track: dict[str, list[int]] = {}
    taken: set[str] = set()
    team_id, cw_id = team_id0, caseworker_id0

    def hire(team: Team, count: int) -> list[int]:
        nonlocal cw_id
        ids = []
        for _ in range(count):
            first, last = person_name(rng, rng.random() < 0.7)
            cw_id += 1
            caseworkers.append(Caseworker(cw_id, f"{first} {last}", initials(first, last, taken),
                                          team.id, profile.code))
            ids.append(cw_id)
        return ids

    for spec in TEAMS:
        team_id += 1
        team = Team(team_id, spec.name, profile.code, list(spec.target_groups))
        teams.append(team)
        count = max(2, math.ceil(citizens * ACTIVE_SHARE.get(spec.name, 0.02) / spec.caseload))
        ids = hire(team, count)
        for track in spec.tracks:
            by_track[track] = ids
    team_id += 1
    company_team = Team(team_id, COMPANY_TEAM, profile.code, [])
    teams.append(company_team)
    consultants = hire(company_team, max(2, math.ceil(companies / 80)))
    return Staff(teams, caseworkers, by_track, consultants)
