"""The generic checks of the hardening tests must themselves catch what they look for."""

from __future__ import annotations

from tests.hardening.hardening_helpers import pings


def test_missing_allowed_mentions_lets_everyone_be_pinged() -> None:
    """Without allowed_mentions Discord parses every mention, so @everyone would ping."""
    assert pings({"content": "hi @everyone <@&5> <@7>"}) == ["@everyone/@here", "user 7", "role 5"]


def test_empty_parse_pings_nobody() -> None:
    """allowed_mentions with an empty parse list makes mentions in the content inert."""
    body = {"content": "@here <@&5> <@!7>", "allowed_mentions": {"parse": []}}
    assert pings(body) == []


def test_explicitly_allowed_ids_and_replies_are_pings() -> None:
    """Listed ids and a reply that may notify its author both count."""
    body = {
        "content": "<@&5> <@&6>",
        "allowed_mentions": {"parse": [], "roles": ["6"]},
        "message_reference": {"message_id": "1"},
    }
    assert pings(body) == ["role 6", "replied user"]
