"""Danish labels for the enums, as the UI and reports show them."""

from __future__ import annotations

from .enums import Benefit, ConversationKind, ConversationStatus, OfferType, Readiness, Role

BENEFIT_DA: dict[str, str] = {
    Benefit.UNEMPLOYMENT_BENEFIT: "A-dagpenge",
    Benefit.CASH_BENEFIT: "Kontanthjælp",
    Benefit.EDUCATION_BENEFIT: "Uddannelseshjælp",
    Benefit.SICKNESS_BENEFIT: "Sygedagpenge",
    Benefit.JOB_CLARIFICATION: "Jobafklaringsforløb",
    Benefit.RESOURCE_PROGRAMME: "Ressourceforløb",
    Benefit.FLEXJOB_WAITING_BENEFIT: "Ledighedsydelse",
    Benefit.REHABILITATION: "Revalidering",
    Benefit.INTEGRATION_BENEFIT: "Selvforsørgelses- og hjemrejseydelse",
    Benefit.FLEXJOB: "Fleksjob",
    Benefit.DISABILITY_PENSION: "Førtidspension",
    Benefit.EARLY_RETIREMENT: "Efterløn",
    Benefit.LEAVE: "Orlov / SU",
}

READINESS_DA: dict[str, str] = {
    Readiness.JOB_READY: "Jobparat",
    Readiness.ACTIVITY_READY: "Aktivitetsparat",
    Readiness.EDUCATION_READY: "Uddannelsesparat",
    Readiness.OBVIOUSLY_EDUCATION_READY: "Åbenlyst uddannelsesparat",
}

OFFER_DA: dict[str, str] = {
    OfferType.COMPANY_INTERNSHIP: "Virksomhedspraktik",
    OfferType.WAGE_SUBSIDY: "Løntilskud",
    OfferType.UTILITY_WORK: "Nytteindsats",
    OfferType.GUIDANCE_AND_UPSKILLING: "Vejledning og opkvalificering",
    OfferType.MENTOR: "Mentorstøtte",
    OfferType.JOB_ROTATION: "Jobrotation",
    OfferType.ADULT_APPRENTICE: "Voksenlærling",
    OfferType.SMALL_JOB: "Småjob",
    OfferType.INTEGRATION_BASIC_EDUCATION: "IGU",
}

CONVERSATION_KIND_DA = {ConversationKind.INDIVIDUAL: "Jobsamtale", ConversationKind.JOINT: "Fællessamtale"}
CONVERSATION_STATUS_DA = {
    ConversationStatus.BOOKED: "Booket",
    ConversationStatus.HELD: "Afholdt",
    ConversationStatus.CANCELLED: "Aflyst",
    ConversationStatus.NO_SHOW: "Udeblevet",
}
ROLE_DA = {
    Role.CASEWORKER: "Sagsbehandler",
    Role.TEAM_LEADER: "Teamleder",
    Role.COMPANY_CONSULTANT: "Virksomhedskonsulent",
    Role.MANAGER: "Leder",
    Role.CITIZEN: "Borger",
    Role.COMPANY: "Virksomhed",
}

#: Language codes (as profiles and job orders store them) to Danish names; ``matching.text.language_code``
#: reads the names back.
LANGUAGE_DA = {
    "da": "dansk", "en": "engelsk", "de": "tysk", "sv": "svensk", "no": "norsk", "pl": "polsk", "ar": "arabisk",
    "tr": "tyrkisk", "fr": "fransk", "es": "spansk", "uk": "ukrainsk", "ro": "rumænsk", "lt": "litauisk",
    "so": "somali", "fa": "persisk", "ur": "urdu", "ti": "tigrinya", "ru": "russisk",
}


def label(mapping: dict[str, str], value: str | None) -> str:
    if value is None or value == "":
        return ""
    return mapping.get(value, value)
