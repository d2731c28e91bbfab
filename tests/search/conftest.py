"""Fixtures for the search unit tests: the hand-made search article (tests/factories.py) and an
engine built on it (no content files involved)."""

from __future__ import annotations

import pytest

from bot.content.model import Article
from bot.search import SearchEngine
from tests.factories import search_article


@pytest.fixture(scope="session")
def article() -> Article:
    return search_article()


@pytest.fixture(scope="session")
def engine(article: Article) -> SearchEngine:
    return SearchEngine.build([article])
