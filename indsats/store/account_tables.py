"""Tables of log-in: server-side sessions and failed log-in attempts (for throttling)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class LoginSessionRow(Base):
    """One logged-in session. The cookie holds a random token; only its SHA-256 is stored here,
    so a copy of the table opens no session. ``ended_at`` set = logged out, timed out or revoked."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ended_reason: Mapped[str | None] = mapped_column(String(20))
    client: Mapped[str] = mapped_column(String(64), default="")
    # Messages after a form (JSON list), shown once on the next page: kept here, not in a cookie
    flashes: Mapped[str | None] = mapped_column(Text)
    # The provider's ID token of a session started with OpenID Connect, kept only as the
    # id_token_hint of the RP-initiated log-out; it goes with the row (deleted after 1 day)
    id_token: Mapped[str | None] = mapped_column(Text)


class LoginFailureRow(Base):
    """A refused log-in: counted per username and per client within the throttling window."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str] = mapped_column(String(80))
    client: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_login_failures_username_at", "username", "at"),
                      Index("ix_login_failures_client_at", "client", "at"))
