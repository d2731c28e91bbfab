"""Texts for /outline, /fact and /section."""

MESSAGES: dict[str, dict[str, str]] = {}

COMMANDS_ZH: dict[str, str] = {}
