"""Settings: defaults, .env handling, and one clear line for every invalid value."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import ConfigError, Settings

VARIABLES = (
    "DISCORD_TOKEN",
    "DATABASE_PATH",
    "DEFAULT_TIMEZONE",
    "DEV_GUILD_ID",
    "LOG_LEVEL",
    "CONTENT_DIR",
)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_env(clean_env: Path) -> None:
    """With nothing set, the documented defaults apply and no token is required yet."""
    settings = Settings.from_env()
    assert settings.discord_token == ""
    assert settings.database_path == Path("data/reading-circle.sqlite3")
    assert settings.default_timezone == "Asia/Shanghai"
    assert settings.dev_guild_id is None
    assert settings.log_level == "INFO"


def test_dotenv_is_read_and_real_environment_wins(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Values come from .env, but a variable set in the real environment overrides it."""
    (clean_env / ".env").write_text(
        "DISCORD_TOKEN=from-file\nDEFAULT_TIMEZONE=Europe/Berlin\nDEV_GUILD_ID=123456789012345678\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DEFAULT_TIMEZONE", "America/New_York")
    settings = Settings.from_env()
    assert settings.discord_token == "from-file"
    assert settings.default_timezone == "America/New_York"
    assert settings.dev_guild_id == 123456789012345678


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DEV_GUILD_ID", "my-server"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_invalid_values_name_the_variable(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    """Each invalid value stops start-up with a message that names its variable."""
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env()


def test_unwritable_database_folder_is_reported(tmp_path: Path) -> None:
    """A database folder that cannot be created is a clear DATABASE_PATH error."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    settings = Settings(database_path=blocker / "db.sqlite3")
    with pytest.raises(ConfigError, match="DATABASE_PATH"):
        settings.ensure_database_folder()


def test_missing_token_explains_where_to_get_one() -> None:
    """The missing-token message says where to create a token and where to put it."""
    with pytest.raises(ConfigError) as caught:
        Settings().require_token()
    message = str(caught.value)
    assert "discord.com/developers/applications" in message
    assert ".env" in message


def _run_cli(
    *args: str, env_overrides: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(env_overrides)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_run_without_token_exits_cleanly(tmp_path: Path) -> None:
    """`python -m bot run` without a token exits non-zero with the help text and no traceback."""
    result = _run_cli(
        "run", env_overrides={"DATABASE_PATH": str(tmp_path / "db.sqlite3")}, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "DISCORD_TOKEN is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_timezone_is_one_line_without_traceback(tmp_path: Path) -> None:
    """An invalid DEFAULT_TIMEZONE stops the CLI with a single clear line."""
    result = _run_cli("run", env_overrides={"DEFAULT_TIMEZONE": "Nowhere/Land"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "DEFAULT_TIMEZONE" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_subcommands(tmp_path: Path) -> None:
    """`python -m bot --help` names run and sync (and the feature subcommands once present)."""
    result = _run_cli("--help", env_overrides={}, cwd=tmp_path)
    assert result.returncode == 0
    for name in ("run", "sync"):
        assert name in result.stdout
