"""What a caseworker registers on a case: one pydantic model per kind, shared by forms and the API.

Bounds (text lengths, categories, end after start) live here so the page and the JSON API
refuse the same input with the same Danish message; whether a date lies inside the
citizen's case needs the store and is checked by ``registrations`` (``case_dates``).
"""

from __future__ import annotations

from datetime import date as Date
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from indsats.domain.enums import Benefit, ConversationKind, ConversationStatus, OfferType, Readiness
from indsats.domain.formatting import tal


class ExemptionReason(StrEnum):
    """Fritagelsesgrunde (LAB §§ 8–9 and the benefit acts): periods without a duty to take part."""

    MATERNITY = "maternity"  # barsel
    SICKNESS = "sickness"  # sygdom
    HOLIDAY = "holiday"  # ferie
    JOB_WITHIN_6_WEEKS = "job_within_6_weeks"  # job eller uddannelse inden for 6 uger
    CARE_OF_RELATIVE = "care_of_relative"  # pasning af syg eller døende nærtstående
    CLOSE_TO_RETIREMENT = "close_to_retirement"  # nært forestående efterløn eller folkepension
    CHILD_CARE_LEAVE = "child_care_leave"  # pasning af eget barn / børnepasningsorlov
    MILITARY_SERVICE = "military_service"  # værnepligt
    OTHER = "other"  # anden særlig grund efter konkret vurdering


EXEMPTION_REASON_DA = {
    ExemptionReason.MATERNITY: "Barsel",
    ExemptionReason.SICKNESS: "Sygdom",
    ExemptionReason.HOLIDAY: "Ferie",
    ExemptionReason.JOB_WITHIN_6_WEEKS: "Job eller uddannelse inden for 6 uger",
    ExemptionReason.CARE_OF_RELATIVE: "Pasning af syg eller døende nærtstående",
    ExemptionReason.CLOSE_TO_RETIREMENT: "Nært forestående efterløn eller folkepension",
    ExemptionReason.CHILD_CARE_LEAVE: "Pasning af eget barn (orlov)",
    ExemptionReason.MILITARY_SERVICE: "Værnepligt",
    ExemptionReason.OTHER: "Anden særlig grund (konkret vurdering)",
}


class WorkKind(StrEnum):
    WORK = "work"
    EDUCATION = "education"


class SicknessStep(StrEnum):
    FIRST_DAY = "first_day"  # sick_leave_start
    CATEGORY_CHANGE = "category_change"


class QuotaScope(StrEnum):
    CONVERSATIONS = "conversations"
    OFFER = "offer"
    ALL = "all"


class QuotaBy(StrEnum):
    MUNICIPALITY = "municipality"
    FUND = "fund"


def _after_start(value: Date | None, info: ValidationInfo) -> Date | None:
    start = info.data.get("date")
    if value is not None and start is not None and value <= start:
        raise ValueError("Slutdatoen skal ligge efter startdatoen.")
    return value


