"""Fixtures of the accounts tests: the OpenID Connect provider the log-in tests start."""

from .oidc_fixture import oidc_provider  # noqa: F401
