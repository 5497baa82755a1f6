"""Log-in through OpenID Connect (the route to MitID / NemLog-in through a broker).

The web layer runs the authorization-code flow with Authlib (state, nonce and PKCE checked there);
what reaches this module is the provider's verified subject (``sub``). An account logs in with a
subject only when a manager linked the two (``indsats users link-oidc``); an unknown subject, a
disabled account or a failed flow is refused in Danish and written to the audit log as a failed
log-in, like a wrong password.
"""

from __future__ import annotations

from sqlalchemy import select

from indsats.domain.models import User
from indsats.services.accounts.audit import AuditKind, record_event
from indsats.services.accounts.auth import UNKNOWN_USER, to_user
from indsats.services.accounts.sessions import end_sessions_of_user
from indsats.services.accounts.user_admin import CLI_OPERATOR
from indsats.services.shared.errors import AuthenticationFailed, InvalidInput, NotFound
from indsats.services.shared.privacy_logging import mask_cpr
from indsats.store.db import Database
from indsats.store.tables import UserRow

UNLINKED = ("Din MitID/NemLog-in-identitet er ikke knyttet til en bruger i indsats. "
            "Kontakt din leder, som kan knytte den til din konto.")
FLOW_FAILED = "Log-ind med MitID/NemLog-in mislykkedes. Prøv igen."
MAX_SUBJECT = 255


def _short(subject: str) -> str:
    """A subject as the audit log shows it (a manager links it from there): CPR-like numbers masked."""
    subject = mask_cpr(subject)
    return subject[:60] + ("…" if len(subject) > 60 else "")


def refuse_flow(db: Database, client: str, why: str) -> None:
    """A flow that failed before a subject was known (state, nonce, code, provider error): audited."""
    with db.unit_of_work() as session:
        record_event(session, AuditKind.LOGIN_FAILED, username=UNKNOWN_USER, role="", municipality_code="",
                     action=f"OIDC-log ind afvist ({why[:80]}), klient {client or 'ukendt'}")


def log_in_with_subject(db: Database, subject: str, client: str = "") -> User:
    """The account linked to a verified subject, or ``AuthenticationFailed`` (audited) when none is."""
    subject = (subject or "").strip()
    client = (client or "ukendt")[:64]
    with db.unit_of_work() as session:
        row = session.scalar(select(UserRow).where(UserRow.oidc_subject == subject)) if subject else None
        if row is None or row.disabled:
            why = "kontoen er spærret" if row is not None else f"subjekt {_short(subject)} er ikke knyttet"
            record_event(session, AuditKind.LOGIN_FAILED, username=row.username if row else UNKNOWN_USER,
                         role=row.role if row else "", municipality_code=row.municipality_code if row else "",
                         action=f"OIDC-log ind afvist ({why}), klient {client}")
            failed = True
        else:
            record_event(session, AuditKind.LOGIN, username=row.username, role=row.role,
                         municipality_code=row.municipality_code, action=f"log ind med OIDC, klient {client}")
            failed = False
            user = to_user(row)
    if failed:
        raise AuthenticationFailed("Kontoen er spærret. Kontakt din leder." if row is not None else UNLINKED)
    return user


def link_subject(db: Database, username: str, subject: str | None) -> None:
    """Link an account to an OIDC subject (``None`` removes the link); open sessions end; audited.
    The command line does it (``indsats users link-oidc``)."""
    subject = subject.strip() if subject else None
    if subject is not None and not (0 < len(subject) <= MAX_SUBJECT):
        raise InvalidInput(f"Subjektet skal have 1 til {MAX_SUBJECT} tegn.")
    with db.unit_of_work() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username.strip()))
        if row is None:
            raise NotFound(f"Brugeren {username!r} findes ikke.")
        if subject is not None:
            other = session.scalar(select(UserRow.username).where(UserRow.oidc_subject == subject,
                                                                  UserRow.id != row.id))
            if other is not None:
                raise InvalidInput(f"Subjektet er allerede knyttet til brugeren {other!r}.")
        row.oidc_subject = subject
        end_sessions_of_user(session, row.id, "oidc-link")
        record_event(session, AuditKind.ACCOUNT, username=CLI_OPERATOR, role="", municipality_code=row.municipality_code,
                     action=(f"OIDC-subjekt {_short(subject)} knyttet til {row.username}" if subject
                             else f"OIDC-subjekt fjernet fra {row.username}"))
