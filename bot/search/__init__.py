"""Fuzzy excerpt lookup for Chinese text, independent of Discord.

Used by the slash commands, their autocomplete and the CLI. Build once with
`SearchEngine.build(articles)`; `search`, `suggest` and `closest_sections` answer from memory.
"""

from bot.search.engine import SearchEngine
from bot.search.excerpt_window import mark
from bot.search.hit import Hit, render_snippet
from bot.search.normalize import normalize, normalize_with_map
from bot.search.scoring import CONFIDENT

__all__ = [
    "CONFIDENT",
    "Hit",
    "SearchEngine",
    "mark",
    "normalize",
    "normalize_with_map",
    "render_snippet",
]
