"""Texts for the discussion commands."""

MESSAGES: dict[str, dict[str, str]] = {}

COMMANDS_ZH: dict[str, str] = {}
