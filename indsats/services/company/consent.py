"""The consent to share a candidate profile with companies: who gave it and when, who withdrew it.

The citizen gives or withdraws it themself (*Min sag*, *Mit CV*), or a caseworker registers it on
the citizen's behalf (e.g. given at a meeting) — then the staff member is named and a reason is
required. Every change of consent goes through ``change_consent`` so the record is never half set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from indsats.domain import clock
from indsats.domain.enums import Role
from indsats.domain.labels import ROLE_DA
from indsats.domain.models import User
from indsats.services.shared.errors import InvalidInput
from indsats.store.company_tables import CandidateProfileRow

CITIZEN_SELF = "borgeren selv"
MAX_REASON = 500
REASON_REQUIRED = ("Skriv, hvorfor du registrerer samtykket på borgerens vegne (feltet "
                   "'Begrundelse for samtykke på borgerens vegne').")


@dataclass(frozen=True)
class ConsentRecord:
    given: bool
    since: date | None
    given_by: str | None
    given_at: datetime | None
    on_behalf: bool
    reason: str | None
    withdrawn_by: str | None
    withdrawn_at: datetime | None


def who(user: User) -> str:
    """How the record names the person: the citizen, or the staff member by name, role and username."""
    if user.role == Role.CITIZEN:
        return CITIZEN_SELF
    return f"{user.display_name} ({ROLE_DA.get(user.role, user.role)}, {user.username})"[:160]


def change_consent(row: CandidateProfileRow, given: bool, user: User, reason: str = "") -> bool:
    """Give or withdraw; returns whether anything changed. Staff giving consent must give a reason."""
    if bool(row.consent) == given:
        return False
    now = clock.now()
    reason = " ".join((reason or "").split())
    if len(reason) > MAX_REASON:
        raise InvalidInput(f"Begrundelsen må højst have {MAX_REASON} tegn.")
    if given:
        if user.role != Role.CITIZEN and not reason:
            raise InvalidInput(REASON_REQUIRED)
        row.consent, row.consent_date, row.consent_given_at = True, now.date(), now
        row.consent_given_by = who(user)
        row.consent_on_behalf_reason = reason or None if user.role != Role.CITIZEN else None
        row.consent_withdrawn_at = row.consent_withdrawn_by = None
    else:
        row.consent, row.consent_withdrawn_at, row.consent_withdrawn_by = False, now, who(user)
    return True


def consent_record(row: CandidateProfileRow | None) -> ConsentRecord | None:
    if row is None:
        return None
    return ConsentRecord(given=bool(row.consent), since=row.consent_date if row.consent else None,
                         given_by=row.consent_given_by, given_at=row.consent_given_at,
                         on_behalf=bool(row.consent_given_by and row.consent_given_by != CITIZEN_SELF),
                         reason=row.consent_on_behalf_reason, withdrawn_by=row.consent_withdrawn_by,
                         withdrawn_at=row.consent_withdrawn_at)
