"""`python -m bot search`: human and JSON output, stdin batches, content loaded on first use."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.search.labelled_helpers import CONTENT_DIR


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database and the real content folder."""
    database = tmp_path / "bot.db"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    monkeypatch.setenv("CONTENT_DIR", str(CONTENT_DIR))
    monkeypatch.chdir(tmp_path)  # no stray .env
    return database


def test_json_output_is_one_line_of_hits(env: Path, capsys: pytest.CaptureFixture[str]):
    """`--json` prints one JSON list, best first, with the documented fields."""
    assert main(["search", "--json", "--limit", "2", "Abe Trump golf"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    hits = json.loads(lines[0])
    assert 1 <= len(hits) <= 2
    first = hits[0]
    for key in ("rank", "score", "section_id", "section_path", "heading", "paragraph_id"):
        assert key in first
    assert first["confidence"] == "high"
    assert first["rank"] == 1 and first["section_path"] == "二/第二"
    assert "高尔夫" in first["excerpt"] and first["excerpt"] in first["text"]


def test_stdin_batch_answers_each_line(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    """`-` reads one query per line and prints one JSON line per query, `[]` for no match."""
    monkeypatch.setattr("sys.stdin", io.StringIO("高尔夫 特朗普\npizza recipe\n\n寿司\n"))
    assert main(["search", "--json", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    answers = [json.loads(line) for line in lines]
    assert answers[0] and answers[1] == [] and answers[2] == [] and answers[3]


def test_human_output_marks_the_match(env: Path, capsys: pytest.CaptureFixture[str]):
    """Human output shows path, paragraph, heading and the excerpt with the match marked."""
    assert main(["search", "高爾夫外交"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. 二/第二 [p")
    assert "【高尔夫外交】" in out


def test_human_output_offers_sections_when_nothing_matches(
    env: Path, capsys: pytest.CaptureFixture[str]
):
    """Nothing in common: say so and list section titles; partly related: closest passages."""
    assert main(["search", "pizza recipe"]) == 0
    out = capsys.readouterr().out
    assert "nothing in the article matches" in out and "closest sections:" in out
    assert main(["search", "欧盟碳关税"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("no confident match for '欧盟碳关税'; closest passages:\n1. ")


def test_article_filter_and_bad_limit(env: Path, capsys: pytest.CaptureFixture[str]):
    """An unknown article finds nothing; `--limit 0` is a usage error."""
    assert main(["search", "--json", "--article", "nope", "寿司"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    with pytest.raises(SystemExit) as exc:
        main(["search", "--limit", "0", "寿司"])
    assert exc.value.code == 2
