"""Forum channels: posts (a thread plus its starter message), tags on posts, a forum's tag list.

The channel routes (channels.py) hand forum cases here: `POST /channels/{forum}/threads` with a
`message`, `PATCH /channels/{forum}` with `available_tags`, `PATCH /channels/{post}` with
`applied_tags`. Discord's rules kept: posting needs SEND_MESSAGES in the forum (not
CREATE_PUBLIC_THREADS), the starter message's id is the thread's id and it is not counted in
`message_count`, a post carries at most 5 tags of its forum, a moderated tag is added or removed
only with MANAGE_THREADS, a REQUIRE_TAG forum refuses an untagged post (40067), tag names are
unique (40061), and editing the tag list needs MANAGE_CHANNELS.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .. import limits
from .. import state as st
from ..core import RequestRecord
from .common import HTTPAnswer, RouteHelpers, error_response, json_response

# The only message flags a forum post's starter may carry (SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS).
STARTER_FLAGS = limits.FLAG_SUPPRESS_EMBEDS | limits.FLAG_SUPPRESS_NOTIFICATIONS


class ForumRoutes(RouteHelpers):
    """Forum cases of the channel routes."""

    if TYPE_CHECKING:

        def _new_thread(  # channels.py
            self,
            parent: st.Channel,
            *,
            thread_id: int,
            kind: int,
            body: dict[str, Any],
            starter: st.Message | None,
            applied_tags: list[int] | None = None,
        ) -> st.Channel: ...

    def _check_applied_tags(
        self, forum: st.Channel, wanted: Iterable[Any], before: Iterable[int] = ()
    ) -> list[int]:
        """The tag ids a post may carry, or raise Discord's refusal."""
        tag_ids: list[int] = []
        for raw in wanted:
            tag_id = int(raw)
            if forum.tag(tag_id) is None:
                raise HTTPAnswer(error_response(400, 10087, "Unknown Tag"))
            if tag_id not in tag_ids:
                tag_ids.append(tag_id)
        changed = set(tag_ids) ^ set(before)
        if any((tag := forum.tag(t)) is not None and tag.moderated for t in changed):
            self._require(forum, "manage_threads")
        return tag_ids

    def _forum_post(
        self, record: RequestRecord, files: list[dict[str, Any]], forum: st.Channel
    ) -> web.Response:
        """POST /channels/{forum}/threads: a public thread and its starter message, together."""
        body = record.json or {}
        message = body.get("message")
        problems: list[limits.Problem] = []
        limits.check_thread(body, problems, with_message=True)
        limits.check_applied_tags(body.get("applied_tags"), problems)
        if not isinstance(message, dict):
            problems.append(("message", "BASE_TYPE_REQUIRED", "This field is required"))
        else:
            limits.check_message(
                {**message, "attachments": message.get("attachments") or files},
                problems,
                prefix="message",
            )
            if int(message.get("flags") or 0) & ~STARTER_FLAGS:
                problems.append(
                    (
                        "message.flags",
                        "MESSAGE_FLAGS_INVALID",
                        "Only SUPPRESS_EMBEDS and SUPPRESS_NOTIFICATIONS can be set.",
                    )
                )
        if problems:
            return self._invalid(record, problems)
        assert isinstance(message, dict)
        self._require(forum, "send_messages")
        tag_ids = self._check_applied_tags(forum, body.get("applied_tags") or [])
        if forum.flags & st.FLAG_REQUIRE_TAG and not tag_ids:
            return error_response(
                400, 40067, "A tag is required to create a forum post in this channel"
            )
        thread = self._new_thread(
            forum,
            thread_id=self.state.snowflake(),
            kind=st.PUBLIC_THREAD,
            body=body,
            starter=None,
            applied_tags=tag_ids,
        )
        starter = self._store_message(
            thread, self.state.bot_user, message, files=files, message_id=thread.id
        )
        thread.starter_message_id = starter.id
        data = thread.payload(self.state)
        data["message"] = starter.payload(self.state)
        return json_response(201, data)

    def _edit_post_tags(self, post: st.Channel, body: dict[str, Any]) -> None:
        """PATCH /channels/{post} with applied_tags (ids of the parent forum's tags)."""
        forum = self.state.channels.get(post.parent_id or 0)
        wanted = body.get("applied_tags") or []
        if forum is None or not forum.is_forum:
            if wanted:
                raise HTTPAnswer(error_response(400, 10087, "Unknown Tag"))
            return
        post.applied_tags = self._check_applied_tags(forum, wanted, post.applied_tags)

    def _edit_forum_tags(self, record: RequestRecord, forum: st.Channel) -> web.Response | None:
        """PATCH /channels/{forum} with available_tags: the whole list, ids kept where given."""
        tags = (record.json or {}).get("available_tags")
        if tags is None:
            return None
        problems: list[limits.Problem] = []
        limits.check_forum_tags(tags, problems)
        if problems:
            return self._invalid(record, problems)
        names = [str(t.get("name")) for t in tags]
        if len(set(names)) != len(names):
            return error_response(400, 40061, "Tag names must be unique")
        self._require(forum, "manage_channels")
        new: list[st.ForumTag] = []
        for tag in tags:
            raw_id = tag.get("id")
            tag_id = int(raw_id) if raw_id and forum.tag(int(raw_id)) else self.state.snowflake()
            new.append(
                st.ForumTag(
                    id=tag_id,
                    name=tag["name"],
                    moderated=bool(tag.get("moderated")),
                    emoji_id=int(tag["emoji_id"]) if tag.get("emoji_id") else None,
                    emoji_name=tag.get("emoji_name"),
                )
            )
        forum.available_tags = new
        return None
