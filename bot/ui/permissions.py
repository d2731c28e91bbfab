"""What the bot itself may do in a channel, checked before scheduling and again at fire time, and
the names of permissions as Discord's settings show them (so a moderator can find the switch).
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.i18n import t

POST = ("view_channel", "send_messages", "embed_links", "read_message_history")
OPEN_THREADS = (*POST, "create_public_threads", "send_messages_in_threads")
# A forum post: Send Messages is what creates a post there ("Create Posts" in the forum's
# settings), Send Messages in Threads posts the prompts inside it ("Send Messages in Posts"),
# Read Message History finds a post again after a crash. Create Public Threads plays no part.
# Manage Channels (to add the part's tag to the forum) is optional: without it posts go untagged.
FORUM_POSTS = (*POST, "send_messages_in_threads")
# What the forum's settings call two of them: the names a moderator looks for there.
_IN_A_FORUM = {
    "send_messages": "create_posts",
    "send_messages_in_threads": "send_messages_in_posts",
}
KNOWN = frozenset(
    {
        *OPEN_THREADS,
        *_IN_A_FORUM.values(),
        "manage_guild",
        "manage_threads",
        "manage_messages",
        "manage_channels",
        "manage_events",
        "create_events",
        "mention_everyone",
        "administrator",
    }
)


def missing_permissions(
    channel: discord.abc.GuildChannel | discord.Thread, needed: Iterable[str]
) -> list[str]:
    """The permissions in `needed` the bot lacks in `channel`.

    Inside a thread Discord checks Send Messages in Threads instead of Send Messages. In a forum
    the names are those its settings show (Create Posts, Send Messages in Posts).
    """
    granted = channel.permissions_for(channel.guild.me)
    names = list(dict.fromkeys(needed))
    if isinstance(channel, discord.Thread):
        names = [("send_messages_in_threads" if n == "send_messages" else n) for n in names]
        names = list(dict.fromkeys(names))
    missing = [name for name in names if not getattr(granted, name)]
    if isinstance(channel, discord.ForumChannel):
        missing = [_IN_A_FORUM.get(name, name) for name in missing]
    return missing


def permission_names(missing: Iterable[str] | str, locale: object) -> str:
    """`Embed Links, Send Messages` (or 嵌入链接、发送消息) for the reader's language."""
    names = [m.strip() for m in missing.split(",")] if isinstance(missing, str) else list(missing)
    return ", ".join(t(f"perm.{name}", locale) if name in KNOWN else name for name in names)
