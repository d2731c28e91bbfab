"""`python -m bot [run|sync|content|search|backup|doctor] …`: one entry point for hosts and scripts."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot import __version__
from bot.logging_setup import configure_logging, install_secret_filter
from bot.settings import ConfigError, Settings

if TYPE_CHECKING:
    import discord

# Feature modules that add their own subcommands via `register(subparsers)`.
SUBCOMMAND_MODULES: tuple[str, ...] = ("bot.content.cli", "bot.search.cli", "bot.ops.cli")

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Reading Circle: a Discord bot for reading one Chinese article together.",
    )
    parser.add_argument("--version", action="version", version=f"reading-circle {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = subparsers.add_parser("run", help="start the bot (the default)")
    run.set_defaults(handler=run_bot)
    sync = subparsers.add_parser(
        "sync", help="publish the slash commands to every server (global sync)"
    )
    sync.set_defaults(handler=sync_commands)
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", run_bot)
    try:
        return int(handler(args) or 0)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return 0


def load_settings() -> Settings:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    settings.ensure_database_folder()
    return settings


def run_bot(args: argparse.Namespace) -> int:
    settings = load_settings()
    token = settings.require_token()
    return asyncio.run(_run(settings, token, sync_global=False))


def sync_commands(args: argparse.Namespace) -> int:
    settings = load_settings()
    token = settings.require_token()
    return asyncio.run(_run(settings, token, sync_global=True))


async def _run(settings: Settings, token: str, *, sync_global: bool) -> int:
    import discord

    from bot.app import create_bot

    install_secret_filter(token)
    bot = create_bot(settings, sync_global=sync_global)
    _close_on_sigterm(bot)
    async with bot:
        try:
            await bot.start(token)
        except discord.LoginFailure:
            print(
                "error: DISCORD_TOKEN was refused by Discord. Copy a fresh token from "
                "https://discord.com/developers/applications (Bot -> Reset Token) into .env.",
                file=sys.stderr,
            )
            return 2
    return 0


def _close_on_sigterm(bot: discord.Client) -> None:
    """`docker stop` and systemd send SIGTERM: close the gateway and the database cleanly
    (exit code 0) instead of dying mid-write; SIGKILL stays safe thanks to SQLite's journal."""
    loop = asyncio.get_running_loop()
    closing: list[asyncio.Task[None]] = []

    def close() -> None:
        log.info("SIGTERM received; shutting down")
        closing.append(loop.create_task(bot.close()))

    try:
        loop.add_signal_handler(signal.SIGTERM, close)
    except (NotImplementedError, RuntimeError):  # Windows event loops have no signal handlers
        log.debug("no SIGTERM handler on this platform")
