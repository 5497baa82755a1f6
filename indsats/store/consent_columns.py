"""The consent record a candidate profile and a sharing consent both keep (services.company.consent):
given by the citizen themself, or by a named staff member on the citizen's behalf with the reason;
who withdrew it and when."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column


class ConsentColumns:
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_given_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_given_by: Mapped[str | None] = mapped_column(String(160))
    consent_on_behalf_reason: Mapped[str | None] = mapped_column(String(500))
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    consent_withdrawn_by: Mapped[str | None] = mapped_column(String(160))
