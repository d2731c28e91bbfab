"""Failure reasons are codes with details, told in each moderator's language; rows written by
earlier versions (English text only) are converted by migration 0011."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cogs.failure_log import describe_reason
from bot.scheduling.reasons import Reason, ReasonCode, discord_refused, missing_permissions
from bot.storage.migrations import apply_migrations


@pytest.mark.parametrize(
    ("reason", "zh", "en"),
    [
        (Reason(ReasonCode.NO_QUESTIONS), "还没有问答题目", "has no quiz questions yet"),
        (Reason(ReasonCode.CHANNEL_GONE), "频道已被删除", "the channel was deleted"),
        (missing_permissions("reading", ["embed_links"]), "缺少权限", "Embed Links"),
        (discord_refused("thread", 403, "Missing Access"), "Discord 拒绝了", "Discord refused"),
        (Reason(ReasonCode.SECTION_GONE, {"section": "s9"}), "章节 s9", "section s9"),
    ],
)
def test_every_reason_reads_in_both_languages(reason: Reason, zh: str, en: str) -> None:
    """A zh-CN moderator reads Chinese, never the English log text."""
    chinese = describe_reason(reason, "zh-CN")
    assert zh in chinese and reason.text not in chinese
    assert en in describe_reason(reason, "en-US")


def test_every_code_has_a_catalogue_text() -> None:
    for code in ReasonCode:
        details = {"channel": "c", "permissions": "", "section": "s", "what": "w", "status": "1"}
        details |= {"detail": "d", "error": "e"}
        assert describe_reason(Reason(code, details), "zh-CN") != "?"


def test_migration_converts_the_english_reasons_of_earlier_versions(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    apply_migrations(conn, up_to=10)
    conn.execute(
        "INSERT INTO schedules (id, guild_id, kind, channel_id, timezone, run_at, created_by,"
        " created_at, number) VALUES (1, 1, 'quiz', 1, 'UTC', '2026-01-01T00:00:00Z', 1, 'x', 1)"
    )
    texts = [
        "missing permissions in #reading: send_messages, embed_links",
        "section 's2-p9' is no longer in the article",
        "the bot was offline beyond the grace window",
        "unexpected error: KeyError",
        "Discord refused the quiz post: 403 Missing Access",
    ]
    for index, text in enumerate(texts):
        conn.execute(
            "INSERT INTO occurrences (schedule_id, due_at, status, claimed_at, reason)"
            " VALUES (1, ?, 'failed', 'x', ?)",
            (f"2026-01-0{index + 1}T00:00:00Z", text),
        )
    apply_migrations(conn)
    rows = conn.execute(
        "SELECT reason_code, reason_details FROM occurrences ORDER BY id"
    ).fetchall()
    found = [Reason.stored(code, details) for code, details in rows]
    assert found == [
        missing_permissions("reading", ["send_messages", "embed_links"]),
        Reason(ReasonCode.SECTION_GONE, {"section": "s2-p9"}),
        Reason(ReasonCode.MISSED_GRACE),
        Reason(ReasonCode.UNEXPECTED, {"error": "KeyError"}),
        Reason(
            ReasonCode.DISCORD_REFUSED,
            {"what": "post", "status": "", "detail": texts[4]},
        ),
    ]
