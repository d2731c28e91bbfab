"""The real bot as a child process (tests/hardening/launcher.py) talking to the test's fake.

Used where an in-process bot cannot tell the truth: SIGKILL at arbitrary points, a full disk
(a per-process file size limit), the command-line tools, and memory measured apart from the fake.
Every wait is on an observable condition (a socket, a reply, the process exit) with a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.fakediscord import FakeDiscord
from tests.harness import GUILD_ID, TOKEN

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("launcher.py")
# Variables of the developer's shell that must not leak into the child.
SCRUBBED = (
    "DISCORD_TOKEN",
    "DATABASE_PATH",
    "DEFAULT_TIMEZONE",
    "DEV_GUILD_ID",
    "LOG_LEVEL",
    "CONTENT_DIR",
    "HEARTBEAT_PATH",
    "SCHEDULE_GRACE_HOURS",
)


def child_env(fake: FakeDiscord, overrides: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        RC_FAKE_BASE=fake.base_url,
        RC_FAKE_GATEWAY=fake.gateway_url,
        DISCORD_TOKEN=TOKEN,
        DEV_GUILD_ID=str(GUILD_ID),
        DEFAULT_TIMEZONE="Asia/Shanghai",
        LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


async def run_cli(
    fake: FakeDiscord, *args: str, env: Mapping[str, str], cwd: Path, timeout: float = 60
) -> tuple[int, str, str]:
    """`python -m bot ARGS` with discord.py pointed at the fake; (exit code, stdout, stderr).

    Asynchronous because the fake answering the child runs on this test's event loop.
    """
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(LAUNCHER),
        "cli",
        *args,
        env=child_env(fake, env),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


class CliProcess:
    """A long-running `python -m bot ARGS` (e.g. `run`) whose output is collected as it comes."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.output = bytearray()
        assert proc.stdout is not None
        self._drain = asyncio.ensure_future(self._collect(proc.stdout))

    @classmethod
    async def spawn(
        cls, fake: FakeDiscord, *args: str, env: Mapping[str, str], cwd: Path
    ) -> CliProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(LAUNCHER),
            "cli",
            *args,
            env=child_env(fake, env),
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        return cls(proc)

    async def _collect(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.output.extend(chunk)

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", errors="replace")

    async def terminate(self, timeout: float = 15) -> int:
        """SIGTERM and wait; returns the exit code (SIGKILL after `timeout`)."""
        if self.proc.returncode is None:
            self.proc.terminate()
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.proc.kill()
            code = await self.proc.wait()
        await asyncio.wait_for(self._drain, timeout)
        return code


class BotProcess:
    """One run of the bot in a child process; `start()` again after `kill()` is a restart."""

    def __init__(
        self,
        fake: FakeDiscord,
        workdir: Path,
        *,
        database_path: Path,
        clock: datetime,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.fake = fake
        self.workdir = workdir
        self.database_path = database_path
        self.clock = clock
        self.env = dict(env or {})
        self.proc: asyncio.subprocess.Process | None = None
        self.control_path = workdir / "control.sock"
        self.log_path = workdir / "bot.log"
        self.starts = 0
        self._drain: asyncio.Future[None] | None = None

    async def start(self, timeout: float = 30) -> None:
        assert self.proc is None or self.proc.returncode is not None, "already running"
        self.control_path.unlink(missing_ok=True)
        env = child_env(
            self.fake,
            {
                "DATABASE_PATH": str(self.database_path),
                "RC_CONTROL": str(self.control_path),
                "RC_CLOCK": self.clock.isoformat(),
                **self.env,
            },
        )
        self.starts += 1
        with self.log_path.open("ab") as log:
            log.write(f"--- start {self.starts} ---\n".encode())
        # Through a pipe, not a file: a child with a file size limit (a full disk) can still log.
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(LAUNCHER),
            "run",
            env=env,
            cwd=self.workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert self.proc.stdout is not None
        self._drain = asyncio.ensure_future(self._copy_output(self.proc.stdout))
        await self.fake.wait_until(
            lambda: self.control_path.exists() or self.exited,
            timeout=timeout,
            what="the bot process to open its control socket",
        )
        assert not self.exited, f"the bot process exited at start:\n{self.log()[-3000:]}"
        await self.control("wait_ready", timeout=timeout)
        await self.fake.wait_until(
            lambda: self.fake.connected, timeout=timeout, what="the bot to connect"
        )

    async def _copy_output(self, stream: asyncio.StreamReader) -> None:
        with self.log_path.open("ab") as log:
            while line := await stream.readline():
                log.write(line)
                log.flush()

    @property
    def exited(self) -> bool:
        return self.proc is None or self.proc.returncode is not None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def control(self, op: str, timeout: float = 30, **values: Any) -> dict[str, Any]:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_unix_connection(str(self.control_path)), timeout
            )
        except OSError as exc:
            if self.proc is not None:
                await asyncio.wait_for(self.proc.wait(), 5)
            raise AssertionError(
                f"the bot process is gone ({exc!r}); its log ends with:\n{self.log()[-3000:]}"
            ) from exc
        try:
            writer.write(json.dumps({"op": op, **values}).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), timeout)
        finally:
            writer.close()
        if not line:
            raise ConnectionError(f"the bot process closed the control socket during {op!r}")
        answer = json.loads(line)
        assert answer.get("ok"), f"control {op!r} failed: {answer}\n{self.log()[-3000:]}"
        return answer

    async def set_clock(self, when: datetime) -> None:
        self.clock = when
        await self.control("set_clock", at=when.isoformat())

    def kill(self) -> None:
        """SIGKILL: no clean-up, no flush, no goodbye (what a power cut or OOM kill does)."""
        if self.proc is not None and self.proc.returncode is None:
            # the child may already be dead and reaped while asyncio has not yet set returncode
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGKILL)

    async def wait_exit(self, timeout: float = 10) -> int:
        assert self.proc is not None
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        if self._drain is not None:
            await asyncio.wait_for(self._drain, timeout)
        return code

    async def stop(self, timeout: float = 10) -> None:
        """SIGTERM (asyncio.run turns it into KeyboardInterrupt's clean shutdown), then SIGKILL."""
        if self.proc is None:
            return
        if self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except TimeoutError:
                self.kill()
                await self.proc.wait()
        if self._drain is not None:
            await asyncio.wait_for(self._drain, timeout)
