"""The text of a WeasyPrint PDF, for tests (the venv has no pdftotext or pypdf): every text-showing
operator of the pages' content streams, decoded through each font's ToUnicode map."""

from __future__ import annotations

import re
import zlib


def _objects(data: bytes) -> dict[int, bytes]:
    """Object number → body, including the objects packed in compressed object streams."""
    out: dict[int, bytes] = {}
    for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        out[int(m.group(1))] = m.group(2)
    for body in list(out.values()):
        if b"/ObjStm" in body:
            header, first = int(re.search(rb"/N (\d+)", body).group(1)), int(re.search(rb"/First (\d+)", body).group(1))
            raw = _stream(body)
            nums = [int(x) for x in raw[:first].split()]
            offsets = list(zip(nums[0:2 * header:2], nums[1:2 * header:2], strict=True))
            for i, (num, off) in enumerate(offsets):
                end = offsets[i + 1][1] if i + 1 < len(offsets) else len(raw) - first
                out[num] = raw[first + off:first + end]
    return out


def _stream(body: bytes) -> bytes:
    m = re.search(rb"stream\r?\n(.*)endstream", body, re.S)
    if not m:
        return b""
    raw = m.group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in body else raw


def _cmap(raw: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", raw, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", raw, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i)
    return out


def pdf_text(data: bytes) -> str:
    objects = _objects(data)

    def ref(body: bytes, key: bytes) -> int | None:
        m = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
        return int(m.group(1)) if m else None

    def font_maps(resources: bytes) -> dict[bytes, dict[int, str]]:
        fonts = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        if fonts is None and (n := ref(resources, b"Font")) is not None:
            fonts = re.search(rb"<<(.*)>>", objects[n], re.S)
        out = {}
        for name, num in re.findall(rb"/([\w.+-]+)\s+(\d+) 0 R", fonts.group(1) if fonts else b""):
            uni = ref(objects.get(int(num), b""), b"ToUnicode")
            out[name] = _cmap(_stream(objects[uni])) if uni else {}
        return out

    text = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        res = ref(body, b"Resources")
        maps = font_maps(objects[res] if res else body)
        contents = ref(body, b"Contents")
        stream = _stream(objects[contents]) if contents else b""
        cmap: dict[int, str] = {}
        for m in re.finditer(rb"/([\w.+-]+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\b(ET|Td|TD|Tm|T\*)\b", stream, re.S):
            if m.group(1):
                cmap = maps.get(m.group(1), {})
            elif m.group(4):
                text.append(" ")
            else:
                chunk = m.group(2) if m.group(2) is not None else b"<" + m.group(3) + b">"
                for part in re.finditer(rb"<([0-9A-Fa-f]*)>|(-?[\d.]+)", chunk):
                    if part.group(1) is not None:
                        hexes = part.group(1).decode()
                        text.extend(cmap.get(int(hexes[i:i + 4], 16), "") for i in range(0, len(hexes), 4))
                    elif float(part.group(2)) < -200:
                        text.append(" ")
    return re.sub(r"\s+", " ", "".join(text))
