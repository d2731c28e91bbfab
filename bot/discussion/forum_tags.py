"""Which forum tag a discussion post carries: the top-level part of the article its section is in
(一, 二, 三, or 结语 for a part without a number), so a forum reads like the article's outline and a
member can filter the posts of one part.

Pure choices (no Discord here): the Discord side asks `part_tag` for the name and `matching_tag`
which of the forum's existing tags stands for it, and creates the tag only when none does.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.model import Article

TAG_NAME_MAX = 20  # Discord's limit for a forum tag's name
TAGS_MAX = 20  # a forum holds at most 20 tags
# A moderator may have named the part's tag more fully ("二 · 政策手段", "二、政策手段"): a tag that
# starts with the part's number and then one of these is taken as that part's tag.
_AFTER_NUMBER = (" ", "、", "·", "・", ".", ":", "：", "-", "—", "（", "(")


def part_of(article: Article, section_id: str) -> str:
    """The id of the top-level section that holds `section_id` (itself when it is top-level)."""
    section = article.section(section_id)
    while section.parent_id is not None:
        section = article.section(section.parent_id)
    return section.id


def part_tag(article: Article, section_id: str) -> str:
    """The tag name of a section's part: its printed number (`二`), else its short title or heading
    (`结语`, `引言`), within Discord's 20 characters."""
    part = article.section(part_of(article, section_id))
    name = (part.label or part.short_zh or part.heading).strip()
    return name[:TAG_NAME_MAX] or part.id[:TAG_NAME_MAX]


def matching_tag(name: str, existing: Sequence[str]) -> int | None:
    """The index of the tag in `existing` that stands for `name`: the same name (ignoring case and
    surrounding spaces), else one that starts with it and then a separator; None if there is none."""
    wanted = name.strip().casefold()
    folded = [tag.strip().casefold() for tag in existing]
    for index, tag in enumerate(folded):
        if tag == wanted:
            return index
    for index, tag in enumerate(folded):
        if tag.startswith(wanted) and tag[len(wanted) : len(wanted) + 1] in _AFTER_NUMBER:
            return index
    return None
