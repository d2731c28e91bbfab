"""Texts for the excerpt commands."""

MESSAGES: dict[str, dict[str, str]] = {}
