"""`backup`, `doctor` and `health` subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup", help="make a consistent copy of the database while the bot runs"
    )
    backup.add_argument("path", type=Path, help="where to write the copy (must not exist)")
    backup.set_defaults(handler=run_backup)
    doctor = subparsers.add_parser(
        "doctor", help="check configuration, database and content, and say what is wrong"
    )
    doctor.set_defaults(handler=run_doctor)
    health = subparsers.add_parser(
        "health", help="exit 0 if the running bot is connected (for HEALTHCHECK)"
    )
    health.set_defaults(handler=run_health)


def run_backup(args: argparse.Namespace) -> int:
    from bot.ops.backup import BackupError, backup_database

    settings = Settings.from_env()
    try:
        size = backup_database(settings.database_path, args.path)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"backup written to {args.path} ({size} bytes)")
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    import asyncio

    from bot.ops.doctor import diagnose, discord_findings

    settings = Settings.from_env()
    findings = diagnose(settings)
    if settings.discord_token:
        findings = [f for f in findings if f.topic != "DISCORD_TOKEN"]
        findings += asyncio.run(discord_findings(settings))
    for finding in findings:
        print(finding)
    return 0 if all(f.ok for f in findings) else 1


def run_health(args: argparse.Namespace) -> int:
    from bot.ops.heartbeat import is_fresh

    settings = Settings.from_env()
    path = settings.heartbeat_path or settings.database_path.with_suffix(".heartbeat")
    if is_fresh(path):
        return 0
    print(f"unhealthy: heartbeat {path} is missing or stale", file=sys.stderr)
    return 1
