"""Time the result review PDF once as a logged-in manager (target < 3 s): ``load_pdf.py URL USER PASSWORD``."""

from __future__ import annotations

import re
import sys
import time

import requests

base, username, password = sys.argv[1:4]
with requests.Session() as client:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"{base}/login").text).group(1)
    client.post(f"{base}/login", data={"username": username, "password": password, "csrf_token": token})
    for attempt in ("first", "second"):
        started = time.perf_counter()
        response = client.get(f"{base}/styring/resultatrevision.pdf", timeout=300)
        print(f"result review PDF ({attempt}): HTTP {response.status_code}, {len(response.content):,} bytes, "
              f"{time.perf_counter() - started:.2f} s")
