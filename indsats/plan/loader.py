"""Load and validate an employment plan YAML file, with errors naming file, line and field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .schema import EmploymentPlan


class PlanError(ValueError):
    """A plan file that cannot be used; the message names the file, line and field path."""


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


INNER_PATH = re.compile(r"^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)*): ")


def _parse_path(text: str) -> tuple[Any, ...]:
    parts: list[Any] = []
    for piece in text.split("."):
        match = re.match(r"^([a-z_]+)(?:\[(\d+)\])?$", piece)
        if match:
            parts.append(match.group(1))
            if match.group(2) is not None:
                parts.append(int(match.group(2)))
    return tuple(parts)


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest YAML node along ``loc`` (None without a node)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def parse_plan(text: str, name: str = "<plan>") -> EmploymentPlan:
    """Validate plan YAML text; ``name`` is used in error messages."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise PlanError(f"{name}:{where} not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise PlanError(f"{name}: a plan is a YAML mapping with keys such as 'municipality' and 'result_goals'")
    try:
        return EmploymentPlan.model_validate(data)
    except ValidationError as exc:
        messages = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            inner = INNER_PATH.match(msg) if not loc else None
            if inner:  # a cross-reference check names its own path, e.g. result_goals[2].minister_goal
                loc = _parse_path(inner.group(1))
                msg = msg[inner.end():]
            line = _line_of(root, loc)
            field = _format_loc(loc) or "(plan)"
            messages.append(f"{name}: line {line}: {field}: {msg}" if line else f"{name}: {field}: {msg}")
        raise PlanError("\n".join(messages)) from None


def load_plan(path: str | Path) -> EmploymentPlan:
    """Read and validate the plan at ``path``; raises PlanError naming file, line and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"{path}: cannot read plan: {exc.strerror or exc}") from exc
    return parse_plan(text, str(path))
