"""`python -m bot content …` end to end: the repository's real content passes `check`, and the
CLI prints problems, loads and shows what the database holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import DEFAULT_CONTENT_DIR
from tests.factories import MINI_ARTICLE_MD, MINI_SLUG, write_article_folder


def test_repository_content_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["content", "check", "--content-dir", str(DEFAULT_CONTENT_DIR)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("OK\n")
    assert "zhu-2021-japan-us-alliance:" in out


def test_check_prints_problems_with_file_line_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article_folder(
        tmp_path, {"article.md": MINI_ARTICLE_MD.replace("@resume s1", "@resume s9")}
    )
    code = main(["content", "check", "--content-dir", str(tmp_path)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert (
        "articles/mini-article/article.md:31: @resume names unknown section 's9' "
        "(fix: use the id of a section opened above this line)"
    ) in out


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "no-such-folder"))
    return path


def test_load_then_show(
    database: Path, content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "show"]) == 1  # nothing loaded yet
    assert main(["content", "load", "--content-dir", str(content_dir)]) == 0
    assert main(["content", "load", "--content-dir", str(content_dir)]) == 0
    out, _ = capsys.readouterr()
    assert f"loaded {MINI_SLUG}: 5 sections, 7 paragraphs" in out
    assert f"unchanged {MINI_SLUG}" in out

    assert main(["content", "show"]) == 0
    tree, _ = capsys.readouterr()
    assert "[s1-1] 一/(一) | （一）同盟是基轴" in tree
    assert "\n@resume s1\n" in tree
    assert tree.index("p04:") < tree.index("@resume s1") < tree.index("p05:")
    assert "fn03 @ (place lost): 位置丢失的注释。" in tree

    assert main(["content", "show", "--json", "--article", MINI_SLUG]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["slug"] == MINI_SLUG
    assert [s["id"] for s in data["sections"]] == ["abstract", "intro", "s1", "s1-1", "conclusion"]
    assert (
        data["sections"][3]["paragraphs"][0]["text"] == "日美同盟是日本外交与安全相关政策的基轴。"
    )
    assert data["glossary"][0]["aliases"] == ["Shinzo Abe", "安倍"]
    assert len(data["facts"]) == 2


def test_load_refuses_invalid_content(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_article_folder(tmp_path / "bad", {"article.md": "no front matter\n"})
    assert main(["content", "load", "--content-dir", str(tmp_path / "bad")]) == 1
    out, err = capsys.readouterr()
    assert "article.md:1: the file does not start with a front matter block" in out
    assert "nothing loaded" in err


def test_an_article_with_only_its_text_passes_and_says_what_it_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article at an early stage is usable: check passes and lists what is still to do."""
    write_article_folder(tmp_path, {"article.md": MINI_ARTICLE_MD})
    assert main(["content", "check", "--content-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK\n")
    assert "still to do: no quiz.yaml yet (/quiz has no questions)" in out
    assert "still to do: no prompts.yaml yet (discussions open with generic prompts)" in out


def test_the_real_article_lacks_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Every section of the group's article has its questions and prompts."""
    assert main(["content", "check", "--content-dir", str(DEFAULT_CONTENT_DIR)]) == 0
    assert "still to do" not in capsys.readouterr().out
