"""The request boundary before any route runs: a size limit and no NUL characters.

A body over the limit (``INDSATS_MAX_REQUEST_BYTES``, 10 MB by default) is answered 413, and a NUL character in the path, the
query string, a form or a JSON body 422 — both in the one error shape (``web/errors.py``)
and in Danish. PostgreSQL cannot store NUL in text, so refusing it here keeps odd input
from ever reaching the database as a 500. Multipart uploads (files) are left to the
importers, which name the file and line of a NUL byte.
"""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def size_da(n: int) -> str:
    """A byte count as a Danish reader says it: 10 MB, 512 kB, 1.000 byte."""
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n // 1024} kB"
    return f"{n:,} byte".replace(",", ".")


def _error(detail: str, field: str | None = None, message: str = "") -> bytes:
    errors = [{"field": field, "message": message}] if field else []
    return json.dumps({"detail": detail, "errors": errors}, ensure_ascii=False).encode()


def _has_nul(scope: Scope, body: bytes) -> str | None:
    """Where a NUL character is, if anywhere: 'path', 'query' or 'body'."""
    if "\x00" in scope.get("path", "") or b"%00" in scope.get("raw_path", b""):
        return "path"
    query = scope.get("query_string", b"")
    if b"\x00" in query or b"\x00" in unquote_to_bytes(query):
        return "query"
    content_type = dict(scope.get("headers", [])).get(b"content-type", b"").lower()
    if b"multipart/" in content_type:
        return None
    if b"\x00" in body or b"\\u0000" in body or (b"urlencoded" in content_type and b"\x00" in unquote_to_bytes(body)):
        return "body"
    return None


class RequestLimits:
    """Pure ASGI middleware: buffer the body (up to the limit), check it, hand it on."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"Forespørgslen er for stor: højst {size_da(self.max_body_bytes)}."
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            await self._answer(send, 413, _error(too_large))
            return
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._answer(send, 413, _error(too_large))
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        where = _has_nul(scope, body)
        if where:
            await self._answer(send, 422, _error("Forespørgslen indeholder et NUL-tegn (\\0), som ikke er tilladt.", where,
                                                   "må ikke indeholde NUL-tegn"))
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _answer(send: Send, status: int, content: bytes) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(content)).encode())]})
        await send({"type": "http.response.body", "body": content})