class Registration(BaseModel):
    """Base: every registration has a date (``date``) the law engine reads."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")
    kind: ClassVar[str]
    date: Date


class ReadinessChange(Registration):
    """Visitation: a (re)assessment of readiness within the same benefit."""

    kind: ClassVar[str] = "readiness_change"
    readiness: Readiness
    reasoning: str = Field(min_length=3, max_length=1000)


class BenefitStart(Registration):
    kind: ClassVar[str] = "benefit_start"
    benefit: Benefit
    readiness: Readiness | None = None
    sickness_category: int | None = Field(None, ge=1, le=3)
    reasoning: str = Field("", max_length=1000)

    @field_validator("sickness_category")
    @classmethod
    def _category_only_for_sickness(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("benefit") != Benefit.SICKNESS_BENEFIT:
            raise ValueError("Opfølgningskategori gælder kun sygedagpenge.")
        return value


class BenefitChange(BenefitStart):
    """Ydelsesskift: the current benefit ends and the new one starts the same day."""

    kind: ClassVar[str] = "benefit_change"


class BenefitEnd(Registration):
    """The citizen leaves public support; ``date`` is the first day without the benefit."""

    kind: ClassVar[str] = "benefit_end"
    reasoning: str = Field("", max_length=1000)


class Sickness(Registration):
    """The first day of absence with the follow-up category, or a new category."""

    kind: ClassVar[str] = "sickness"
    step: SicknessStep = SicknessStep.FIRST_DAY
    category: int = Field(ge=1, le=3)
    employed: bool = False
    expected_under_26_weeks: bool = False

    @field_validator("expected_under_26_weeks")
    @classmethod
    def _only_for_employees(cls, value: bool, info: ValidationInfo) -> bool:
        if value and not info.data.get("employed"):
            raise ValueError("Forventningen om under 26 ugers fravær gælder kun sygemeldte i ansættelse.")
        return value


class PartyRole(StrEnum):
    EMPLOYER = "employer"
    DOCTOR = "doctor"


class ReturnOutcome(StrEnum):
    SAME_WORKPLACE = "same_workplace"  # tilbage på samme arbejdsplads
    OTHER_WORK = "other_work"  # andet arbejde
    NOT_WORKING = "not_working"  # ikke i arbejde


class PartialReturn(Registration):
    """Delvis raskmelding: back at work ``hours_per_week`` from ``date`` while still on sick pay."""

    kind: ClassVar[str] = "partial_return"
    hours_per_week: float = Field(gt=0, le=37)
    note: str = Field("", max_length=1000)


class RetentionPlan(Registration):
    """Fastholdelsesplan (sygedagpengeloven § 7 a), made by the employer with the employee."""

    kind: ClassVar[str] = "retention_plan"
    content: str = Field(min_length=3, max_length=4000)


class FastTrack(Registration):
    """The employer's request for early follow-up (fast track, sygedagpengeloven § 7 b); the law engine
    reads it as ``early_followup_requested`` by the employer (§ 13 b, stk. 2)."""

    kind: ClassVar[str] = "fast_track"
    note: str = Field("", max_length=1000)


class SicknessParty(Registration):
    """The employer or the doctor as a party on the sick-leave case, from ``date``."""

    kind: ClassVar[str] = "sickness_party"
    party: PartyRole
    name: str = Field(min_length=2, max_length=200)
    company_cvr: str | None = Field(None, pattern=r"^\d{8}$")
    contact: str = Field("", max_length=200)


class SickReturn(Registration):
    """Raskmelding: sick pay ends on ``date`` (the first day without it) and where the citizen went."""

    kind: ClassVar[str] = "sick_return"
    outcome: ReturnOutcome
    note: str = Field("", max_length=1000)


class FirstContact(Registration):
    kind: ClassVar[str] = "first_contact"
    note: str = Field("", max_length=1000)


class Exemption(Registration):
    """Fritagelse from ``date`` up to the day before ``end`` (open when no end is known)."""

    kind: ClassVar[str] = "exemption"
    reason: ExemptionReason
    end: Date | None = None
    note: str = Field("", max_length=1000, validate_default=True)

    _end_after_start = field_validator("end")(lambda value, info: _after_start(value, info))

    @field_validator("note")
    @classmethod
    def _other_needs_a_note(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("reason") == ExemptionReason.OTHER and len(value) < 3:
            raise ValueError("Beskriv den særlige grund.")
        return value


class WorkStart(Registration):
    """Start of ordinary work or education (interrupts the unemployment)."""

    kind: ClassVar[str] = "work_start"
    work: WorkKind = WorkKind.WORK
    end: Date | None = None
    note: str = Field("", max_length=500)

    _end_after_start = field_validator("end")(lambda value, info: _after_start(value, info))


class ConversationRequest(Registration):
    """The citizen asks for a conversation; their own words are kept and shown to staff."""

    kind: ClassVar[str] = "conversation_request"
    wish: str = Field("", max_length=1000)


class QuotaExemption(Registration):
    """One of the up to 25 % exempted after a concrete judgement (from 2026-07-01)."""

    kind: ClassVar[str] = "quota_exemption"
    reason: str = Field(min_length=3, max_length=1000)
    scope: QuotaScope = QuotaScope.ALL
    by: QuotaBy = QuotaBy.MUNICIPALITY


class WorkObligation(Registration):
    """Arbejdspligt (LAB chapter 16 a) from ``date`` up to the day before ``end``."""

    kind: ClassVar[str] = "work_obligation"
    end: Date | None = None

    _end_after_start = field_validator("end")(lambda value, info: _after_start(value, info))


class Conversation(Registration):
    kind: ClassVar[str] = "conversation"
    conversation_kind: ConversationKind = ConversationKind.INDIVIDUAL
    status: ConversationStatus = ConversationStatus.HELD
    note: str = Field("", max_length=4000)


class Offer(Registration):
    """An active offer from ``date``; ``end`` is the first day after it."""

    kind: ClassVar[str] = "offer"
    offer_type: OfferType
    end: Date | None = None
    hours_per_week: float = Field(ge=0, le=60)
    company_cvr: str | None = Field(None, pattern=r"^\d{8}$")

    _end_after_start = field_validator("end")(lambda value, info: _after_start(value, info))


class Channel(StrEnum):
    ATTENDANCE = "attendance"  # fremmøde
    PHONE = "phone"
    VIDEO = "video"


class Appointment(Registration):
    """Book a meeting (jobsamtale) in a caseworker's calendar; the invitation letter follows as PDF."""

    kind: ClassVar[str] = "appointment"
    time: str = Field(pattern=r"^([01]\d|2[0-3])[:.][0-5]\d$")
    minutes: int = Field(30, ge=15, le=180)
    channel: Channel = Channel.ATTENDANCE
    place: str = Field("", max_length=200)
    purpose: str = Field(min_length=3, max_length=1000)
    caseworker_id: int | None = Field(None, ge=1, le=2**31 - 1)

    @field_validator("minutes")
    @classmethod
    def _whole_quarters(cls, value: int) -> int:
        if value % 15:
            raise ValueError("Varigheden skal være hele kvarterer (15, 30, 45 … minutter).")
        return value


