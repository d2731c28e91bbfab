"""Commands named in replies become clickable mentions once their ids are known."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.i18n import t
from bot.i18n.mentions import link_commands, register_commands


@pytest.fixture
def registered() -> Iterator[None]:
    register_commands(
        [("discuss", 11), ("discuss-mod cancel", 11), ("discuss-mod cancel-plan", 11)]
    )
    yield
    register_commands([])


def test_plain_text_until_the_ids_are_known() -> None:
    register_commands([])
    assert link_commands("use `/discuss-mod cancel`") == "use `/discuss-mod cancel`"


def test_command_becomes_a_mention_and_options_stay_code(registered: None) -> None:
    assert (
        link_commands("`/discuss-mod cancel-plan plan:1`")
        == "</discuss-mod cancel-plan:11> `plan:1`"
    )
    assert link_commands("`/discuss-mod cancel`, `/discuss list`") == (
        "</discuss-mod cancel:11>, </discuss:11> `list`"
    )
    assert link_commands("`/unknown thing`") == "`/unknown thing`"


def test_catalogue_texts_are_linked(registered: None) -> None:
    text = t("discussion.cancel.whole_plan", "en", plan=2)
    assert "</discuss-mod cancel-plan:11> `plan:2`" in text and "`/discuss-mod" not in text
