"""Danish labels for the enums, as the UI and reports show them."""

from __future__ import annotations

import re

from .enums import Benefit, ConversationKind, ConversationStatus, Department, OfferType, Readiness, Role

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
    Role.PARTICIPANT: "Tværfaglig deltager",
}

DEPARTMENT_DA = {
    Department.EMPLOYMENT: "Beskæftigelse",
    Department.SOCIAL: "Socialområdet",
    Department.HEALTH: "Sundhedsområdet",
    Department.YOUTH: "Børn og unge",
}

#: Language codes (as profiles and job orders store them) to Danish names; ``matching.text.language_code``
#: reads the names back.
LANGUAGE_DA = {
    "da": "dansk", "en": "engelsk", "de": "tysk", "sv": "svensk", "no": "norsk", "pl": "polsk", "ar": "arabisk",
    "tr": "tyrkisk", "fr": "fransk", "es": "spansk", "uk": "ukrainsk", "ro": "rumænsk", "lt": "litauisk",
    "so": "somali", "fa": "persisk", "ur": "urdu", "ti": "tigrinya", "ru": "russisk",
}


_INTERNAL_REFERENCE = re.compile(r"\s*\((?:jf\. |se )?(?:seeds|docs)/[^)]*\)"
                                 r"|(?:\s+(?:i|jf\.|se|fra))?\s*\b(?:seeds/\d+[\w.]*|docs/[\w./-]+\.md):?")


def for_users(text: str | None) -> str:
    """A source or note without the project's internal references (``seeds/003``, ``docs/KPIS.md``):
    those name files in the repository, not anything a caseworker or citizen can look up."""
    if not text:
        return ""
    return re.sub(r"\s{2,}", " ", _INTERNAL_REFERENCE.sub("", text)).strip(" :;,")


def label(mapping: dict[str, str], value: str | None) -> str:
    if value is None or value == "":
        return ""
    return mapping.get(value, value)


#: The citizen's duties in plain Danish, one home per rule of the law engine: what happens, why (the
#: legal source in words) and what happens if the citizen does not take part. The rule keys are the
#: engine's (``indsats.law.rules``); the citizen's page (``services.citizen.duties``) reads only this.
SANCTION_DA = ("Hvis du ikke møder op og ikke har en rimelig grund, kan jobcentret eller a-kassen "
               "trække i din ydelse. Kan du ikke komme, så skriv til jobcentret i god tid.")
FUND_SANCTION_DA = ("Hvis du ikke møder op og ikke har en rimelig grund, kan din a-kasse stoppe dine "
                    "dagpenge, indtil du igen har kontakt.")
CITIZEN_DUTY_DA: dict[str, tuple[str, str, str]] = {
    "contact.first_conversation": (
        "Din første samtale med jobcentret",
        "Loven om en aktiv beskæftigelsesindsats siger, at du skal have en samtale med jobcentret kort tid "
        "efter, du er blevet ledig, så I sammen kan lægge en plan.", SANCTION_DA),
    "contact.first_six_months": (
        "Jobsamtaler de første seks måneder",
        "Loven om en aktiv beskæftigelsesindsats siger, at du skal have jævnlige samtaler om job i dine "
        "første seks måneder som ledig.", SANCTION_DA),
    "contact.joint_1": (
        "Fællessamtale med jobcentret og din a-kasse",
        "Loven siger, at jobcentret og din a-kasse skal holde en samtale sammen med dig i starten af din "
        "ledighed.", FUND_SANCTION_DA),
    "contact.joint_2": (
        "Endnu en fællessamtale med jobcentret og din a-kasse",
        "Loven siger, at jobcentret og din a-kasse skal holde endnu en samtale sammen med dig senere i din "
        "ledighed.", FUND_SANCTION_DA),
    "contact.joint_16_months": (
        "Fællessamtale efter 16 måneders ledighed",
        "Loven siger, at du skal have en samtale med jobcentret og din a-kasse, når du har været ledig i "
        "16 måneder, før din dagpengeperiode slutter.", FUND_SANCTION_DA),
    "contact.requested": (
        "Den samtale, du har bedt om",
        "Loven giver dig ret til en samtale med jobcentret, når du selv beder om det.", ""),
    "contact.fund_first_conversation": (
        "Din første samtale med a-kassen",
        "Loven siger, at din a-kasse skal holde en samtale med dig kort tid efter, du er blevet ledig.",
        FUND_SANCTION_DA),
    "contact.fund_first_three_months": (
        "Samtaler med a-kassen de første tre måneder",
        "Loven siger, at din a-kasse skal holde samtaler med dig i dine første tre måneder som ledig.",
        FUND_SANCTION_DA),
    "offer.right_and_duty": (
        "Tilbud om aktivering (ret og pligt)",
        "Loven siger, at du både har ret og pligt til et tilbud, f.eks. praktik eller løntilskud, når du har "
        "været ledig et vist stykke tid.", SANCTION_DA),
    "offer.education_benefit": (
        "Tilbud mens du får uddannelseshjælp",
        "Loven siger, at du skal have et tilbud, der hjælper dig i gang med uddannelse eller job, så længe "
        "du får uddannelseshjælp.", SANCTION_DA),
    "offer.work_obligation": (
        "Arbejdspligt",
        "Loven om kontanthjælp siger, at du skal arbejde for din ydelse i op til 37 timer om ugen.",
        SANCTION_DA),
    "sickness.first_followup": (
        "Din første opfølgningssamtale under sygdom",
        "Loven om sygedagpenge siger, at kommunen skal tale med dig senest i uge 8 af din sygemelding.",
        "Hvis du ikke deltager uden en rimelig grund, kan kommunen stoppe dine sygedagpenge."),
    "sickness.early_followup": (
        "Tidlig opfølgning under sygdom",
        "Loven om sygedagpenge giver dig ret til at få en samtale tidligt, når du eller din arbejdsgiver "
        "beder om det.", ""),
    "sickness.followups_first_half_year": (
        "Opfølgningssamtaler det første halve år under sygdom",
        "Loven om sygedagpenge siger, at kommunen skal følge op på din sygemelding jævnligt det første "
        "halve år.", "Hvis du ikke deltager uden en rimelig grund, kan kommunen stoppe dine sygedagpenge."),
    "sickness.followup_every_4_weeks": (
        "Opfølgningssamtale hver fjerde uge",
        "Loven om sygedagpenge siger, at kommunen skal følge op på din sag mindst hver fjerde uge.",
        "Hvis du ikke deltager uden en rimelig grund, kan kommunen stoppe dine sygedagpenge."),
    "sickness.category_1_past_8_weeks": (
        "Ny vurdering af din sygemelding",
        "Loven om sygedagpenge siger, at kommunen skal se på din sag igen, når du har været syg længere, "
        "end man forventede.", ""),
    "sickness.reassessment": (
        "Vurdering af om dine sygedagpenge kan forlænges",
        "Loven om sygedagpenge siger, at kommunen skal vurdere din sag, før du har været syg i 22 uger.", ""),
    "integration.first_offer": (
        "Dit første tilbud i integrationsprogrammet",
        "Integrationsloven siger, at du skal have et tilbud hurtigt, efter du er kommet ind i programmet.",
        SANCTION_DA),
    "local.contact_rhythm": (
        "Samtaler efter kommunens egen plan",
        "Din kommune har besluttet at holde samtaler med dig oftere, end loven kræver. Det står i kommunens "
        "beskæftigelsesplan.", SANCTION_DA),
}
