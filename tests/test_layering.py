"""The domain knows nothing of Discord: content, search, quiz, discussion, scheduling, storage and
i18n import neither `discord` nor the Discord side of the bot (`bot.cogs`, `bot.ui`, `bot.app`).

Checked on the source (every import statement, including ones inside functions), so a stray
import fails here rather than in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"
DOMAIN = ("content", "search", "quiz", "discussion", "scheduling", "storage", "i18n")
FORBIDDEN = ("discord", "bot.cogs", "bot.ui", "bot.app")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", DOMAIN)
def test_domain_packages_import_nothing_of_discord(package: str) -> None:
    offenders = {
        f"{path.relative_to(BOT.parent)}: {module}"
        for path in sorted((BOT / package).rglob("*.py"))
        for module in imported_modules(path)
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN)
    }
    assert not offenders, sorted(offenders)


def test_the_check_sees_imports() -> None:
    """The checker itself finds a discord import where there is one."""
    assert "discord" in imported_modules(BOT / "app.py")


def package_graph() -> dict[str, set[str]]:
    """bot's packages (and top-level modules) -> the others they import."""
    graph: dict[str, set[str]] = {}
    for path in BOT.rglob("*.py"):
        parts = path.relative_to(BOT).parts
        package = parts[0] if len(parts) > 1 else path.stem
        for module in imported_modules(path):
            if module.startswith("bot."):
                target = module.split(".")[1]
                if target != package:
                    graph.setdefault(package, set()).add(target)
    return graph


def test_no_cycles_between_packages() -> None:
    """A package that imports another which imports it back cannot be understood alone."""
    graph = package_graph()
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for target in sorted(graph.get(node, ())):
            if seen.get(target) == 1:
                raise AssertionError(" -> ".join([*path[path.index(target) :], target]))
            if target not in seen:
                visit(target, [*path, target])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])
