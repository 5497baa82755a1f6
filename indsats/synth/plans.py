"""Min Plan: a goal and agreed activities in Danish for each active citizen, by target group."""

from __future__ import annotations

import random

GOALS: dict[str, tuple[str, ...]] = {
    "ub": ("Job inden for mit fag", "Ordinært job på fuld tid", "Job i en ny branche efter opkvalificering"),
    "cash_jr": ("Ordinære timer på en virksomhed", "Job inden for lager og logistik", "Job i detailhandlen"),
    "cash_ar": ("Afklaring af arbejdsevne", "Flere timer i virksomhedspraktik", "Stabil hverdag og første skridt mod job"),
    "edu_er": ("Start på en erhvervsuddannelse til august", "Optagelse på HF", "Forberedende grunduddannelse (FGU)"),
    "edu_oer": ("Start på uddannelse ved næste studiestart", "Gennemføre den påbegyndte uddannelse"),
    "edu_ar": ("Afklaring af uddannelsesvej med mentor", "Forberedende grunduddannelse (FGU)"),
    "sick": ("Tilbage til eget job", "Delvis raskmelding og gradvis optrapning", "Fastholdelse på arbejdspladsen"),
    "jc": ("Afklaring af helbred og arbejdsevne", "Tilbage til arbejdsmarkedet i tilpasset job"),
    "rp": ("Udvikling af arbejdsevne i tværfagligt forløb", "Afklaring mod fleksjob"),
    "fwb": ("Fleksjob på en lokal virksomhed", "Fleksjob med få ugentlige timer"),
    "rehab": ("Gennemføre omskoling til nyt fag", "Job efter endt uddannelse"),
    "integ": ("Job via virksomhedspraktik og IGU", "Danskuddannelse og job", "Ordinært job inden for to år"),
}
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "ub": ("Søge mindst fem job om ugen", "Opdatere CV på Jobnet", "Jobklub hver tirsdag",
           "Virksomhedspraktik", "Jobsamtale med a-kassen"),
    "cash_jr": ("Nytteindsats", "Jobsøgningskursus", "Virksomhedspraktik", "Opdatere CV på Jobnet"),
    "cash_ar": ("Mentorstøtte", "Virksomhedspraktik få timer om ugen", "Samtale med misbrugskonsulent",
                "Motion og sundhedsforløb"),
    "edu_er": ("Brobygningsforløb", "Vejledning hos UU", "Praktik i ønskebranche"),
    "edu_oer": ("Nytteindsats indtil studiestart", "Ansøgning om optagelse"),
    "edu_ar": ("Mentorstøtte", "Afklaringsforløb", "Samtale med psykolog"),
    "sick": ("Delvis raskmelding", "Samtale med arbejdsgiver om fastholdelse", "Fysioterapi"),
    "jc": ("Rehabiliteringsteam", "Arbejdsprøvning", "Mentorstøtte"),
    "rp": ("Rehabiliteringsteam", "Mentorstøtte", "Virksomhedspraktik med skånehensyn"),
    "fwb": ("Jobsøgning på fleksjobbasen", "Virksomhedspraktik", "Fleksjobambassadør"),
    "rehab": ("Uddannelse", "Praktik i uddannelsen"),
    "integ": ("Danskuddannelse", "Virksomhedspraktik", "IGU-forløb", "Mentorstøtte"),
}


def plan_text(rng: random.Random, track: str) -> tuple[str, list[str]]:
    goal = rng.choice(GOALS[track])
    options = ACTIVITIES[track]
    return goal, rng.sample(options, min(len(options), rng.randint(2, 3)))