KINDS: dict[str, type[Registration]] = {
    model.kind: model
    for model in (ReadinessChange, BenefitStart, BenefitChange, BenefitEnd, Sickness, FirstContact, Exemption,
                  WorkStart, ConversationRequest, QuotaExemption, WorkObligation, Conversation, Offer, Appointment,
                  PartialReturn, RetentionPlan, FastTrack, SicknessParty, SickReturn)
}

_MESSAGES = {
    "missing": "Udfyld feltet.",
    "date_from_datetime_parsing": "Skriv en gyldig dato.",
    "date_parsing": "Skriv en gyldig dato.",
    "date_type": "Skriv en gyldig dato.",
    "enum": "Vælg en af mulighederne.",
    "literal_error": "Vælg en af mulighederne.",
    "int_parsing": "Skriv et helt tal.",
    "int_type": "Skriv et helt tal.",
    "float_parsing": "Skriv et tal.",
    "greater_than": "Skal være større end 0.",
    "bool_parsing": "Vælg ja eller nej.",
    "string_pattern_mismatch": "Feltet har ikke det rigtige format.",
    "extra_forbidden": "Feltet kendes ikke.",
}


def _number(value) -> str:
    """A bound in Danish notation: 37.0 → "37", 0.5 → "0,5"."""
    if isinstance(value, int | float):
        return tal(value, 0 if float(value).is_integer() else 1)
    return str(value)


def danish_errors(error: ValidationError) -> dict[str, str]:
    """Field name (``__all__`` for the whole form) → a Danish message, the first per field."""
    out: dict[str, str] = {}
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "__all__"
        ctx = item.get("ctx") or {}
        kind = item["type"]
        if kind == "string_too_short":
            message = f"Skriv mindst {ctx.get('min_length')} tegn."
        elif kind == "string_too_long":
            message = f"Højst {ctx.get('max_length')} tegn."
        elif kind == "greater_than_equal":
            message = f"Mindst {_number(ctx.get('ge'))}."
        elif kind == "less_than_equal":
            message = f"Højst {_number(ctx.get('le'))}."
        elif kind == "value_error":
            message = str(ctx.get("error") or item["msg"]).removeprefix("Value error, ")
        else:
            message = _MESSAGES.get(kind, "Ugyldig værdi.")
        out.setdefault(field, message)
    return out


def parse_form(kind: str, values: dict[str, str]) -> Registration:
    """A submitted HTML form → the model; empty fields count as not given; checkboxes as booleans."""
    model = KINDS[kind]
    data: dict[str, object] = {}
    for name, info in model.model_fields.items():
        raw = values.get(name)
        if info.annotation is bool:
            data[name] = raw in ("on", "true", "1", "ja")
        elif raw is not None and str(raw).strip() != "":
            data[name] = raw
    return model.model_validate(data)
