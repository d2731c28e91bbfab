"""Why a scheduled run failed or was missed, as a code and its details, never as prose.

Stored with the occurrence (migration 0011) and told to moderators in their language from the
message catalogue (`config.reason.<code>`); the English `text` is what the log file says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum


class ReasonCode(StrEnum):
    MISSED_GRACE = "missed_grace"  # the bot was down past the grace window
    MISSED_OFFLINE = "missed_offline"
    INTERRUPTED = "interrupted"  # a crash mid-run, found too late to finish
    MISSING_PERMISSIONS = "missing_permissions"  # details: channel, permissions (comma-separated)
    CHANNEL_GONE = "channel_gone"
    LEFT_GUILD = "left_guild"
    NO_QUESTIONS = "no_questions"
    NO_ARTICLE = "no_article"
    SECTION_GONE = "section_gone"  # details: section
    DISCORD_REFUSED = "discord_refused"  # details: what, status, detail
    UNEXPECTED = "unexpected"  # details: error


_TEXT = {
    ReasonCode.MISSED_GRACE: "missed: the bot was offline beyond the grace window",
    ReasonCode.MISSED_OFFLINE: "missed: the bot was offline",
    ReasonCode.INTERRUPTED: "interrupted, and too late to send",
    ReasonCode.MISSING_PERMISSIONS: "missing permissions in #{channel}: {permissions}",
    ReasonCode.CHANNEL_GONE: "the channel no longer exists or the bot cannot see it",
    ReasonCode.LEFT_GUILD: "the bot is no longer in the server",
    ReasonCode.NO_QUESTIONS: "no quiz questions are loaded",
    ReasonCode.NO_ARTICLE: "no article is loaded",
    ReasonCode.SECTION_GONE: "section {section!r} is no longer in the article",
    ReasonCode.DISCORD_REFUSED: "Discord refused the {what} ({status}): {detail}",
    ReasonCode.UNEXPECTED: "unexpected error: {error}",
}


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    details: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """English, for the log file (moderators read `config.reason.<code>` in their language)."""
        try:
            return _TEXT[self.code].format(**self.details)
        except (KeyError, IndexError):
            return f"{self.code.value} {self.details}"

    def details_json(self) -> str:
        return json.dumps(self.details, ensure_ascii=False, sort_keys=True)

    @classmethod
    def stored(cls, code: str | None, details: str | None) -> Reason | None:
        if code is None:
            return None
        try:
            parsed = ReasonCode(code)
        except ValueError:
            return cls(ReasonCode.UNEXPECTED, {"error": code})
        loaded = json.loads(details) if details else {}
        return cls(parsed, {str(k): str(v) for k, v in dict(loaded).items()})


def missing_permissions(channel: str, permissions: list[str]) -> Reason:
    return Reason(
        ReasonCode.MISSING_PERMISSIONS,
        {"channel": channel, "permissions": ", ".join(permissions)},
    )


def discord_refused(what: str, status: int, detail: str) -> Reason:
    return Reason(
        ReasonCode.DISCORD_REFUSED, {"what": what, "status": str(status), "detail": detail[:200]}
    )
