"""Enumerations shared by every layer. Values are the contract names (see shared/contracts)."""

from __future__ import annotations

from enum import StrEnum


class Benefit(StrEnum):
    """Forsørgelsesydelse — the public income support a person receives."""

    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"  # a-dagpenge
    CASH_BENEFIT = "cash_benefit"  # kontanthjælp
    EDUCATION_BENEFIT = "education_benefit"  # uddannelseshjælp
    SICKNESS_BENEFIT = "sickness_benefit"  # sygedagpenge
    JOB_CLARIFICATION = "job_clarification"  # jobafklaringsforløb
    RESOURCE_PROGRAMME = "resource_programme"  # ressourceforløb
    FLEXJOB_WAITING_BENEFIT = "flexjob_waiting_benefit"  # ledighedsydelse
    REHABILITATION = "rehabilitation"  # revalidering
    INTEGRATION_BENEFIT = "integration_benefit"  # selvforsørgelses- og hjemrejseydelse
    FLEXJOB = "flexjob"  # fleksjob (panel only: subsidised employment)
    DISABILITY_PENSION = "disability_pension"  # førtidspension
    EARLY_RETIREMENT = "early_retirement"  # efterløn
    LEAVE = "leave"  # orlov, SU-like support


class Readiness(StrEnum):
    """Visitation — the readiness category within a benefit."""

    JOB_READY = "job_ready"  # jobparat
    ACTIVITY_READY = "activity_ready"  # aktivitetsparat
    EDUCATION_READY = "education_ready"  # uddannelsesparat
    OBVIOUSLY_EDUCATION_READY = "obviously_education_ready"  # åbenlyst uddannelsesparat


class OfferType(StrEnum):
    """Aktivt tilbud — an active measure."""

    COMPANY_INTERNSHIP = "company_internship"  # virksomhedspraktik
    WAGE_SUBSIDY = "wage_subsidy"  # løntilskud
    UTILITY_WORK = "utility_work"  # nytteindsats
    GUIDANCE_AND_UPSKILLING = "guidance_and_upskilling"  # vejledning og opkvalificering
    MENTOR = "mentor"  # mentorstøtte
    JOB_ROTATION = "job_rotation"  # jobrotation
    ADULT_APPRENTICE = "adult_apprentice"  # voksenlærling
    SMALL_JOB = "small_job"  # småjob
    INTEGRATION_BASIC_EDUCATION = "integration_basic_education"  # IGU


COMPANY_ORIENTED_OFFERS = frozenset(
    {OfferType.COMPANY_INTERNSHIP, OfferType.WAGE_SUBSIDY, OfferType.ADULT_APPRENTICE, OfferType.JOB_ROTATION}
)


class ConversationKind(StrEnum):
    INDIVIDUAL = "individual"
    JOINT = "joint"  # fællessamtale with the unemployment fund


class ConversationStatus(StrEnum):
    BOOKED = "booked"
    HELD = "held"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class Role(StrEnum):
    CASEWORKER = "caseworker"  # sagsbehandler / jobkonsulent
    TEAM_LEADER = "team_leader"  # teamleder
    COMPANY_CONSULTANT = "company_consultant"  # virksomhedskonsulent
    MANAGER = "manager"  # leder / chef
    CITIZEN = "citizen"  # borger
    COMPANY = "company"  # virksomhedens bruger
    PARTICIPANT = "participant"  # tværfaglig deltager (social, sundhed, unge) i en samlet plan


class Department(StrEnum):
    """The departments that take part in a citizen's coordinated plan (Fælles Borger)."""

    EMPLOYMENT = "employment"  # beskæftigelse (the jobcenter itself)
    SOCIAL = "social"  # socialområdet
    HEALTH = "health"  # sundhedsområdet, sundhedskoordinator
    YOUTH = "youth"  # børn og unge, ungdommens uddannelsesvejledning


class CaseEventType(StrEnum):
    """Timeline events that are not spells, conversations or offers (see contracts/obligations.md)."""

    FIRST_CONTACT = "first_contact"
    JOINT_CONVERSATION_REQUESTED = "joint_conversation_requested"
    JOINT_PARTICIPATION_DECLINED = "joint_participation_declined"
    CONVERSATION_REQUESTED = "conversation_requested"
    OFFER_GIVEN = "offer_given"
    EMPLOYMENT_START = "employment_start"
    EMPLOYMENT_END = "employment_end"
    EXEMPTION_START = "exemption_start"
    EXEMPTION_END = "exemption_end"
    SICK_LEAVE_START = "sick_leave_start"
    CATEGORY_CHANGE = "category_change"
    FOLLOWUP = "followup"
    EARLY_FOLLOWUP_REQUESTED = "early_followup_requested"
    READINESS_CHANGE = "readiness_change"
    QUOTA_EXEMPTION = "quota_exemption"  # one of the up to 25 % exempted (from 2026-07-01)
    WORK_OBLIGATION_START = "work_obligation_start"  # arbejdspligt, LAB kapitel 16 a (from 2025)
    WORK_OBLIGATION_END = "work_obligation_end"
