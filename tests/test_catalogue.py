"""The whole message catalogue and every slash command, in both languages.

Messages: every module in bot/i18n/messages is merged into the catalogue, and each of its keys has
zh-CN and en text with the same {placeholders}. Commands: every description (command, group,
option) and every choice name reaches Discord with a zh-CN translation, while names stay the
same in every language (bot/ui/translator.py says why).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Iterator
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

import bot.i18n.messages
from bot import i18n
from bot.app import COGS
from bot.ui.translator import CatalogTranslator

# Keys whose languages differ on purpose, and how.
ASYMMETRIC = {
    # English adds the romanised author and journal after the Chinese ones.
    "about.article_value": {"en": {"author_en", "journal_en"}},
}
NAME = re.compile(r"^[-_\w]{1,32}$")  # Discord's rule for command and option names


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _message_modules() -> list[Any]:
    package = bot.i18n.messages
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


MESSAGE_MODULES = _message_modules()


def test_every_message_module_is_in_the_catalogue() -> None:
    """A new module in bot/i18n/messages is merged too, so t() finds its keys."""
    assert MESSAGE_MODULES
    for module in MESSAGE_MODULES:
        missing = set(module.MESSAGES) - set(i18n.MESSAGES)
        assert not missing, f"{module.__name__}: keys missing from the catalogue: {missing}"


@pytest.mark.parametrize("module", MESSAGE_MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_key_has_both_languages_with_the_same_placeholders(module: Any) -> None:
    for key, texts in module.MESSAGES.items():
        assert set(texts) == {"zh-CN", "en"}, f"{key}: languages {sorted(texts)}"
        assert texts["zh-CN"].strip() and texts["en"].strip(), f"{key}: empty text"
        zh, en = _placeholders(texts["zh-CN"]), _placeholders(texts["en"])
        extra = ASYMMETRIC.get(key, {})
        assert zh - extra.get("zh-CN", set()) == en - extra.get("en", set()), (
            f"{key}: zh-CN has {sorted(zh)}, en has {sorted(en)}"
        )


def test_the_allowed_asymmetries_are_still_there() -> None:
    """An entry in ASYMMETRIC that no longer applies goes, so the allow-list stays honest."""
    for key, extra in ASYMMETRIC.items():
        for language, names in extra.items():
            assert names <= _placeholders(i18n.MESSAGES[key][language]), key


# -------------------------------------------------------------------------------- commands


def _cog_classes() -> list[type[commands.Cog]]:
    """Every cog class in the extensions the bot loads (bot.app.COGS), packages walked whole."""
    found: dict[str, type[commands.Cog]] = {}
    for extension in COGS:
        package = importlib.import_module(extension)
        modules = [package]
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{extension}.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, commands.Cog):
                    if value.__module__.startswith("bot.cogs.") and value.__name__ != "ServiceCog":
                        found[value.__qualname__] = value
    return list(found.values())


def _cog_commands() -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Every top-level app command of those cogs."""
    return [command for cog in _cog_classes() for command in cog.__cog_app_commands__]


def _nodes(payload: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The command and each of its sub-commands and options, with a readable path."""
    yield path, payload
    for option in payload.get("options") or []:
        yield from _nodes(option, f"{path} {option['name']}")


async def _translated_payloads() -> list[dict[str, Any]]:
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    translator = CatalogTranslator()
    return [await c.get_translated_payload(tree, translator) for c in _cog_commands()]


def test_every_cog_contributes_commands() -> None:
    cogs = _cog_classes()
    assert {"QuizCog", "DiscussionCog", "ExcerptCog", "ConfigCog"} <= {c.__name__ for c in cogs}
    assert all(cog.__cog_app_commands__ for cog in cogs), [c.__name__ for c in cogs]


async def test_every_description_and_choice_has_a_chinese_text() -> None:
    missing: list[str] = []
    for payload in await _translated_payloads():
        for path, node in _nodes(payload, f"/{payload['name']}"):
            chinese = (node.get("description_localizations") or {}).get("zh-CN")
            if not chinese:
                missing.append(f"{path}: description {node['description']!r}")
            assert len(node["description"]) <= 100 and len(chinese or "") <= 100, path
            for choice in node.get("choices") or []:
                if not (choice.get("name_localizations") or {}).get("zh-CN"):
                    missing.append(f"{path}: choice {choice['name']!r}")
    assert not missing, "no zh-CN text in the catalogue (COMMANDS_ZH) for:\n" + "\n".join(missing)


async def test_every_command_text_in_the_catalogue_is_used() -> None:
    """COMMANDS_ZH holds descriptions and choice names only: names are never translated, so an
    entry that no command asks for is dead text that a translator would maintain for nothing."""
    asked: set[str] = set()

    class Recording(CatalogTranslator):
        async def translate(
            self,
            string: app_commands.locale_str,
            locale: discord.Locale,
            context: app_commands.TranslationContextTypes,
        ) -> str | None:
            text = await super().translate(string, locale, context)
            if text is not None:
                asked.add(string.message)
            return text

    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    for command in _cog_commands():
        await command.get_translated_payload(tree, Recording())
    assert sorted(set(i18n.COMMAND_TEXT_ZH) - asked) == []


async def test_command_and_option_names_are_the_same_in_every_language() -> None:
    """One name everywhere: a bilingual channel can say "/discuss cancel" to everyone."""
    for payload in await _translated_payloads():
        for path, node in _nodes(payload, f"/{payload['name']}"):
            assert NAME.match(node["name"]) and node["name"] == node["name"].lower(), path
            assert not node.get("name_localizations"), f"{path}: {node['name_localizations']}"
