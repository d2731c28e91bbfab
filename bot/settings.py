"""Settings from the environment and `.env`, validated once at start-up.

A wrong value stops the bot with one line that names the variable, because a traceback is no help
to someone who only edited `.env`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = Path("data") / "reading-circle.sqlite3"
DEFAULT_CONTENT_DIR = PROJECT_ROOT / "content"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")

MISSING_TOKEN_HELP = (
    "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications "
    "(New Application -> Bot -> Reset Token), copy the token, and put the line "
    "DISCORD_TOKEN=your-token into the file .env in this folder (see .env.example). "
    "The offline commands work without a token: try `python -m bot content show` or "
    "`python -m bot search 日美同盟`."
)


class ConfigError(Exception):
    """A setting is missing or invalid; the message is meant for the person running the bot."""


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: str = ""
    database_path: Path = DEFAULT_DATABASE_PATH
    default_timezone: str = "Asia/Shanghai"
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    content_dir: Path = DEFAULT_CONTENT_DIR
    grace_hours: float = 6.0
    heartbeat_path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)

    @classmethod
    def from_env(cls, env_file: str | os.PathLike[str] | None = ".env") -> Settings:
        """Read settings; the real environment wins over `.env`."""
        if env_file is not None and Path(env_file).is_file():
            load_dotenv(env_file, override=False)
        env = os.environ
        settings = cls(
            discord_token=env.get("DISCORD_TOKEN", "").strip(),
            database_path=Path(env.get("DATABASE_PATH", "").strip() or DEFAULT_DATABASE_PATH),
            default_timezone=_timezone(env.get("DEFAULT_TIMEZONE", "").strip() or "Asia/Shanghai"),
            dev_guild_id=_optional_snowflake("DEV_GUILD_ID", env.get("DEV_GUILD_ID", "")),
            log_level=_log_level(env.get("LOG_LEVEL", "").strip() or "INFO"),
            content_dir=Path(env.get("CONTENT_DIR", "").strip() or DEFAULT_CONTENT_DIR),
            grace_hours=_positive_float(
                "SCHEDULE_GRACE_HOURS", env.get("SCHEDULE_GRACE_HOURS", "")
            ),
            heartbeat_path=Path(hb) if (hb := env.get("HEARTBEAT_PATH", "").strip()) else None,
        )
        return settings

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(MISSING_TOKEN_HELP)
        return self.discord_token

    def ensure_database_folder(self) -> None:
        """Create the database folder and prove it is writable before anything else runs."""
        folder = self.database_path.expanduser().resolve().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / ".write-test"
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"DATABASE_PATH: cannot write to the folder {folder} ({exc.strerror or exc}). "
                "Point DATABASE_PATH at a writable location."
            ) from None


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"DEFAULT_TIMEZONE: {name!r} is not an IANA time zone name; "
            "use a name such as Asia/Shanghai, Europe/Berlin or America/New_York."
        ) from None
    return name


def _optional_snowflake(variable: str, raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or not 15 <= len(raw) <= 21:
        raise ConfigError(
            f"{variable}: {raw!r} is not a Discord id (a number of 17-20 digits; "
            "enable Developer Mode in Discord and use Copy Server ID)."
        )
    return int(raw)


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL: {raw!r} is not one of {', '.join(LOG_LEVELS)}.")
    return level


def _positive_float(variable: str, raw: str, default: float = 6.0) -> float:
    raw = raw.strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise ConfigError(f"{variable}: {raw!r} is not a non-negative number of hours.")
    return value
