"""A real OpenID Connect provider for the tests: the certified npm package ``oidc-provider`` run by
``oidc_provider.mjs`` on the machine's Node, on a free loopback port; and a user agent that walks
the authorization-code flow between the app (a TestClient) and the provider (real HTTP)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx2
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
NODE = os.environ.get("INDSATS_NODE", shutil.which("node") or "/usr/bin/node")
APP_BASE = "http://testserver"
CLIENT_ID = "indsats-test"
CLIENT_SECRET = "test-only-client-secret-0123456789abcdef"
ACCOUNTS = {  # the provider's test accounts: login → password, subject
    "mette.mitid": {"password": "mitid-kode", "sub": "mitid-9f2c41", "name": "Mette"},
    "ukendt.mitid": {"password": "mitid-kode", "sub": "mitid-000000", "name": "Ukendt"},
}


@dataclass(frozen=True)
class Provider:
    issuer: str

    def settings(self) -> dict[str, str]:
        return {"oidc_issuer": self.issuer, "oidc_client_id": CLIENT_ID, "oidc_client_secret": CLIENT_SECRET}


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; ./run test installs Node packages with npm install")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[Provider]:
    if not os.path.exists(NODE):
        _unavailable(f"Node not found at {NODE}")
    if not (ROOT / "node_modules" / "oidc-provider").is_dir():
        _unavailable("node_modules/oidc-provider is missing")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "OIDC_PORT": str(port),
           "OIDC_CLIENT": json.dumps({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                      "redirect_uri": f"{APP_BASE}/login/oidc/callback",
                                      "post_logout_redirect_uri": f"{APP_BASE}/login"}),
           "OIDC_ACCOUNTS": json.dumps(ACCOUNTS)}
    process = subprocess.Popen([NODE, str(SCRIPT)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                if httpx2.get(f"{issuer}/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oidc-provider did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        yield Provider(issuer)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def to_app(url: str) -> bool:
    return url.startswith(APP_BASE)


def follow_at_provider(idp: httpx2.Client, url: str) -> httpx2.Response | str:
    """Follow the provider's redirects; returns the app URL it sends the browser back to, or the page it stops at."""
    for _ in range(10):
        if to_app(url):
            return url
        response = idp.get(url)
        if response.status_code not in (302, 303):
            return response
        url = urljoin(url, response.headers["location"])
    raise AssertionError("too many redirects at the provider")


def authorize_at_provider(authorization_url: str, login: str, password: str) -> str:
    """Play the citizen's or employee's browser at the provider: log in there; returns the callback URL."""
    with httpx2.Client(follow_redirects=False, timeout=15) as idp:
        page = follow_at_provider(idp, authorization_url)
        if isinstance(page, str):
            return page
        assert page.status_code == 200 and 'name="login"' in page.text, page.text[:500]
        action = page.text.split('action="', 1)[1].split('"', 1)[0]
        response = idp.post(urljoin(str(page.url), action), data={"login": login, "password": password})
        assert response.status_code in (302, 303), response.text[:500]
        result = follow_at_provider(idp, urljoin(str(page.url), response.headers["location"]))
        assert isinstance(result, str), result.text[:500]
        return result


def app_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
