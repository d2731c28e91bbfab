"""Which sections a reading plan walks through (finding a section by typed text: bot.content.section_lookup).

A plan is one session per *reading unit*, in reading order:

- the abstract is left out: it summarises the whole article, so it is nothing to read in a week;
- an unnumbered or childless top-level section (引言, 结语) is one unit;
- a numbered part with sub-sections (一、… with （一）（二）（三）, or 二、… with 第一…第五) is split into
  its sub-sections, each one unit together with its own points (三（一） keeps 第一-第三 with it).

Depth-2 sections are the natural weekly reading: a top-level part runs to a dozen long paragraphs,
while a depth-3 point is often a single paragraph. A part's own paragraphs are read with the
sub-section next to them (its lead with the first, a closing remark with the one it follows; see
`starter.absorbed_paragraphs`), so a plan reads every paragraph of the article exactly once.
"""

from __future__ import annotations

from bot.content.article_format import ABSTRACT_SECTION_ID
from bot.content.model import Article, Section


def plan_units(article: Article) -> list[Section]:
    """The sections a whole-article plan opens, in reading order (see the module docstring)."""
    units: list[Section] = []
    for top in article.children(None):
        if top.id == ABSTRACT_SECTION_ID:
            continue
        children = article.children(top.id)
        units.extend(children or [top])
    return [s for s in units if article.paragraphs_of(s.id, recursive=True)]


def units_from(article: Article, section_id: str | None) -> list[Section]:
    """The plan's units starting with the one that holds `section_id` (or the first after it).

    Choosing a part (一) starts at its first sub-section; choosing a point (三（一）第二) starts at
    the sub-section it belongs to, so a plan never opens a fragment of a unit.
    """
    units = plan_units(article)
    if section_id is None:
        return units
    wanted = article.section(section_id)
    for index, unit in enumerate(units):
        inside = {unit.id} | {d.id for d in article.descendants(unit.id)}
        if wanted.id in inside or wanted.ordinal <= unit.ordinal:
            return units[index:]
    return []
