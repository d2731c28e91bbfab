"""/config: a server's time zone, moderator role, log channel, announcement role and thread
archive time.

Every command needs Manage Server, checked in code (a server can change who sees the commands,
and Discord ignores default permissions on subcommands). The setup also registers the runner's
failure listener that writes to the log channel, for quizzes and discussions alike.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.app import ReadingCircleBot
from bot.cogs.common import Interaction, ServiceCog
from bot.cogs.config.zones import canonical_zone, describe_zone, search_zones
from bot.content.shelf import find_article, search_articles
from bot.i18n import EN, ZH, language_of, t
from bot.ui.channels import refuse_unless_permitted
from bot.ui.checks import manage_guild_only
from bot.ui.failures import UserFacingError
from bot.ui.limits import CHOICE_NAME_MAX, CHOICES_MAX, clip, fit_embed

LOG_CHANNEL_PERMISSIONS = ("view_channel", "send_messages")
ARCHIVE_CHOICES = [
    app_commands.Choice(name=_("1 hour"), value=60),
    app_commands.Choice(name=_("1 day"), value=1440),
    app_commands.Choice(name=_("3 days"), value=4320),
    app_commands.Choice(name=_("1 week"), value=10080),
]


def refuse_unless_announceable(role: discord.Role, guild: discord.Guild) -> None:
    """A polite refusal for a role that must not or cannot be the announcement role: @everyone
    (its id is the server's; @here is no role at all), a role Discord or an integration manages
    (nobody opts into those), and a role the bot may not mention (Discord would post the message
    and silently drop the ping)."""
    if role.is_default():
        raise UserFacingError("config.announce_everyone")
    if role.managed:
        raise UserFacingError("config.announce_managed", role=role.mention)
    me = guild.me
    if not role.mentionable and not (me is not None and me.guild_permissions.mention_everyone):
        raise UserFacingError("config.announce_not_mentionable", role=role.mention)


def announce_role_shown(role_id: int | None, guild: discord.Guild, locale: object) -> str:
    if role_id is None:
        return t("config.show.no_announce_role", locale)
    if guild.get_role(role_id) is None:
        return t("config.show.announce_role_gone", locale, role_id=role_id)
    return f"<@&{role_id}>"


class ConfigCog(ServiceCog):
    config = app_commands.Group(
        name=_("config"),
        description=_("Server settings for the reading circle"),
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    @config.command(name=_("timezone"), description=_("Time zone for schedules on this server"))
    @app_commands.describe(name=_("IANA time zone name, e.g. Asia/Shanghai"))
    @manage_guild_only()
    async def timezone(self, interaction: Interaction, name: str) -> None:
        assert interaction.guild is not None
        zone = canonical_zone(name)
        if zone is None:
            suggestions = search_zones(name, 3) or ["Asia/Shanghai", "Europe/Berlin"]
            raise UserFacingError(
                "config.bad_timezone",
                name=clip(discord.utils.escape_markdown(name.strip()), 60),
                suggestions=("、" if language_of(interaction.locale) == ZH else ", ").join(
                    f"`{s}`" for s in suggestions
                ),
            )
        await self.services.guild_settings.set_timezone(interaction.guild.id, zone)
        await interaction.response.send_message(
            t(
                "config.timezone_set",
                interaction.locale,
                zone=describe_zone(zone, self.services.clock.now()),
            ),
            ephemeral=True,
        )

    @timezone.autocomplete("name")
    async def _zones(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        now = self.services.clock.now()
        return [
            app_commands.Choice(name=clip(describe_zone(zone, now), CHOICE_NAME_MAX), value=zone)
            for zone in search_zones(current, CHOICES_MAX)
        ]

    @config.command(
        name=_("moderator-role"), description=_("Role whose members may run moderator commands")
    )
    @app_commands.describe(role=_("The moderator role (leave empty to remove it)"))
    @manage_guild_only()
    async def moderator_role(
        self, interaction: Interaction, role: discord.Role | None = None
    ) -> None:
        assert interaction.guild is not None
        if role is not None and role.is_default():
            raise UserFacingError("config.role_everyone")
        await self.services.guild_settings.set_moderator_role(
            interaction.guild.id, role.id if role else None
        )
        text = (
            t("config.role_set", interaction.locale, role=role.mention)
            if role
            else t("config.role_cleared", interaction.locale)
        )
        await interaction.response.send_message(text, ephemeral=True)

    @config.command(
        name=_("announce-role"),
        description=_("Role pinged by quiz posts and discussion openings (opt-in)"),
    )
    @app_commands.describe(role=_("The role to ping (leave empty: ping nobody)"))
    @manage_guild_only()
    async def announce_role(
        self, interaction: Interaction, role: discord.Role | None = None
    ) -> None:
        """Leaving the option empty turns pings off: on a phone that is one tap, and it reads the
        same as /config moderator-role and log-channel. Only a role members can opt into and the
        bot may really ping is accepted, so a setting never promises a ping Discord would drop."""
        assert interaction.guild is not None
        if role is not None:
            refuse_unless_announceable(role, interaction.guild)
        await self.services.guild_settings.set_announce_role(
            interaction.guild.id, role.id if role else None
        )
        text = (
            t("config.announce_set", interaction.locale, role=role.mention)
            if role
            else t("config.announce_cleared", interaction.locale)
        )
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @config.command(
        name=_("log-channel"), description=_("Channel told about scheduled posts that failed")
    )
    @app_commands.describe(channel=_("The log channel (leave empty to stop logging)"))
    @manage_guild_only()
    async def log_channel(
        self, interaction: Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        if channel is None:
            await self.services.guild_settings.set_log_channel(interaction.guild.id, None)
            await interaction.response.send_message(t("config.log_cleared", locale), ephemeral=True)
            return
        refuse_unless_permitted(
            channel, LOG_CHANNEL_PERMISSIONS, "config.log_missing_permissions", locale
        )
        try:
            await channel.send(
                f"{t('config.log_hello', ZH)}\n{t('config.log_hello', EN)}",
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            raise UserFacingError(
                "config.log_unwritable", channel=channel.mention, detail=clip(str(exc.text), 200)
            ) from None
        await self.services.guild_settings.set_log_channel(interaction.guild.id, channel.id)
        await interaction.response.send_message(
            t("config.log_set", locale, channel=channel.mention), ephemeral=True
        )

    @config.command(name=_("article"), description=_("Choose the article this server reads now"))
    @app_commands.describe(
        article=_("Pick from the library (leave empty for the library's default)")
    )
    @manage_guild_only()
    async def article(self, interaction: Interaction, article: str | None = None) -> None:
        """Switching never touches history: quizzes, scores and discussions keep their article."""
        assert interaction.guild is not None
        locale = interaction.locale
        services = self.services
        chosen = find_article(services.articles, article) if article else None
        if article and chosen is None:
            matches = search_articles(services.articles, article, 2)
            chosen = matches[0] if len(matches) == 1 else None
        if article and chosen is None:
            raise UserFacingError(
                "config.article_unknown", name=clip(discord.utils.escape_markdown(article), 60)
            )
        await services.guild_settings.set_current_article(
            interaction.guild.id, chosen.meta.slug if chosen else None
        )
        now = await services.article_for(interaction.guild.id)
        await interaction.response.send_message(
            t("config.article_set", locale, title=now.meta.title if now else "—"), ephemeral=True
        )

    @article.autocomplete("article")
    async def _articles(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(
                name=clip(f"《{a.meta.title}》 {a.meta.author} {a.meta.year}", CHOICE_NAME_MAX),
                value=a.meta.slug,
            )
            for a in search_articles(self.services.articles, current[:100], CHOICES_MAX)
        ]

    @config.command(
        name=_("lookup-channel"),
        description=_("Channel where lookups answer publicly (elsewhere they answer privately)"),
    )
    @app_commands.describe(channel=_("The channel (leave empty: lookups are private everywhere)"))
    @manage_guild_only()
    async def lookup_channel(
        self, interaction: Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        await self.services.guild_settings.set_lookup_channel(
            interaction.guild.id, channel.id if channel else None
        )
        text = (
            t("config.lookup_set", locale, channel=channel.mention)
            if channel
            else t("config.lookup_cleared", locale)
        )
        await interaction.response.send_message(text, ephemeral=True)

    @config.command(
        name=_("thread-archive"),
        description=_("How long discussion threads stay open without new messages"),
    )
    @app_commands.describe(duration=_("Hide the thread after this long without messages"))
    @app_commands.choices(duration=ARCHIVE_CHOICES)
    @manage_guild_only()
    async def thread_archive(
        self, interaction: Interaction, duration: app_commands.Choice[int]
    ) -> None:
        assert interaction.guild is not None
        await self.services.discussions.set_archive_minutes(
            interaction.guild.id, duration.value, self.services.clock.now()
        )
        await interaction.response.send_message(
            t(
                "config.archive_set",
                interaction.locale,
                duration=t(f"config.archive.{duration.value}", interaction.locale),
            ),
            ephemeral=True,
        )

    @config.command(name=_("show"), description=_("Show this server's settings"))
    @manage_guild_only()
    async def show(self, interaction: Interaction) -> None:
        assert interaction.guild is not None
        locale = interaction.locale
        settings = await self.services.guild_settings.get(interaction.guild.id)
        minutes = await self.services.discussions.archive_minutes(interaction.guild.id)
        reading = await self.services.article_for(interaction.guild.id)

        def mention(prefix: str, target_id: int | None, unset_key: str) -> str:
            return f"<{prefix}{target_id}>" if target_id else t(unset_key, locale)

        grace = f"{self.services.settings.grace_hours:g}"
        rows = [
            ("timezone", describe_zone(settings.timezone, self.services.clock.now())),
            ("moderator_role", mention("@&", settings.moderator_role_id, "config.show.no_role")),
            (
                "announce_role",
                announce_role_shown(settings.announce_role_id, interaction.guild, locale),
            ),
            ("log_channel", mention("#", settings.log_channel_id, "config.show.no_log")),
            ("article", f"《{reading.meta.title}》" if reading else "—"),
            (
                "lookup_channel",
                mention("#", settings.lookup_channel_id, "config.show.no_lookup_channel"),
            ),
            ("archive", t(f"config.archive.{minutes}", locale)),
            ("grace", t("config.show.grace_value", locale, hours=grace)),
        ]
        embed = discord.Embed(title=t("config.show.title", locale))
        for key, value in rows:
            embed.add_field(name=t(f"config.show.{key}", locale), value=value, inline=False)
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True)
