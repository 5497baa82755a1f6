"""The layer rule of docs/ARCHITECTURE.md, checked on the source: every import in every module
under ``indsats/`` (top-level and inside functions), parsed with ``ast``.

- ``indsats.web`` and ``indsats.cli`` import from indsats only ``indsats.services``,
  ``indsats.domain``, ``indsats.settings`` (the typed configuration) and their own package;
- ``indsats.domain``, ``indsats.law`` and ``indsats.evidence`` import no framework and nothing from
  ``indsats.services``, ``store``, ``web`` or ``cli``;
- ``indsats.services`` imports nothing from ``indsats.web`` or ``indsats.cli``;
- no inner layer imports ``indsats.services``, ``indsats.web`` or ``indsats.cli``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "indsats"

INTERFACES = ("indsats.web", "indsats.cli")
INNER = ("indsats.law", "indsats.plan", "indsats.store", "indsats.analytics", "indsats.matching",
         "indsats.synth", "indsats.reports", "indsats.evidence", "indsats.domain", "indsats.economy")
PURE = ("indsats.domain", "indsats.law", "indsats.evidence", "indsats.economy")
FRAMEWORKS = ("fastapi", "starlette", "sqlalchemy", "alembic", "psycopg", "psycopg2", "typer", "jinja2")

#: The one place where the interfaces meet: ``indsats serve``/``indsats demo`` start the web app
#: in-process. This is the composition root, not a use of the web by the CLI.
ALLOWED = {("indsats.cli.app_commands", "indsats.web.app")}


def _module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, relative ones resolved."""
    module = _module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            # ``from indsats import store`` imports the subpackage ``indsats.store``.
            if name == "indsats":
                out += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return out


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _layer(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def violations(module: str, imports: list[tuple[int, str]]) -> list[str]:
    layer = _layer(module)
    found = []
    for line, name in imports:
        if (module, name) in ALLOWED or name == "indsats":
            continue
        reason = None
        if layer in INTERFACES:
            if _within(name, ("indsats",)) and not _within(name, ("indsats.services", "indsats.domain",
                                                                   "indsats.settings", layer)):
                reason = f"{layer} may import only indsats.services, indsats.domain, indsats.settings and {layer}"
        if layer == "indsats.settings" and _within(name, ("indsats",)):
            reason = "indsats.settings imports nothing from indsats (every layer may read it)"
        if layer in PURE:
            if _within(name, FRAMEWORKS):
                reason = f"{layer} imports no framework"
            elif _within(name, ("indsats.services", "indsats.store", "indsats.web", "indsats.cli")):
                reason = f"{layer} imports nothing from services, store, web or cli"
        if layer == "indsats.services" and _within(name, INTERFACES):
            reason = "services import nothing from the web or the CLI"
        if layer in INNER and reason is None and _within(name, ("indsats.services",) + INTERFACES):
            reason = f"{layer} is an inner layer and imports no services, web or cli"
        if reason:
            found.append(f"{module} line {line}: imports {name} — {reason}")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_is_found():
    names = {_module_name(p) for p in MODULES}
    assert {"indsats.web.app", "indsats.cli", "indsats.services.shared.errors", "indsats.domain.enums"} <= names


@pytest.mark.parametrize("path", MODULES, ids=[_module_name(p) for p in MODULES])
def test_module_keeps_to_its_layer(path):
    found = violations(_module_name(path), _imports(path))
    assert not found, "Layer rule (docs/ARCHITECTURE.md) broken:\n" + "\n".join(found)


def test_the_checker_catches_each_kind_of_violation(tmp_path):
    cases = {
        ("indsats.cli.x", "indsats.store.db"): True,
        ("indsats.cli.x", "indsats.services.shared.database"): False,
        ("indsats.cli.x", "indsats.cli"): False,
        ("indsats.web.app", "indsats.settings"): False,
        ("indsats.settings", "indsats.store.db"): True,
        ("indsats.web.routes.x", "indsats.matching.taxonomy"): True,
        ("indsats.web.routes.x", "indsats.web.deps"): False,
        ("indsats.web.routes.x", "indsats.cli"): True,
        ("indsats.domain.x", "sqlalchemy.orm"): True,
        ("indsats.law.x", "typer"): True,
        ("indsats.law.x", "indsats.store.tables"): True,
        ("indsats.law.x", "indsats.domain.enums"): False,
        ("indsats.services.x", "indsats.web.formatting"): True,
        ("indsats.services.x", "indsats.store.db"): False,
        ("indsats.reports.x", "indsats.services.steering.goals"): True,
        ("indsats.plan.x", "indsats.cli"): True,
        ("indsats.synth.x", "indsats.store.db"): False,
    }
    for (module, name), bad in cases.items():
        assert bool(violations(module, [(7, name)])) is bad, (module, name)
    message = violations("indsats.cli.x", [(7, "indsats.store.db")])[0]
    assert "indsats.cli.x" in message and "line 7" in message and "indsats.store.db" in message

    source = tmp_path / "indsats" / "cli" / "probe.py"
    source.parent.mkdir(parents=True)
    source.write_text("from . import app\n\ndef f():\n    from ..store.db import Database\n", encoding="utf-8")
    lines = _imports(source, tmp_path / "indsats")
    assert (4, "indsats.store.db") in lines and (1, "indsats.cli") in lines

