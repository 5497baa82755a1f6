"""Time the result review PDF once as a logged-in manager (target < 3 s): ``load_pdf.py URL USER PASSWORD``."""

from __future__ import annotations

import re
import sys
import time

import httpx

base, username, password = sys.argv[1:4]
with httpx.Client(base_url=base, timeout=120) as client:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": username, "password": password, "csrf_token": token})
    for attempt in ("first", "second"):
        started = time.perf_counter()
        response = client.get("/styring/resultatrevision.pdf")
        print(f"result review PDF ({attempt}): HTTP {response.status_code}, {len(response.content):,} bytes, "
              f"{time.perf_counter() - started:.2f} s")
