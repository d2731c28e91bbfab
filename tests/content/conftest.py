"""Fixtures for the content tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import mini_article_files, write_article_folder


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content folder holding the complete mini article."""
    root = tmp_path / "content"
    write_article_folder(root, mini_article_files())
    return root
