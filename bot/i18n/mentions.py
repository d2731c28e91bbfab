"""Commands named in replies become clickable command mentions (`</discuss-mod cancel:123>`).

A member on a phone can tap a mention to start that command instead of typing it. Discord needs
the command's id, known only once the commands are synced or fetched, so the app registers the ids
at start-up; until then (and in the offline CLI) the text keeps the plain `/discuss-mod cancel`.
The catalogue keeps writing commands as `` `/discuss-mod cancel-plan plan:1` ``: `link_commands`
turns the command part into a mention and leaves the options as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_COMMAND_IDS: dict[str, int] = {}  # "discuss-mod cancel" -> id of the top-level "discuss"
_CODE = re.compile(r"`(/[^`\n]{1,120})`")


def register_commands(paths: Mapping[str, int] | Iterable[tuple[str, int]]) -> None:
    """Record each command path (`excerpt`, `discuss-mod cancel`) and its top-level command's id."""
    _COMMAND_IDS.clear()
    _COMMAND_IDS.update(dict(paths))


def link_commands(text: str) -> str:
    if not _COMMAND_IDS or "`/" not in text:
        return text
    return _CODE.sub(_linked, text)


def _linked(match: re.Match[str]) -> str:
    words = match[1][1:].split(" ")
    for size in range(min(3, len(words)), 0, -1):
        path = " ".join(words[:size])
        command_id = _COMMAND_IDS.get(path)
        if command_id is not None:
            rest = " ".join(words[size:])
            mention = f"</{path}:{command_id}>"
            return f"{mention} `{rest}`" if rest else mention
    return match[0]
