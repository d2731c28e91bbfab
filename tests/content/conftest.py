"""Fixtures for the content tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.mini_article import mini_files, write_article


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content folder holding the complete mini article."""
    root = tmp_path / "content"
    write_article(root, mini_files())
    return root
