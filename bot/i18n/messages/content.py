"""Texts for the content commands."""

MESSAGES: dict[str, dict[str, str]] = {}
