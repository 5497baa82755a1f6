"""A jobcenter's morning as load: caseworkers, team leaders and managers on their pages.

Headless and on loopback only (``bench/load_100k.sh run``); every user logs in as one of the
logins the script creates (``load-sb*``, ``load-tl*``, ``load-ch*``, password ``LOAD_PASSWORD``).
Pages are named by kind in the statistics so each can be held to its target
(docs/PERFORMANCE.md): caseworker pages p95 ≤ 150 ms, every staff page p95 ≤ 500 ms.
The users are Locust's ``FastHttpUser`` (geventhttpclient), which costs a fraction of the CPU of the
``requests``-based ``HttpUser``: the load generator shares the machine's two cores with the server.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from urllib.parse import urlparse

from locust import FastHttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "belastning-2026")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_logins = {prefix: itertools.cycle([f"{prefix}{i}" for i in range(n)])  # a list: names bound now, not late
           for prefix, n in (("load-sb", 12), ("load-tl", 5), ("load-ch", 3))}


@events.test_start.add_listener
def _loopback_only(environment, **_kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"the load test runs against loopback only, not {host!r}")


class Staff(FastHttpUser):
    abstract = True
    wait_time = between(1, 4)
    prefix = ""

    def on_start(self) -> None:
        username = next(_logins[self.prefix])
        page = self.client.get("/login", name="login")
        token = CSRF.search(page.text).group(1)
        self.client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token},
                         name="login", allow_redirects=False)


class Caseworker(Staff):
    """Sagsbehandler: the caseload, a case, a search, the own worklist."""

    weight = 12
    prefix = "load-sb"

    def on_start(self) -> None:
        super().on_start()
        response = self.client.get("/api/caseload", name="cw: caseload (API)")
        rows = response.json() if response.ok else []
        rows = rows.get("items", []) if isinstance(rows, dict) else rows  # the paged API: {"items", "total", ...}
        self.ids = [r["id"] for r in rows][:200] or [1]
        self.names = [r["name"].split()[-1] for r in rows if r.get("name")][:50] or ["Hansen"]

    @task(3)
    def caseload(self):
        self.client.get("/sager", name="cw: /sager")

    @task(5)
    def case_page(self):
        self.client.get(f"/borgere/{random.choice(self.ids)}", name="cw: /borgere/{id}")

    @task(1)
    def case_obligations(self):
        self.client.get(f"/borgere/{random.choice(self.ids)}/frister", name="cw: /borgere/{id}/frister")

    @task(2)
    def search(self):
        self.client.get("/borgere", params={"q": random.choice(self.names)}, name="cw: /borgere?q=")

    @task(2)
    def worklist(self):
        self.client.get("/frister", name="cw: /frister")


class TeamLeader(Staff):
    """Teamleder: the team's worklist (paged), timeliness."""

    weight = 5
    prefix = "load-tl"

    @task(3)
    def worklist(self):
        self.client.get("/frister", name="tl: /frister")

    @task(1)
    def worklist_page_3(self):
        self.client.get("/frister?visning=overdue&side=3", name="tl: /frister?side=3")

    @task(1)
    def to_book(self):
        self.client.get("/frister?visning=to_book", name="tl: /frister?visning=to_book")

    @task(2)
    def timeliness(self):
        self.client.get("/rettidighed", name="tl: /rettidighed")


class Manager(Staff):
    """Leder: goals, distribution, management information."""

    weight = 3
    prefix = "load-ch"

    @task(3)
    def goals(self):
        self.client.get("/styring", name="mgr: /styring")

    @task(1)
    def distribution(self):
        self.client.get("/styring/fordeling", name="mgr: /styring/fordeling")

    @task(2)
    def management_information(self):
        self.client.get("/ledelsesinformation", name="mgr: /ledelsesinformation")

    @task(1)
    def whole_worklist(self):
        self.client.get("/frister", name="mgr: /frister (hele jobcentret)")
