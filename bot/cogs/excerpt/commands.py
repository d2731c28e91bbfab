"""/excerpt: look up a passage, with autocomplete, neighbour buttons and other hits.

The buttons and the menu are DynamicItems whose custom ids carry the article and paragraph, so
they keep working after a restart with nothing stored.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, services_of
from bot.content.model import Article, Paragraph
from bot.content.naming import long_label, paragraph_ref
from bot.i18n import t
from bot.search import Hit, SearchEngine, render_snippet
from bot.services import Services
from bot.ui.components import AnswersFailures
from bot.ui.failures import UserFacingError
from bot.ui.limits import (
    CHOICE_NAME_MAX,
    CHOICE_VALUE_MAX,
    CHOICES_MAX,
    ELLIPSIS,
    SELECT_OPTION_LABEL_MAX,
    clip,
)
from bot.ui.passage_embed import bold_spans, escape, neighbour, passage_embed
from bot.ui.share import add_share_button, asked_line, send_lookup

PICK_PREFIX = "§"  # autocomplete values: §slug/pid§query — "show exactly this passage"
_PICK = re.compile(r"^§(?P<slug>[a-z0-9-]{1,40})/(?P<pid>[A-Za-z0-9_-]{1,20})§(?P<query>.*)$", re.S)
OTHER_HITS = 5


def find_paragraph(
    services: Services, slug: str, paragraph_id: str
) -> tuple[Article, Paragraph] | None:
    for article in services.articles:
        if article.meta.slug == slug:
            try:
                return article, article.paragraph(paragraph_id)
            except KeyError:
                return None
    return None


def pick_value(hit: Hit, query: str) -> str:
    return clip(
        f"{PICK_PREFIX}{hit.article_slug}/{hit.paragraph_id}{PICK_PREFIX}{query}", CHOICE_VALUE_MAX
    ).rstrip("…")


def passage_view(
    article: Article,
    paragraph: Paragraph,
    locale: object,
    others: list[Hit] | None = None,
    *,
    partial: bool = False,
) -> discord.ui.View:
    """Previous/next, "full paragraph" only when the embed shows part of it, then other hits."""
    slug = article.meta.slug
    view = discord.ui.View(timeout=None)
    view.add_item(
        PassageButton(
            "prev",
            slug,
            paragraph.id,
            t("excerpt.previous", locale),
            neighbour(article, paragraph, -1) is None,
        )
    )
    view.add_item(
        PassageButton(
            "next",
            slug,
            paragraph.id,
            t("excerpt.next", locale),
            neighbour(article, paragraph, 1) is None,
        )
    )
    if partial:
        view.add_item(PassageButton("full", slug, paragraph.id, t("excerpt.full", locale), False))
    if others:
        view.add_item(OtherHitsSelect.build(slug, others, locale))
    return view


class PassageButton(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"xp:(?P<action>prev|next|full):(?P<slug>[a-z0-9-]{1,40}):(?P<pid>[A-Za-z0-9_-]{1,20})",
):
    def __init__(
        self, action: str, slug: str, paragraph_id: str, label: str = "", disabled: bool = False
    ) -> None:
        self.action, self.slug, self.paragraph_id = action, slug, paragraph_id
        style = discord.ButtonStyle.primary if action == "full" else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label or action,
                style=style,
                disabled=disabled,
                custom_id=f"xp:{action}:{slug}:{paragraph_id}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PassageButton:
        return cls(match["action"], match["slug"], match["pid"], getattr(item, "label", "") or "")

    async def handle(self, interaction: Interaction) -> None:
        services = services_of(interaction)
        found = find_paragraph(services, self.slug, self.paragraph_id)
        if found is None:
            raise UserFacingError("excerpt.gone")
        article, paragraph = found
        if self.action != "full":
            target = neighbour(article, paragraph, -1 if self.action == "prev" else 1)
            if target is None:
                raise UserFacingError("excerpt.no_neighbour")
            paragraph = target
        await show_passage(interaction, article, paragraph)


class OtherHitsSelect(
    AnswersFailures,
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"xp:hits:(?P<slug>[a-z0-9-]{1,40})",
):
    def __init__(self, slug: str, select: discord.ui.Select[Any] | None = None) -> None:
        self.slug = slug
        super().__init__(
            select
            or discord.ui.Select(
                custom_id=f"xp:hits:{slug}", options=[discord.SelectOption(label="-")]
            )
        )

    @classmethod
    def build(
        cls, slug: str, hits: list[Hit], locale: object, *, placeholder: str = "excerpt.other_hits"
    ) -> OtherHitsSelect:
        options = [
            discord.SelectOption(
                label=clip(render_snippet(hit, SELECT_OPTION_LABEL_MAX), SELECT_OPTION_LABEL_MAX),
                value=hit.paragraph_id,
                description=clip(hit.heading, 100),
            )
            for hit in hits[:25]
        ]
        select: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"xp:hits:{slug}",
            placeholder=t(placeholder, locale),
            options=options,
        )
        return cls(slug, select)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> OtherHitsSelect:
        return cls(match["slug"], item if isinstance(item, discord.ui.Select) else None)

    async def handle(self, interaction: Interaction) -> None:
        data: dict[str, Any] = dict(interaction.data or {})
        values = data.get("values") or []
        found = (
            find_paragraph(services_of(interaction), self.slug, str(values[0])) if values else None
        )
        if found is None:
            raise UserFacingError("excerpt.gone")
        await show_passage(interaction, *found)


async def show_passage(interaction: Interaction, article: Article, paragraph: Paragraph) -> None:
    """A whole paragraph: in place when the message is private to this user, else privately."""
    locale = interaction.locale
    embed = passage_embed(article, paragraph, locale)
    view = passage_view(article, paragraph, locale)
    message = interaction.message
    add_share_button(view, locale)
    if message is not None and message.flags.ephemeral:
        # the asked line replaces whatever was there (e.g. the list of closest passages)
        await interaction.response.edit_message(
            content=asked_line("excerpt", paragraph_ref(paragraph.ordinal)), embed=embed, view=view
        )
    else:
        await interaction.response.send_message(
            asked_line("excerpt", paragraph_ref(paragraph.ordinal)),
            embed=embed,
            view=view,
            ephemeral=True,
        )


class ExcerptCog(commands.Cog):
    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=_("excerpt"),
        description=_("Find the passage of the article that matches what you type"),
    )
    @app_commands.describe(
        query=_(
            "Words, a phrase, keywords or English terms (typos and traditional characters are fine)"
        ),
        private=_("Only you see the answer (default: yes, except in the server's lookup channel)"),
    )
    async def excerpt(
        self, interaction: Interaction, query: str, private: bool | None = None
    ) -> None:
        services = services_of(interaction)
        locale = interaction.locale
        picked = _PICK.match(query)
        text = picked["query"] if picked else query
        if not text.strip() and not picked:
            raise UserFacingError("excerpt.empty_query")
        engine = services.search
        if engine is None:
            raise UserFacingError("error.no_content")
        reading = await services.article_for(interaction.guild_id)
        here = reading.meta.slug if reading is not None else None
        hits = engine.search(text, limit=OTHER_HITS + 1, article=here) if text.strip() else []
        elsewhere = better_elsewhere(engine, text, here, hits) if not picked else None
        if elsewhere is not None:
            hits = [elsewhere]
        chosen = None
        if picked:
            chosen = next(
                (
                    h
                    for h in hits
                    if h.paragraph_id == picked["pid"] and h.article_slug == picked["slug"]
                ),
                None,
            )
            if chosen is None:
                found = find_paragraph(services, picked["slug"], picked["pid"])
                if found is None:
                    raise UserFacingError("excerpt.gone")
                await send_lookup(
                    interaction,
                    command="excerpt",
                    asked=text,
                    embed=passage_embed(*found, locale),
                    view=passage_view(*found, locale),
                    private=private,
                )
                return
        elif hits and hits[0].confidence != "high":
            # not sure: offer the closest passages as such, privately, never as the answer
            await interaction.response.send_message(
                closest_text(hits, text, locale),
                view=closest_view(hits, locale),
                ephemeral=True,
            )
            return
        elif hits:
            chosen = hits[0]
        if chosen is None:
            await interaction.response.send_message(
                no_hit_text(services, text, locale), ephemeral=True
            )
            return
        found = find_paragraph(services, chosen.article_slug, chosen.paragraph_id)
        if found is None:
            raise UserFacingError("excerpt.gone")
        article, paragraph = found
        body, partial = excerpt_body(chosen)
        embed = passage_embed(article, paragraph, locale, body=body)
        if chosen.article_slug != here:
            embed.set_author(
                name=clip(t("excerpt.other_article", locale, title=article.meta.title), 256)
            )
        others = [h for h in hits if h.paragraph_id != chosen.paragraph_id][: OTHER_HITS - 1]
        await send_lookup(
            interaction,
            command="excerpt",
            asked=text,
            embed=embed,
            view=passage_view(article, paragraph, locale, others, partial=partial),
            private=private,
        )

    @excerpt.autocomplete("query")
    async def excerpt_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        services = services_of(interaction)
        if not current.strip() or services.search is None:
            return []
        reading = await services.article_for(interaction.guild_id)
        hits = services.search.suggest(
            current[:200], limit=CHOICES_MAX, article=reading.meta.slug if reading else None
        )
        return [
            app_commands.Choice(name=choice_name(hit), value=pick_value(hit, current))
            for hit in hits
        ]


def better_elsewhere(
    engine: SearchEngine, text: str, here: str | None, hits: list[Hit]
) -> Hit | None:
    """A sure passage in another article of the library, when this server's article has none:
    members reading the next article still find what they remember from the last one."""
    if not text.strip() or (hits and hits[0].confidence == "high"):
        return None
    best = engine.search(text, limit=1)
    if best and best[0].article_slug != here and best[0].confidence == "high":
        return best[0]
    return None


CLOSEST_MARK = "≈ "  # an autocomplete choice that is a closest passage, not a sure match


def choice_name(hit: Hit) -> str:
    mark = CLOSEST_MARK if hit.confidence != "high" else ""
    width = CHOICE_NAME_MAX - len(mark)
    return mark + clip(render_snippet(hit, width), width)


def closest_text(hits: list[Hit], query: str, locale: object) -> str:
    """The closest passages, numbered, each with where it is: a list to pick from."""
    lines = [t("excerpt.closest", locale, query=clip(discord.utils.escape_markdown(query), 80))]
    for number, hit in enumerate(hits[:OTHER_HITS], start=1):
        snippet = escape(render_snippet(hit, 90, with_path=False))
        lines.append(
            f"**{number}.** {escape(hit.section_path)} ¶{hit.paragraph_ordinal} · {snippet}"
        )
    lines.append(t("excerpt.closest_pick", locale))
    return "\n".join(lines)


def closest_view(hits: list[Hit], locale: object) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    slug = hits[0].article_slug
    same_article = [h for h in hits[:OTHER_HITS] if h.article_slug == slug]
    view.add_item(OtherHitsSelect.build(slug, same_article, locale, placeholder="excerpt.open_one"))
    return view


def excerpt_body(hit: Hit) -> tuple[str, bool]:
    """The hit's excerpt with its matches in bold, marked `…` where it cuts the paragraph short;
    and whether it is only part of the paragraph (then a "full paragraph" button is useful).
    """
    body = bold_spans(hit.excerpt, hit.highlights)
    start = max(hit.excerpt_start, 0)
    end = start + len(hit.excerpt)
    cut_before = bool(hit.text[:start].strip())
    cut_after = bool(hit.text[end:].strip())
    if cut_before and not hit.excerpt.startswith(ELLIPSIS):
        body = ELLIPSIS + body
    if cut_after and not hit.excerpt.endswith(ELLIPSIS):
        body += ELLIPSIS
    return body, cut_before or cut_after


def no_hit_text(services: Services, query: str, locale: object) -> str:
    lines = [t("excerpt.no_hit", locale, query=clip(discord.utils.escape_markdown(query), 80))]
    sections = services.search.closest_sections(query, limit=3) if services.search else []
    if sections:
        listing = "\n".join(f"• {escape(long_label(s))}" for s in sections)
        lines.append(t("excerpt.closest_sections", locale, sections=listing))
    else:
        lines.append(t("excerpt.no_sections", locale))
    return "\n".join(lines)
