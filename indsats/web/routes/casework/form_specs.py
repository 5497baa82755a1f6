"""The case page's registration forms: title, fields and Danish labels per kind (``registration_forms``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from indsats.domain.enums import Benefit, ConversationKind, ConversationStatus, OfferType, Readiness
from indsats.domain.labels import (
    BENEFIT_DA,
    CONVERSATION_KIND_DA,
    CONVERSATION_STATUS_DA,
    OFFER_DA,
    READINESS_DA,
)
from indsats.services.casework.registration_forms import EXEMPTION_REASON_DA


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str = "text"  # date, select, text, textarea, checkbox, number
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    hint: str = ""
    attrs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FormSpec:
    kind: str
    title: str
    button: str
    fields: tuple[Field, ...]
    done: str  # the message after a successful registration


def _options(mapping: dict, values) -> tuple[tuple[str, str], ...]:
    return tuple((v.value, mapping[v]) for v in values)


BENEFITS = _options(BENEFIT_DA, [b for b in Benefit if b not in (Benefit.FLEXJOB, Benefit.DISABILITY_PENSION,
                                                                Benefit.EARLY_RETIREMENT, Benefit.LEAVE)])
READINESS = _options(READINESS_DA, Readiness)
NO_READINESS = (("", "Ingen visitation"),)
CATEGORIES = (("1", "Kategori 1"), ("2", "Kategori 2"), ("3", "Kategori 3"))
NO_CATEGORY = (("", "Ikke sygedagpenge"),)

SPECS: dict[str, FormSpec] = {s.kind: s for s in (
    FormSpec("appointment", "Book møde", "Book mødet", (
        Field("date", "Dato", "date", required=True),
        Field("time", "Klokkeslæt", "time", required=True, attrs={"step": 900}, hint="Hele kvarterer, fx 09:30."),
        Field("minutes", "Varighed", "select", (("30", "30 minutter"), ("15", "15 minutter"), ("45", "45 minutter"),
                                                ("60", "1 time"), ("90", "1½ time"))),
        Field("channel", "Form", "select", (("attendance", "Fremmøde"), ("phone", "Telefon"), ("video", "Video"))),
        Field("place", "Sted, telefonnummer eller link", "text", attrs={"maxlength": 200}),
        Field("purpose", "Formål (står i indkaldelsen)", "textarea", required=True, attrs={"maxlength": 1000}),
    ), "Mødet er booket. Indkaldelsen kan hentes som PDF under «Møder»."),
    FormSpec("readiness_change", "Visitation", "Gem visitation", (
        Field("date", "Dato", "date", required=True),
        Field("readiness", "Parathed", "select", READINESS, required=True),
        Field("reasoning", "Kort begrundelse", "textarea", required=True, attrs={"maxlength": 1000}),
    ), "Visitationen er registreret."),
    FormSpec("benefit_start", "Start på ydelse", "Gem start", (
        Field("date", "Første dag på ydelsen", "date", required=True),
        Field("benefit", "Ydelse", "select", BENEFITS, required=True),
        Field("readiness", "Visitation", "select", NO_READINESS + READINESS),
        Field("sickness_category", "Opfølgningskategori (sygedagpenge)", "select", NO_CATEGORY + CATEGORIES),
    ), "Starten på ydelsen er registreret."),
    FormSpec("benefit_change", "Ydelsesskift", "Gem ydelsesskift", (
        Field("date", "Første dag på den nye ydelse", "date", required=True),
        Field("benefit", "Ny ydelse", "select", BENEFITS, required=True),
        Field("readiness", "Visitation", "select", NO_READINESS + READINESS),
        Field("sickness_category", "Opfølgningskategori (sygedagpenge)", "select", NO_CATEGORY + CATEGORIES),
        Field("reasoning", "Begrundelse", "textarea", attrs={"maxlength": 1000}),
    ), "Ydelsesskiftet er registreret."),
    FormSpec("benefit_end", "Ophør af ydelse", "Gem ophør", (
        Field("date", "Første dag uden ydelsen", "date", required=True),
        Field("reasoning", "Begrundelse", "textarea", attrs={"maxlength": 1000}),
    ), "Ophøret er registreret."),
    FormSpec("sickness", "Sygemelding og opfølgningskategori", "Gem sygemelding", (
        Field("step", "Hvad registreres", "select", (("first_day", "Første fraværsdag"),
                                                     ("category_change", "Ny opfølgningskategori"))),
        Field("date", "Dato", "date", required=True),
        Field("category", "Kategori", "select", CATEGORIES, required=True),
        Field("employed", "I ansættelsesforhold", "checkbox"),
        Field("expected_under_26_weeks", "Forventet fravær under 26 uger", "checkbox",
              hint="Forventer både den ansatte og arbejdsgiveren under 26 ugers fravær, holder kommunen fra 1. juli "
                   "2026 som udgangspunkt ingen opfølgningssamtaler (lov nr. 1750 af 29.12.2025)."),
    ), "Sygemeldingen er registreret."),
    FormSpec("sickness_party", "Arbejdsgiver eller læge som part", "Gem part", (
        Field("party", "Part", "select", (("employer", "Arbejdsgiver"), ("doctor", "Læge")), required=True),
        Field("date", "Fra", "date", required=True),
        Field("name", "Navn", "text", required=True, attrs={"maxlength": 200}),
        Field("company_cvr", "CVR-nr. (arbejdsgiver)", "text", attrs={"inputmode": "numeric", "maxlength": 8}),
        Field("contact", "Kontaktperson, telefon eller klinik", "text", attrs={"maxlength": 200}),
    ), "Parten er registreret."),
    FormSpec("partial_return", "Delvis raskmelding", "Gem delvis raskmelding", (
        Field("date", "Fra", "date", required=True),
        Field("hours_per_week", "Timer pr. uge", "number", required=True, attrs={"min": 0.5, "max": 37, "step": 0.5}),
        Field("note", "Note", "text", attrs={"maxlength": 1000}),
    ), "Den delvise raskmelding er registreret."),
    FormSpec("retention_plan", "Fastholdelsesplan (§ 7 a)", "Gem fastholdelsesplan", (
        Field("date", "Dato", "date", required=True),
        Field("content", "Planens indhold (arbejdsgiverens og den ansattes aftale)", "textarea", required=True,
              attrs={"maxlength": 4000}),
    ), "Fastholdelsesplanen er registreret."),
    FormSpec("fast_track", "Fast track på arbejdsgiverens anmodning (§ 7 b)", "Gem anmodning", (
        Field("date", "Anmodningens dato", "date", required=True,
              hint="Første opfølgningssamtale skal holdes senest 2 uger efter anmodningen (§ 13 b, stk. 2)."),
        Field("note", "Note", "text", attrs={"maxlength": 1000}),
    ), "Anmodningen om fast track er registreret; fristen for første opfølgning er beregnet."),
    FormSpec("sick_return", "Raskmelding og udfald", "Gem raskmelding", (
        Field("date", "Første dag uden sygedagpenge", "date", required=True),
        Field("outcome", "Hvor gik borgeren hen", "select", (("same_workplace", "Tilbage på samme arbejdsplads"),
                                                             ("other_work", "Andet arbejde"),
                                                             ("not_working", "Ikke i arbejde")), required=True),
        Field("note", "Note", "text", attrs={"maxlength": 1000}),
    ), "Raskmeldingen er registreret, og sygedagpengene er afsluttet."),
    FormSpec("first_contact", "Første henvendelse", "Gem henvendelse", (
        Field("date", "Dato", "date", required=True),
        Field("note", "Note", "text", attrs={"maxlength": 1000}),
    ), "Den første henvendelse er registreret."),
    FormSpec("exemption", "Fritagelse", "Gem fritagelse", (
        Field("reason", "Grund", "select", tuple((k.value, v) for k, v in EXEMPTION_REASON_DA.items()),
              required=True),
        Field("date", "Fra", "date", required=True),
        Field("end", "Til (første dag uden fritagelse)", "date", hint="Tom, hvis slutdatoen ikke kendes."),
        Field("note", "Note", "text", attrs={"maxlength": 1000}),
    ), "Fritagelsen er registreret."),
    FormSpec("work_start", "Start på arbejde eller uddannelse", "Gem start", (
        Field("work", "Hvad", "select", (("work", "Ordinært arbejde"), ("education", "Uddannelse"))),
        Field("date", "Første dag", "date", required=True),
        Field("end", "Sidste dag + 1 (hvis kendt)", "date"),
        Field("note", "Note", "text", attrs={"maxlength": 500}),
    ), "Starten er registreret."),
    FormSpec("conversation_request", "Borgeren beder om en samtale", "Gem ønsket", (
        Field("date", "Dato", "date", required=True),
        Field("wish", "Borgerens egne ord", "textarea", attrs={"maxlength": 1000}),
    ), "Borgerens ønske om en samtale er registreret."),
    FormSpec("quota_exemption", "Undtagelse inden for 25 %-kvoten", "Gem undtagelse", (
        Field("date", "Dato", "date", required=True),
        Field("scope", "Omfang", "select", (("all", "Samtaler og tilbud"), ("conversations", "Kun samtaler"),
                                            ("offer", "Kun tilbud"))),
        Field("by", "Undtaget af", "select", (("municipality", "Kommunen"), ("fund", "A-kassen"))),
        Field("reason", "Begrundelse (konkret vurdering)", "textarea", required=True, attrs={"maxlength": 1000}),
    ), "Undtagelsen er registreret."),
    FormSpec("work_obligation", "Arbejdspligt", "Gem arbejdspligt", (
        Field("date", "Fra", "date", required=True),
        Field("end", "Til (første dag uden)", "date"),
    ), "Arbejdspligten er registreret."),
    FormSpec("conversation", "Samtale", "Gem samtale", (
        Field("date", "Dato", "date", required=True),
        Field("conversation_kind", "Type", "select", _options(CONVERSATION_KIND_DA, ConversationKind)),
        Field("status", "Status", "select", _options(CONVERSATION_STATUS_DA, [
            ConversationStatus.HELD, ConversationStatus.BOOKED, ConversationStatus.NO_SHOW,
            ConversationStatus.CANCELLED])),
        Field("note", "Note", "textarea", attrs={"maxlength": 4000}),
    ), "Samtalen er registreret."),
    FormSpec("offer", "Tilbud", "Gem tilbud", (
        Field("offer_type", "Tilbud", "select", _options(OFFER_DA, [
            o for o in OfferType if o != OfferType.INTEGRATION_BASIC_EDUCATION]), required=True),
        Field("date", "Start", "date", required=True),
        Field("end", "Slut (første dag efter)", "date"),
        Field("hours_per_week", "Timer pr. uge", "number", required=True,
              attrs={"min": 0, "max": 60, "step": 0.5}),
        Field("company_cvr", "CVR-nr. (virksomhed)", "text", attrs={"inputmode": "numeric", "maxlength": 8}),
    ), "Tilbuddet er registreret."),
)}

#: The order on the case page: the daily ones first.
ORDER = ("appointment", "conversation", "readiness_change", "offer", "exemption", "benefit_change", "benefit_start",
         "benefit_end", "sickness", "sickness_party", "partial_return", "retention_plan", "fast_track", "sick_return",
         "first_contact", "work_start", "conversation_request", "quota_exemption",
         "work_obligation")


def offer_spec(palette) -> FormSpec:
    """The offer form for one citizen: the plan's palette for their target group first, in the plan's order,
    and a reason field for an offer outside it (``services.steering.offer_palette``)."""
    base = SPECS["offer"]
    if palette is None or not palette.offers:
        return base
    first, rest = base.fields[0], base.fields[1:]
    listed = dict(first.options)
    ordered = [(key, f"{n}. {label} (planens tilbudsvifte)") for n, (key, label, _) in enumerate(palette.offers, 1)
               if key in listed]
    shown = {key for key, _ in ordered}
    options = tuple(ordered) + tuple((k, v) for k, v in first.options if k not in shown)
    hint = f"Planens tilbudsvifte for {palette.label}: " + ", ".join(
        f"{n}. {label}" + (f" ({note})" if note else "") for n, (_, label, note) in enumerate(palette.offers, 1))
    reason = Field("palette_reason", "Begrundelse, hvis tilbuddet ligger uden for planens tilbudsvifte", "textarea",
                   attrs={"maxlength": 4000})
    return replace(base, fields=(replace(first, options=options, hint=hint), *rest, reason))
