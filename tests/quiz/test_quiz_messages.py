"""The quiz's catalogue: both languages everywhere, matching placeholders, Discord's name rules."""

from __future__ import annotations

import re
import string

import discord

from bot.cogs.quiz import QuizCog
from bot.i18n.messages import quiz

NAME = re.compile(r"^[-_\w]{1,32}$")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_same_placeholders() -> None:
    """zh-CN and en exist for each key and use the same {placeholders}."""
    for key, texts in quiz.MESSAGES.items():
        assert set(texts) == {"zh-CN", "en"}, key
        assert _placeholders(texts["zh-CN"]) == _placeholders(texts["en"]), key


def test_command_texts_are_translated_and_within_limits() -> None:
    """Every name/description of /quiz has a Chinese text; names are valid, descriptions ≤ 100."""
    group = QuizCog.quiz
    texts: list[tuple[str, bool]] = [(group.name, True), (group.description, False)]
    for command in group.commands:
        assert isinstance(command, discord.app_commands.Command)
        texts += [(command.name, True), (command.description, False)]
        for parameter in command.parameters:
            texts += [(parameter.display_name, True), (parameter.description, False)]
            texts += [(choice.name, False) for choice in parameter.choices]
    for english, is_name in texts:
        chinese = quiz.COMMANDS_ZH.get(english)
        assert chinese, f"no zh-CN text for {english!r}"
        if is_name:
            assert NAME.match(english) and english == english.lower(), english
            assert NAME.match(chinese) and chinese == chinese.lower(), chinese
        else:
            assert len(english) <= 100 and len(chinese) <= 100, english
