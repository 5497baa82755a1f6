"""Who may read which citizen: the one place the rule lives.

- caseworker, team leader, manager: citizens of their own municipality;
- citizen: only themself;
- company consultant and company users: no citizen case files (they see consented
  candidate summaries through the company service).
"""

from __future__ import annotations

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.shared.errors import Forbidden
from indsats.store.tables import CitizenRow

STAFF_WITH_CASE_ACCESS = frozenset({Role.CASEWORKER, Role.TEAM_LEADER, Role.MANAGER})


def may_read_citizen(user: User, citizen: CitizenRow) -> bool:
    if user.role == Role.CITIZEN:
        return user.citizen_id == citizen.id
    if user.role in STAFF_WITH_CASE_ACCESS:
        return user.municipality_code == citizen.municipality_code
    return False


def ensure_may_read_citizen(user: User, citizen: CitizenRow) -> None:
    if not may_read_citizen(user, citizen):
        raise Forbidden("Du har ikke adgang til denne borgers sag.")


def ensure_role(user: User, *roles: Role) -> None:
    if user.role not in roles:
        raise Forbidden("Din rolle giver ikke adgang til denne side.")
