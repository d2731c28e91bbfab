"""How a passage of the article looks in Discord: one embed, the same wherever a passage is shown
(lookups, quiz reveals, discussion openings), always with its citation.
"""

from __future__ import annotations

import re

import discord

from bot.content.model import Article, Paragraph, Section
from bot.content.naming import long_label, short_label
from bot.i18n import t
from bot.ui.limits import EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, clip, fit_embed

EMBED_COLOUR = discord.Colour.from_rgb(176, 58, 46)
# A web address inside a footnote. Discord links everything up to the next space, so a URL followed
# directly by `、2020-12-15.` would become a broken link unless a space is put after it.
_URL = re.compile(r"https?://[^\s<>\"“”「」（）《》，。、；,]+")


def citation(article: Article, section: Section) -> str:
    """`朱海燕，《…》，《国际政治研究》2021年第5期 · 二/第三 外交` — what a footer says about the
    source (the section's short label)."""
    return f"{article.meta.citation} · {short_label(section)}"


def escape(text: str) -> str:
    """Article text shown as-is: markdown characters would otherwise change how it renders."""
    return discord.utils.escape_markdown(text, as_needed=False)


def bold_spans(text: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    """Escape the text and wrap the matched spans in bold, without breaking the escaping."""
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last or end <= start:
            continue
        out.append(escape(text[last:start]))
        out.append(f"**{escape(text[start:end])}**")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def position_text(article: Article, paragraph: Paragraph, locale: object) -> str:
    if paragraph.ordinal <= 0:
        return t("excerpt.position_abstract", locale)
    total = sum(1 for p in article.paragraphs if p.ordinal > 0)
    return t("excerpt.position", locale, ordinal=paragraph.ordinal, total=total)


def passage_embed(
    article: Article,
    paragraph: Paragraph,
    locale: object,
    *,
    body: str | None = None,
) -> discord.Embed:
    """An embed for `paragraph`; `body` (already escaped/marked) replaces the full text if given."""
    section = article.section(paragraph.section_id)
    description = body if body is not None else escape(paragraph.text)
    embed = discord.Embed(
        title=clip(long_label(section, locale), 256),
        description=clip(description, EMBED_DESCRIPTION_MAX),
        colour=EMBED_COLOUR,
    )
    embed.add_field(
        name=t("excerpt.paragraph", locale), value=position_text(article, paragraph, locale)
    )
    sources = footnote_lines(article, paragraph)
    if sources:
        embed.add_field(
            name=t("excerpt.sources", locale),
            value=clip("\n".join(sources), EMBED_FIELD_VALUE_MAX),
            inline=False,
        )
    embed.set_footer(text=citation(article, section))
    return fit_embed(embed)


def footnote_lines(article: Article, paragraph: Paragraph) -> list[str]:
    by_id = {f.id: f for f in article.footnotes}
    return [
        f"• {footnote_text(clip(by_id[fid].text, 300))}"
        for fid in paragraph.footnote_ids
        if fid in by_id
    ]


def footnote_text(text: str) -> str:
    """A footnote with its markdown escaped and a space after each web address, so it links."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = match[0].rstrip(".:;!?)")
        out += [escape(text[last : match.start()]), url]
        last = match.start() + len(url)
        rest = text[last : last + 2]
        if rest and not rest[0].isspace() and not (rest[0] in ".,;:" and rest[1:].strip() == ""):
            out.append(" ")
    out.append(escape(text[last:]))
    return "".join(out)


def neighbour(article: Article, paragraph: Paragraph, step: int) -> Paragraph | None:
    """The body paragraph before/after (the abstract stands alone)."""
    if paragraph.ordinal <= 0:
        return None
    wanted = paragraph.ordinal + step
    for candidate in article.paragraphs:
        if candidate.ordinal == wanted and wanted > 0:
            return candidate
    return None
