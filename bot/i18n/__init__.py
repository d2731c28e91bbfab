"""The one message catalogue: every user-facing string, in zh-CN and en.

Texts live in `bot/i18n/messages/<feature>.py` (one module per feature keeps edits apart); this
module merges them and picks the language from a Discord locale.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.i18n.mentions import link_commands
from bot.i18n.messages import about, config, content, core, discussion, events, excerpt, quiz

ZH = "zh-CN"
EN = "en"
LANGUAGES = (ZH, EN)


def _merge(*modules: Any) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice")
            merged[key] = texts
    return merged


def _merge_commands(*modules: Any) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in modules:
        for english, chinese in getattr(module, "COMMANDS_ZH", {}).items():
            if merged.get(english, chinese) != chinese:
                raise RuntimeError(f"command text {english!r} has two translations")
            merged[english] = chinese
    return merged


_MODULES = (about, config, content, core, discussion, events, excerpt, quiz)
MESSAGES: Mapping[str, Mapping[str, str]] = _merge(*_MODULES)
COMMAND_TEXT_ZH: Mapping[str, str] = _merge_commands(*_MODULES)


def language_of(locale: object | None) -> str:
    """Chinese locales (zh-CN, zh-TW) get Chinese; everything else gets English."""
    value = str(getattr(locale, "value", locale) or "")
    return ZH if value.lower().startswith("zh") else EN


def t(key: str, locale: object | None = None, /, **values: object) -> str:
    """The text for `key` in the locale's language, with `{placeholders}` filled in."""
    texts = MESSAGES[key]
    template = texts[language_of(locale)]
    return link_commands(template.format(**values) if values else template)
