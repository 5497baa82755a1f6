"""The measures a result goal (resultatmål) can be set on.

Each measure has one definition, written in docs/KPIS.md. ``source`` says where the
figure comes from: ``panel`` (the weekly benefit panel, contracts/kpis.md), ``store``
(the jobcenter's own case and company records) or ``external`` (figures the
municipality loads from jobindsats.dk or the regional council; not computed here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    label_da: str
    unit: str  # persons | fte | share | count | kr
    source: str  # panel | store | external
    definition: str


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in [
        Measure("public_support_persons", "Personer på offentlig forsørgelse", "persons", "panel",
                "Personer med en ydelse i ugen."),
        Measure("public_support_fte", "Fuldtidspersoner på offentlig forsørgelse", "fte", "panel",
                "Uger på ydelse over det seneste år ÷ 52."),
        Measure("gross_unemployed", "Bruttoledige", "persons", "panel",
                "Dagpengemodtagere, jobparate kontanthjælpsmodtagere og uddannelsesparate "
                "uddannelseshjælpsmodtagere i ugen, med eller uden tilbud."),
        Measure("long_term_unemployed", "Langtidsledige", "persons", "panel",
                "Bruttoledige i ugen, som har været bruttoledige i mindst 42 af årets 52 uger."),
        Measure("youth_on_public_support", "Unge under 30 år på offentlig forsørgelse", "persons", "panel",
                "Personer under 30 år mandag i ugen med en ydelse i ugen."),
        Measure("disability_pension_inflow", "Tilgang til førtidspension (rullende år)", "persons", "panel",
                "Personer hvis første uge på førtidspension ligger i året."),
        Measure("new_flexjobs", "Nye fleksjob (rullende år)", "persons", "panel",
                "Personer med et fleksjobforløb, der starter i året."),
        Measure("activation_rate", "Aktiveringsgrad", "share", "panel",
                "Uger i tilbud ÷ alle uger på dagpenge, kontanthjælp eller uddannelseshjælp i året."),
        Measure("company_activation_share", "Andel virksomhedsrettet aktivering", "share", "panel",
                "Uger i virksomhedsrettet tilbud ÷ uger i tilbud i året."),
        Measure("timeliness", "Rettidighed", "share", "store",
                "Forpligtelser opfyldt rettidigt ÷ forpligtelser med frist i perioden (lovmotoren)."),
        Measure("conversations_held", "Afholdte samtaler", "count", "store",
                "Antal afholdte jobsamtaler og fællessamtaler i perioden."),
        Measure("company_contacts", "Virksomhedskontakter", "count", "store",
                "Antal registrerede virksomhedskontakter i perioden."),
        Measure("jobs_filled", "Ordinære job besat med jobcentrets medvirken", "count", "store",
                "Antal ordinære jobordrer med status besat i perioden."),
        Measure("cooperation_rate", "Samarbejdsgrad", "share", "store",
                "Virksomheder med mindst én ansat og en kontakt om en ordning i året ÷ alle "
                "virksomheder med mindst én ansat."),
        Measure("expenditure_per_labour_force_person", "Offentlige udgifter pr. person i arbejdsstyrken",
                "kr", "external",
                "Udgifter til forsørgelsesydelser ÷ personer i arbejdsstyrken (jobindsats.dk)."),
        Measure("youth_in_education_share", "Andel af en årgang i ungdomsuddannelse", "share", "external",
                "Andel af en årgang i gang med en ungdomsuddannelse 15 måneder efter 9. klasse."),
    ]
}

PANEL_MEASURES = frozenset(k for k, m in MEASURES.items() if m.source == "panel")
