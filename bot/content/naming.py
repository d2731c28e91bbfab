"""The one way a section and a paragraph are named, everywhere the bot shows them.

* **path**: the numbers `/section` accepts, with full-width brackets as the article prints them:
  `三/（一）/第二`; unnumbered sections are their heading (`引言`, `结语`).
* **short label**: path + the section's short title, for lists, menus, autocomplete, footers,
  thread names and log lines: `二/第二 首脑外交`.
* **long label**: path + the heading without its leading ordinal, for titles:
  `二/第二 在政治层面，日本通过首脑外交…`.
* **paragraph**: `¶21`.

English readers get the English short title and heading when the content has them
(sections.yaml); the path stays as printed, because it is what commands accept.
"""

from __future__ import annotations

import re

from bot.content.model import Article, Section

_ASCII_BRACKETS = str.maketrans("()", "（）")
# the printed ordinal at the start of a heading: 一、 （一） 第一， (with their punctuation)
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[，,、]?)\s*"
)
SHORT_FALLBACK_CHARS = 10


def english(locale: object) -> bool:
    return str(locale or "").lower().startswith("en")


def display_path(section: Section) -> str:
    return section.path.translate(_ASCII_BRACKETS)


def numbered(section: Section) -> bool:
    return section.path != section.heading


def heading_text(section: Section, locale: object = None) -> str:
    """The heading without its printed ordinal (`第二，在政治层面…` → `在政治层面…`)."""
    if english(locale) and section.heading_en:
        return section.heading_en
    return _ORDINAL.sub("", section.heading) or section.heading


def short_title(section: Section, locale: object = None) -> str:
    if english(locale) and section.short_en:
        return section.short_en
    if section.short_zh:
        return section.short_zh
    text = heading_text(section)
    return text if len(text) <= SHORT_FALLBACK_CHARS else text[:SHORT_FALLBACK_CHARS] + "…"


def short_label(section: Section, locale: object = None) -> str:
    """`二/第二 首脑外交`; `结语` (zh) or `结语 Conclusion` (en) for an unnumbered section."""
    if not numbered(section):
        title = short_title(section, locale)
        return section.heading if title in (section.heading, "") else f"{section.heading} {title}"
    return f"{display_path(section)} {short_title(section, locale)}"


def long_label(section: Section, locale: object = None) -> str:
    """`二/第二 在政治层面，日本通过首脑外交…`; unnumbered sections as `short_label`."""
    if not numbered(section):
        return short_label(section, locale)
    return f"{display_path(section)} {heading_text(section, locale)}"


def paragraph_ref(ordinal: int) -> str:
    return f"¶{ordinal}"


def short_name(article: Article | None, section_id: str, locale: object = None) -> str:
    """`short_label` of a section given by id; the id itself when the content no longer has it
    (an old schedule or quiz may outlive a content edit)."""
    section = _find(article, section_id)
    return short_label(section, locale) if section is not None else section_id


def long_name(article: Article | None, section_id: str, locale: object = None) -> str:
    section = _find(article, section_id)
    return long_label(section, locale) if section is not None else section_id


def _find(article: Article | None, section_id: str) -> Section | None:
    if article is None:
        return None
    try:
        return article.section(section_id)
    except KeyError:
        return None
