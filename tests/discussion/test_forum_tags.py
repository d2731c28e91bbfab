"""Which forum tag a discussion post carries: its section's top-level part."""

from __future__ import annotations

from bot.discussion.forum_tags import TAG_NAME_MAX, matching_tag, part_of, part_tag
from tests.factories import discussion_article

ARTICLE = discussion_article()


def test_a_section_is_tagged_with_its_top_level_part() -> None:
    """三（一）第二 belongs to part 三; a sub-section of 二 to 二; a part to itself."""
    assert part_of(ARTICLE, "s3-1-p2") == "s3"
    assert part_tag(ARTICLE, "s3-1-p2") == "三"
    assert part_tag(ARTICLE, "s2-p1") == "二"
    assert part_tag(ARTICLE, "s1") == "一"


def test_unnumbered_parts_are_tagged_with_their_name() -> None:
    """引言 and 结语 have no printed number: the tag is their name, within Discord's 20 chars."""
    assert part_tag(ARTICLE, "conclusion") == "结语"
    assert part_tag(ARTICLE, "intro") == "引言"
    for section in ARTICLE.sections:
        assert 1 <= len(part_tag(ARTICLE, section.id)) <= TAG_NAME_MAX


def test_an_existing_tag_is_used_exactly_or_by_its_number() -> None:
    """A moderator's own tag `二 · 政策手段` stands for part 二; `一二` or `十一` does not stand for 一."""
    assert matching_tag("二", ["一", "二", "三"]) == 1
    assert matching_tag("二", ["一、战略定位", "二 · 政策手段"]) == 1
    assert matching_tag("一", ["一二", "十一", "一月"]) is None
    assert matching_tag("结语", ["结语（总结）"]) == 0
    assert matching_tag("Intro", [" intro "]) == 0
    assert matching_tag("三", []) is None


def test_an_exact_tag_wins_over_a_longer_one() -> None:
    assert matching_tag("二", ["二、政策手段", "二"]) == 1
