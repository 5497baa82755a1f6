"""Municipality profiles: the calibrated defaults for each synthetic municipality.

Frederikssund (250) is calibrated to seed 001 (Beskæftigelsesplan 2014): about 1,170
gross unemployed, 348 long-term unemployed, 678 under-30s on public support and 41
new disability pensions a year. Hedensted (766) is a second, smaller build with the
same mechanics and lower unemployment (seed 002 describes it). docs/SYNTH.md shows
how close the generated figures come.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .tracks import EntryMix


@dataclass(frozen=True, slots=True)
class Postcode:
    code: str
    city: str
    weight: float


@dataclass(frozen=True, slots=True)
class TeamSpec:
    """A competence group (kompetencegruppe) and the tracks whose citizens it serves."""

    name: str
    target_groups: tuple[str, ...]  # benefit names, as stored on the team
    tracks: tuple[str, ...]  # generator tracks assigned to it
    caseload: int  # active citizens per caseworker


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("Jobparate", ("unemployment_benefit", "cash_benefit"), ("ub", "cash_jr"), 110),
    TeamSpec("Aktivitetsparate", ("cash_benefit",), ("cash_ar",), 55),
    TeamSpec("Unge", ("education_benefit",), ("edu_er", "edu_oer", "edu_ar"), 60),
    TeamSpec("Sygedagpenge", ("sickness_benefit", "job_clarification"), ("sick", "jc"), 70),
    TeamSpec("Fleksjob og ressourceforløb",
             ("resource_programme", "flexjob_waiting_benefit", "rehabilitation", "flexjob"),
             ("rp", "fwb", "rehab"), 50),
    TeamSpec("Integration", ("integration_benefit",), ("integ",), 45),
)
COMPANY_TEAM = "Virksomhedsservice"


@dataclass(frozen=True, slots=True)
class MunicipalityProfile:
    code: str
    name: str
    postcodes: tuple[Postcode, ...]
    default_citizens: int
    mix: EntryMix
    companies_per_citizen: float = 0.09
    contact_rate: float = 1.0  # company contacts per company and year (mean)
    timeliness: float = 0.9  # share of conversations held within their deadline
    extra: dict = field(default_factory=dict)

    def scaled(self, citizens: int) -> MunicipalityProfile:
        return replace(self, default_citizens=citizens)


FREDERIKSSUND_MIX = EntryMix(
    flow={
        "ub": 0.306, "cash_jr": 0.060, "cash_ar": 0.036, "edu_er": 0.054, "edu_oer": 0.025,
        "edu_ar": 0.013, "sick": 0.340, "jc": 0.006, "rp": 0.007, "fwb": 0.006, "rehab": 0.004,
        "integ": 0.010,
    },
    stock={"flexjob": 0.032, "dp": 0.104},
)

FREDERIKSSUND = MunicipalityProfile(
    code="250",
    name="Frederikssund",
    postcodes=(
        Postcode("3600", "Frederikssund", 0.52),
        Postcode("3630", "Jægerspris", 0.16),
        Postcode("3550", "Slangerup", 0.20),
        Postcode("4050", "Skibby", 0.12),
    ),
    default_citizens=14_000,
    mix=FREDERIKSSUND_MIX,
    timeliness=0.9,
)

HEDENSTED = MunicipalityProfile(
    code="766",
    name="Hedensted",
    postcodes=(
        Postcode("8722", "Hedensted", 0.30),
        Postcode("7130", "Juelsminde", 0.14),
        Postcode("7160", "Tørring", 0.12),
        Postcode("8723", "Løsning", 0.14),
        Postcode("7171", "Uldum", 0.07),
        Postcode("7140", "Stouby", 0.06),
        Postcode("7150", "Barrit", 0.04),
        Postcode("8781", "Stenderup", 0.04),
        Postcode("8783", "Hornsyld", 0.05),
        Postcode("8763", "Rask Mølle", 0.04),
    ),
    default_citizens=8_000,
    mix=FREDERIKSSUND_MIX,
    timeliness=0.95,
)

PROFILES: dict[str, MunicipalityProfile] = {p.code: p for p in (FREDERIKSSUND, HEDENSTED)}
