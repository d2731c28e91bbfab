"""Discord's documented limits, checked on everything the bot sends.

discord.py sends oversized embeds, 101-character custom_ids and 30 autocomplete choices without
complaint and only real Discord refuses them; these checks make the fake refuse them the same way
(400, code 50035 "Invalid Form Body") so our tests catch the bug before users do.
Each check appends `(field_path, error_code, message)` tuples; an empty list means valid.
"""

from __future__ import annotations

import unicodedata
from typing import Any

Problem = tuple[str, str, str]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
ROWS_MAX = 5
ROW_BUTTONS_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_PLACEHOLDER_MAX = 150
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
THREAD_NAME_MAX = 100
FORUM_TAGS_MAX = 20
FORUM_TAG_NAME_MAX = 20  # the schema says 50; the channel documentation says 0-20
APPLIED_TAGS_MAX = 5
EVENT_NAME_MAX = 100
EVENT_DESCRIPTION_MAX = 1000
EVENT_LOCATION_MAX = 100
ARCHIVE_DURATIONS = frozenset({60, 1440, 4320, 10080})
V2_COMPONENTS_MAX = 40
V2_TEXT_TOTAL_MAX = 4000
MODAL_TITLE_MAX = 45
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMAND_TOTAL_CHARS_MAX = 4000

FLAG_EPHEMERAL = 1 << 6
FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12
FLAG_COMPONENTS_V2 = 1 << 15
SENDABLE_FLAGS = (
    FLAG_EPHEMERAL | FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2
)

LOCALES = frozenset(
    {
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
        "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi",
        "th", "zh-CN", "ja", "zh-TW", "ko",
    }
)  # fmt: skip

BUTTON = 2
TEXT_INPUT = 4
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
V2_TOP_LEVEL = frozenset({1, 9, 10, 12, 13, 14, 17})

# Application command option types, and the ranges of integer/number choice values.
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING, INTEGER, NUMBER = 3, 4, 10
INT53_MAX = 2**53 - 1
NUMBER_MAX = 2**53


def _length(problems: list[Problem], path: str, value: Any, low: int, high: int) -> None:
    if not isinstance(value, str):
        problems.append((path, "BASE_TYPE_STRING", "Must be a string."))
        return
    if not low <= len(value) <= high:
        problems.append(
            (
                path,
                "BASE_TYPE_BAD_LENGTH",
                f"Must be between {low} and {high} in length (got {len(value)}).",
            )
        )


def _url(problems: list[Problem], path: str, value: Any, *, attachment_ok: bool = False) -> None:
    if value is None:
        return
    schemes = ("http://", "https://") + (("attachment://",) if attachment_ok else ())
    if not isinstance(value, str) or not value.startswith(schemes):
        problems.append((path, "URL_TYPE_INVALID_URL", "Not a well formed URL."))


def check_embeds(embeds: Any, problems: list[Problem], prefix: str = "embeds") -> None:
    """Per-field and total embed limits (6000 characters across all embeds of a message)."""
    if embeds is None:
        return
    if not isinstance(embeds, list):
        problems.append((prefix, "BASE_TYPE_ARRAY", "Must be an array."))
        return
    if len(embeds) > EMBEDS_MAX:
        problems.append(
            (prefix, "BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS_MAX} or fewer in length.")
        )
    total = 0
    for i, embed in enumerate(embeds):
        path = f"{prefix}.{i}"
        if not isinstance(embed, dict):
            problems.append(
                (path, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
            )
            continue
        if "title" in embed and embed["title"] is not None:
            _length(problems, f"{path}.title", embed["title"], 0, EMBED_TITLE_MAX)
            total += len(str(embed["title"]))
        if "description" in embed and embed["description"] is not None:
            _length(problems, f"{path}.description", embed["description"], 0, EMBED_DESCRIPTION_MAX)
            total += len(str(embed["description"]))
        _url(problems, f"{path}.url", embed.get("url"))
        color = embed.get("color")
        if color is not None and (not isinstance(color, int) or not 0 <= color <= 0xFFFFFF):
            problems.append(
                (f"{path}.color", "NUMBER_TYPE_MAX", "int value should be <= 16777215.")
            )
        footer = embed.get("footer")
        if isinstance(footer, dict):
            _length(problems, f"{path}.footer.text", footer.get("text"), 1, EMBED_FOOTER_MAX)
            total += len(str(footer.get("text") or ""))
            _url(problems, f"{path}.footer.icon_url", footer.get("icon_url"), attachment_ok=True)
        author = embed.get("author")
        if isinstance(author, dict):
            _length(problems, f"{path}.author.name", author.get("name"), 1, EMBED_AUTHOR_MAX)
            total += len(str(author.get("name") or ""))
            _url(problems, f"{path}.author.url", author.get("url"))
        for key in ("image", "thumbnail"):
            media = embed.get(key)
            if isinstance(media, dict):
                _url(problems, f"{path}.{key}.url", media.get("url"), attachment_ok=True)
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS_MAX:
            problems.append(
                (
                    f"{path}.fields",
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {EMBED_FIELDS_MAX} or fewer in length.",
                )
            )
        for j, fld in enumerate(fields):
            _length(problems, f"{path}.fields.{j}.name", fld.get("name"), 1, EMBED_FIELD_NAME_MAX)
            _length(
                problems, f"{path}.fields.{j}.value", fld.get("value"), 1, EMBED_FIELD_VALUE_MAX
            )
            total += len(str(fld.get("name") or "")) + len(str(fld.get("value") or ""))
    if total > EMBED_TOTAL_MAX:
        problems.append(
            (
                prefix,
                "MAX_EMBED_SIZE_EXCEEDED",
                f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX} (got {total}).",
            )
        )


def _check_custom_id(
    item: dict[str, Any], path: str, problems: list[Problem], seen: set[str]
) -> None:
    custom_id = item.get("custom_id")
    _length(problems, f"{path}.custom_id", custom_id, 1, CUSTOM_ID_MAX)
    if isinstance(custom_id, str):
        if custom_id in seen:
            problems.append(
                (
                    f"{path}.custom_id",
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                )
            )
        seen.add(custom_id)


def _check_button(item: dict[str, Any], path: str, problems: list[Problem], seen: set[str]) -> None:
    style = item.get("style")
    if style not in (1, 2, 3, 4, 5, 6):
        problems.append(
            (
                f"{path}.style",
                "BASE_TYPE_CHOICES",
                f"Value must be one of (1, 2, 3, 4, 5, 6) (got {style!r}).",
            )
        )
    if item.get("label") is not None:
        _length(problems, f"{path}.label", item["label"], 0, BUTTON_LABEL_MAX)
    if style == 5:
        _url(problems, f"{path}.url", item.get("url"))
        if not item.get("url"):
            problems.append((f"{path}.url", "BASE_TYPE_REQUIRED", "This field is required"))
        if "custom_id" in item:
            problems.append(
                (
                    f"{path}.custom_id",
                    "COMPONENT_LINK_BUTTON_CUSTOM_ID",
                    "Link buttons cannot have a custom_id",
                )
            )
    elif style != 6:
        _check_custom_id(item, path, problems, seen)
    if not item.get("label") and not item.get("emoji") and style != 6:
        problems.append(
            (path, "BUTTON_COMPONENT_MISSING_LABEL", "A button must have a label or an emoji")
        )


def _check_select(item: dict[str, Any], path: str, problems: list[Problem], seen: set[str]) -> None:
    _check_custom_id(item, path, problems, seen)
    if item.get("placeholder") is not None:
        _length(problems, f"{path}.placeholder", item["placeholder"], 0, SELECT_PLACEHOLDER_MAX)
    low = item.get("min_values", 1)
    high = item.get("max_values", 1)
    if not 0 <= low <= 25:
        problems.append(
            (f"{path}.min_values", "NUMBER_TYPE_MAX", "min_values must be between 0 and 25")
        )
    if not 1 <= high <= 25:
        problems.append(
            (f"{path}.max_values", "NUMBER_TYPE_MAX", "max_values must be between 1 and 25")
        )
    if low > high:
        problems.append(
            (
                f"{path}.min_values",
                "SELECT_COMPONENT_MIN_GT_MAX",
                "min_values is greater than max_values",
            )
        )
    if item.get("type") == 3:
        options = item.get("options") or []
        if not 1 <= len(options) <= SELECT_OPTIONS_MAX:
            problems.append(
                (
                    f"{path}.options",
                    "BASE_TYPE_BAD_LENGTH",
                    f"Must be between 1 and {SELECT_OPTIONS_MAX} in length.",
                )
            )
        if high > len(options):
            problems.append(
                (
                    f"{path}.max_values",
                    "SELECT_COMPONENT_MAX_GT_OPTIONS",
                    "max_values exceeds the number of options",
                )
            )
        values: set[str] = set()
        for k, option in enumerate(options):
            _length(problems, f"{path}.options.{k}.label", option.get("label"), 1, 100)
            _length(problems, f"{path}.options.{k}.value", option.get("value"), 1, 100)
            if option.get("description") is not None:
                _length(problems, f"{path}.options.{k}.description", option["description"], 0, 100)
            if option.get("value") in values:
                problems.append(
                    (
                        f"{path}.options.{k}.value",
                        "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                        "Duplicate option value",
                    )
                )
            values.add(option.get("value"))


def _count_and_check_v2(
    items: list[dict[str, Any]],
    path: str,
    problems: list[Problem],
    seen: set[str],
    counter: list[int],
) -> None:
    for i, item in enumerate(items):
        p = f"{path}.{i}"
        counter[0] += 1
        kind = item.get("type")
        if kind == BUTTON:
            _check_button(item, p, problems, seen)
        elif kind in SELECT_TYPES:
            _check_select(item, p, problems, seen)
        elif kind == 10:
            counter[1] += len(str(item.get("content") or ""))
        for key in ("components", "items"):
            if isinstance(item.get(key), list):
                _count_and_check_v2(item[key], f"{p}.{key}", problems, seen, counter)
        if isinstance(item.get("accessory"), dict):
            _count_and_check_v2([item["accessory"]], f"{p}.accessory", problems, seen, counter)


def check_components(
    components: Any, flags: int, problems: list[Problem], prefix: str = "components"
) -> None:
    """Rows, buttons per row, selects, custom_ids (1-100, unique), and the v2 layout limits."""
    if components is None:
        return
    if not isinstance(components, list):
        problems.append((prefix, "BASE_TYPE_ARRAY", "Must be an array."))
        return
    seen: set[str] = set()
    if flags & FLAG_COMPONENTS_V2:
        counter = [0, 0]
        for i, item in enumerate(components):
            if item.get("type") not in V2_TOP_LEVEL:
                problems.append(
                    (
                        f"{prefix}.{i}.type",
                        "COMPONENT_TYPE_INVALID",
                        "Component type not allowed at top level",
                    )
                )
        _count_and_check_v2(components, prefix, problems, seen, counter)
        if counter[0] > V2_COMPONENTS_MAX:
            problems.append(
                (
                    prefix,
                    "COMPONENT_MAX_TOTAL",
                    f"Must be {V2_COMPONENTS_MAX} or fewer components in total.",
                )
            )
        if counter[1] > V2_TEXT_TOTAL_MAX:
            problems.append(
                (
                    prefix,
                    "COMPONENT_MAX_TEXT",
                    f"Text displays exceed {V2_TEXT_TOTAL_MAX} characters.",
                )
            )
        return
    if len(components) > ROWS_MAX:
        problems.append((prefix, "BASE_TYPE_MAX_LENGTH", f"Must be {ROWS_MAX} or fewer in length."))
    for i, row in enumerate(components):
        path = f"{prefix}.{i}"
        if row.get("type") != 1:
            problems.append(
                (
                    f"{path}.type",
                    "COMPONENT_TYPE_INVALID",
                    "Top-level components must be action rows",
                )
            )
            continue
        children = row.get("components") or []
        if not children:
            problems.append(
                (f"{path}.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
            )
        kinds = {c.get("type") for c in children}
        if kinds & SELECT_TYPES and len(children) > 1:
            problems.append(
                (
                    f"{path}.components",
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "A select menu must be alone in its row",
                )
            )
        if len(children) > ROW_BUTTONS_MAX:
            problems.append(
                (
                    f"{path}.components",
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {ROW_BUTTONS_MAX} or fewer in length.",
                )
            )
        for j, child in enumerate(children):
            cpath = f"{path}.components.{j}"
            kind = child.get("type")
            if kind == BUTTON:
                _check_button(child, cpath, problems, seen)
            elif kind in SELECT_TYPES:
                _check_select(child, cpath, problems, seen)
            else:
                problems.append(
                    (
                        f"{cpath}.type",
                        "COMPONENT_TYPE_INVALID",
                        f"Component type {kind} not allowed in a message row",
                    )
                )


def check_allowed_mentions(
    value: Any, problems: list[Problem], prefix: str = "allowed_mentions"
) -> None:
    """Discord rejects `parse: ["users"]` together with an explicit `users` list, and unknown types."""
    if value is None:
        return
    parse = value.get("parse", [])
    for i, kind in enumerate(parse):
        if kind not in ("users", "roles", "everyone"):
            problems.append(
                (
                    f"{prefix}.parse.{i}",
                    "BASE_TYPE_CHOICES",
                    f"Value must be one of ('users', 'roles', 'everyone') (got {kind!r}).",
                )
            )
    for kind in ("users", "roles"):
        if kind in parse and value.get(kind):
            problems.append(
                (
                    f"{prefix}.parse",
                    "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    f"parse:[{kind}] and {kind}: [ids] are mutually exclusive.",
                )
            )
        if len(value.get(kind) or []) > 100:
            problems.append(
                (f"{prefix}.{kind}", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
            )


def check_message(
    body: dict[str, Any], problems: list[Problem], *, edit: bool = False, prefix: str = ""
) -> None:
    """A message create/edit body (channel message, interaction reply, webhook follow-up)."""
    p = f"{prefix}." if prefix else ""
    content = body.get("content")
    if content is not None:
        if not isinstance(content, str):
            problems.append((f"{p}content", "BASE_TYPE_STRING", "Must be a string."))
        elif len(content) > CONTENT_MAX:
            problems.append(
                (
                    f"{p}content",
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {CONTENT_MAX} or fewer in length (got {len(content)}).",
                )
            )
    flags = int(body.get("flags") or 0)
    if flags & ~SENDABLE_FLAGS:
        problems.append(
            (f"{p}flags", "MESSAGE_FLAGS_INVALID", f"Flags {flags} contain bits a bot cannot set.")
        )
    check_embeds(body.get("embeds"), problems, f"{p}embeds")
    check_components(body.get("components"), flags, problems, f"{p}components")
    check_allowed_mentions(body.get("allowed_mentions"), problems, f"{p}allowed_mentions")
    if flags & FLAG_COMPONENTS_V2 and (body.get("content") or body.get("embeds")):
        problems.append(
            (
                f"{p}content",
                "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                "content and embeds cannot be used with components v2",
            )
        )
    if not edit:
        empty = (
            not body.get("content")
            and not body.get("embeds")
            and not body.get("components")
            and not body.get("attachments")
            and not body.get("sticker_ids")
            and not body.get("poll")
        )
        if empty:
            problems.append((f"{p}content", "50006", "Cannot send an empty message"))


def check_choices(data: Any, problems: list[Problem], option_type: int | None = None) -> None:
    """An autocomplete (type 8) answer: at most 25 choices, names (and localized names) 1-100,
    string values <= 100, and values of the focused option's type when it is known."""
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        problems.append(("data.choices", "BASE_TYPE_REQUIRED", "This field is required"))
        return
    choices = data["choices"]
    if len(choices) > CHOICES_MAX:
        problems.append(
            (
                "data.choices",
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {CHOICES_MAX} or fewer in length (got {len(choices)}).",
            )
        )
    for i, choice in enumerate(choices):
        value = choice.get("value") if isinstance(choice, dict) else None
        if isinstance(choice, dict) and (
            isinstance(value, bool) or not isinstance(value, str | int | float)
        ):
            problems.append(
                (
                    f"data.choices.{i}.value",
                    "BASE_TYPE_CHOICES",
                    "Must be a string, integer or number.",
                )
            )
    _check_choice_list(choices, option_type, "data.choices", problems, registration=False)


def check_modal(data: Any, problems: list[Problem]) -> None:
    """A modal (type 9) body: custom_id, title 1-45, 1-5 components."""
    if not isinstance(data, dict):
        problems.append(("data", "BASE_TYPE_REQUIRED", "This field is required"))
        return
    _length(problems, "data.custom_id", data.get("custom_id"), 1, CUSTOM_ID_MAX)
    _length(problems, "data.title", data.get("title"), 1, MODAL_TITLE_MAX)
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        problems.append(
            ("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        )
    seen: set[str] = set()
    for i, comp in enumerate(components):
        inner = comp.get("components") or (
            [comp["component"]] if isinstance(comp.get("component"), dict) else []
        )
        if comp.get("type") == 18:
            _length(problems, f"data.components.{i}.label", comp.get("label"), 1, 45)
        for j, item in enumerate(inner):
            path = f"data.components.{i}.components.{j}"
            _check_custom_id(item, path, problems, seen)
            if item.get("type") == TEXT_INPUT:
                if item.get("label") is not None:
                    _length(problems, f"{path}.label", item["label"], 1, 45)
                if item.get("placeholder") is not None:
                    _length(problems, f"{path}.placeholder", item["placeholder"], 0, 100)
                if item.get("value") is not None:
                    _length(problems, f"{path}.value", item["value"], 0, 4000)


def check_thread(body: dict[str, Any], problems: list[Problem], *, with_message: bool) -> None:
    """Thread creation: name 1-100, auto_archive_duration one of 60/1440/4320/10080, valid type."""
    _length(problems, "name", body.get("name"), 1, THREAD_NAME_MAX)
    duration = body.get("auto_archive_duration")
    if duration is not None and duration not in ARCHIVE_DURATIONS:
        problems.append(
            (
                "auto_archive_duration",
                "BASE_TYPE_CHOICES",
                f"Value must be one of {{60, 1440, 4320, 10080}} (got {duration!r}).",
            )
        )
    if not with_message and body.get("type") not in (None, 10, 11, 12):
        problems.append(
            (
                "type",
                "BASE_TYPE_CHOICES",
                f"Value must be one of (10, 11, 12) (got {body.get('type')!r}).",
            )
        )


def check_forum_tags(tags: Any, problems: list[Problem]) -> None:
    """A forum's `available_tags`: at most 20, names 0-20 characters, at most one emoji field."""
    if not isinstance(tags, list):
        return
    if len(tags) > FORUM_TAGS_MAX:
        problems.append(
            (
                "available_tags",
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {FORUM_TAGS_MAX} or fewer in length.",
            )
        )
    for i, tag in enumerate(tags):
        if not isinstance(tag, dict):
            continue
        _length(problems, f"available_tags.{i}.name", tag.get("name"), 0, FORUM_TAG_NAME_MAX)
        if tag.get("emoji_id") and tag.get("emoji_name"):
            problems.append(
                (
                    f"available_tags.{i}.emoji_id",
                    "TAG_EMOJI_EXCLUSIVE",
                    "At most one of emoji_id and emoji_name may be set.",
                )
            )


def check_applied_tags(tags: Any, problems: list[Problem]) -> None:
    """A post carries at most 5 tags (the schema's maxItems is lost in an anyOf whose other
    branches have no `applied_tags` at all)."""
    if isinstance(tags, list) and len(tags) > APPLIED_TAGS_MAX:
        problems.append(
            (
                "applied_tags",
                "BASE_TYPE_MAX_LENGTH",
                f"Must be {APPLIED_TAGS_MAX} or fewer in length.",
            )
        )


def check_scheduled_event(body: dict[str, Any], problems: list[Problem]) -> None:
    """Event fields the schema leaves loose: name 1-100, description <= 1000, location 1-100."""
    if "name" in body:
        _length(problems, "name", body["name"], 1, EVENT_NAME_MAX)
    if body.get("description") is not None:
        _length(problems, "description", body["description"], 0, EVENT_DESCRIPTION_MAX)
    metadata = body.get("entity_metadata")
    if isinstance(metadata, dict) and metadata.get("location") is not None:
        _length(problems, "entity_metadata.location", metadata["location"], 1, EVENT_LOCATION_MAX)


def _name_ok(name: str, *, lowercase: bool) -> bool:
    if not 1 <= len(name) <= COMMAND_NAME_MAX:
        return False
    for ch in name:
        if ch in "-_'":
            continue
        cat = unicodedata.category(ch)
        if cat[0] not in ("L", "N") and cat != "Mn" and cat != "Mc":
            return False
    return not lowercase or name == name.lower()


def _check_name(problems: list[Problem], path: str, name: Any, *, lowercase: bool) -> None:
    if not isinstance(name, str) or not _name_ok(name, lowercase=lowercase):
        problems.append(
            (path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}")
        )


def _check_localizations(
    problems: list[Problem], path: str, values: Any, *, name: bool, lowercase: bool
) -> None:
    for loc, text in (values or {}).items():
        if loc not in LOCALES:
            problems.append((f"{path}.{loc}", "LOCALE_INVALID", f"Invalid locale {loc!r}"))
        if name:
            _check_name(problems, f"{path}.{loc}", text, lowercase=lowercase)
        else:
            _length(problems, f"{path}.{loc}", text, 1, COMMAND_DESCRIPTION_MAX)


def choice_value_problem(kind: Any, value: Any) -> str | None:
    """Why `value` cannot be a choice of an option of type `kind` (None when it can).

    String options take strings, integer options integers in -(2^53-1)..2^53-1 (JSON booleans are
    not integers), number options integers or floats in -2^53..2^53.
    """
    if kind == STRING:
        return None if isinstance(value, str) else "a string option needs string choice values"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"option type {kind} needs numeric choice values (got {type(value).__name__})"
    if kind == INTEGER:
        if not isinstance(value, int) or not -INT53_MAX <= value <= INT53_MAX:
            return "an integer option needs integer choice values within -(2^53-1)..2^53-1"
    elif kind == NUMBER and not -NUMBER_MAX <= value <= NUMBER_MAX:
        return "a number option needs choice values within -2^53..2^53"
    return None


def _check_choice_list(
    choices: list[Any], kind: Any, path: str, problems: list[Problem], *, registration: bool
) -> int:
    """Choice names (and their localizations) 1-100, values of the option's type; returns chars."""
    chars = 0
    for j, choice in enumerate(choices):
        cp = f"{path}.{j}"
        if not isinstance(choice, dict):
            problems.append((cp, "MODEL_TYPE_CONVERT", "Only dictionaries may be used"))
            continue
        _length(problems, f"{cp}.name", choice.get("name"), 1, CHOICE_NAME_MAX)
        for loc, text in (choice.get("name_localizations") or {}).items():
            if loc not in LOCALES:
                problems.append(
                    (f"{cp}.name_localizations.{loc}", "LOCALE_INVALID", f"Invalid locale {loc!r}")
                )
            _length(problems, f"{cp}.name_localizations.{loc}", text, 1, CHOICE_NAME_MAX)
        value = choice.get("value")
        if kind in (STRING, INTEGER, NUMBER):
            why = choice_value_problem(kind, value)
            if why:
                problems.append((f"{cp}.value", "APPLICATION_COMMAND_OPTION_CHOICE_TYPE", why))
        if isinstance(value, str):
            _length(problems, f"{cp}.value", value, 1 if registration else 0, CHOICE_VALUE_MAX)
        chars += len(str(choice.get("name") or "")) + len(str(value if value is not None else ""))
    return chars


def _check_options(
    options: list[dict[str, Any]],
    path: str,
    problems: list[Problem],
    depth: int,
    parent: int | None = None,
) -> int:
    """Validate options recursively; return the characters they count towards the 4000 limit.

    Nesting: a command holds sub-command groups, sub-commands or plain options; a group holds only
    sub-commands; a sub-command holds only plain options.
    """
    chars = 0
    if len(options) > COMMAND_OPTIONS_MAX:
        problems.append(
            (path, "BASE_TYPE_MAX_LENGTH", f"Must be {COMMAND_OPTIONS_MAX} or fewer in length.")
        )
    names: set[str] = set()
    seen_optional = False
    kinds = {o.get("type") for o in options}
    if kinds & {1, 2} and kinds - {1, 2}:
        problems.append(
            (
                path,
                "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                "Sub-commands cannot be mixed with other options",
            )
        )
    for i, opt in enumerate(options):
        p = f"{path}.{i}"
        kind = opt.get("type")
        if kind not in range(1, 12):
            problems.append((f"{p}.type", "BASE_TYPE_CHOICES", f"Invalid option type {kind!r}"))
        if (
            (kind == SUB_COMMAND and (depth >= 2 or parent == SUB_COMMAND))
            or (kind == SUB_COMMAND_GROUP and depth >= 1)
            or (parent == SUB_COMMAND_GROUP and kind != SUB_COMMAND)
        ):
            problems.append(
                (
                    f"{p}.type",
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Sub-command nesting: a group holds only sub-commands, a sub-command only "
                    f"plain options (got type {kind!r} at depth {depth})",
                )
            )
        name = opt.get("name")
        _check_name(problems, f"{p}.name", name, lowercase=True)
        _check_localizations(
            problems,
            f"{p}.name_localizations",
            opt.get("name_localizations"),
            name=True,
            lowercase=True,
        )
        _length(problems, f"{p}.description", opt.get("description"), 1, COMMAND_DESCRIPTION_MAX)
        _check_localizations(
            problems,
            f"{p}.description_localizations",
            opt.get("description_localizations"),
            name=False,
            lowercase=False,
        )
        if name in names:
            problems.append(
                (
                    f"{p}.name",
                    "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                    f"Duplicate option name {name!r}",
                )
            )
        names.add(name)
        chars += len(str(name or "")) + len(str(opt.get("description") or ""))
        if kind not in (1, 2):
            if opt.get("required"):
                if seen_optional:
                    problems.append(
                        (
                            f"{p}.required",
                            "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                            "Required options must be placed before non-required options",
                        )
                    )
            else:
                seen_optional = True
        choices = opt.get("choices") or []
        if choices and kind not in (STRING, INTEGER, NUMBER):
            problems.append(
                (
                    f"{p}.choices",
                    "APPLICATION_COMMAND_OPTION_CHOICES_INVALID",
                    f"Only string, integer and number options take choices (type {kind!r})",
                )
            )
        if opt.get("autocomplete") and kind not in (STRING, INTEGER, NUMBER):
            problems.append(
                (
                    f"{p}.autocomplete",
                    "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                    f"Only string, integer and number options autocomplete (type {kind!r})",
                )
            )
        if choices and opt.get("autocomplete"):
            problems.append(
                (
                    f"{p}.autocomplete",
                    "APPLICATION_COMMAND_AUTOCOMPLETE_INCOMPATIBLE",
                    "Autocomplete cannot be used with choices",
                )
            )
        if len(choices) > CHOICES_MAX:
            problems.append(
                (
                    f"{p}.choices",
                    "BASE_TYPE_MAX_LENGTH",
                    f"Must be {CHOICES_MAX} or fewer in length.",
                )
            )
        chars += _check_choice_list(choices, kind, f"{p}.choices", problems, registration=True)
        for key, low in (("min_length", 0), ("max_length", 1)):
            value = opt.get(key)
            if value is not None and not low <= value <= 6000:
                problems.append(
                    (f"{p}.{key}", "NUMBER_TYPE_MAX", f"{key} must be between {low} and 6000")
                )
        for low_key, high_key in (("min_length", "max_length"), ("min_value", "max_value")):
            low_v, high_v = opt.get(low_key), opt.get(high_key)
            if (
                isinstance(low_v, int | float)
                and isinstance(high_v, int | float)
                and low_v > high_v
            ):
                problems.append(
                    (
                        f"{p}.{low_key}",
                        "APPLICATION_COMMAND_OPTION_RANGE_INVALID",
                        f"{low_key} {low_v} is greater than {high_key} {high_v}",
                    )
                )
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            chars += _check_options(
                opt.get("options") or [], f"{p}.options", problems, depth + 1, kind
            )
    return chars


def check_commands(commands: Any, problems: list[Problem]) -> None:
    """A bulk command overwrite: names, descriptions, options, choices, locales, 4000-char total."""
    if not isinstance(commands, list):
        problems.append(("", "BASE_TYPE_ARRAY", "Must be an array."))
        return
    seen: set[tuple[int, str]] = set()
    chat_input = 0
    for i, cmd in enumerate(commands):
        p = str(i)
        kind = cmd.get("type", 1) or 1
        name = cmd.get("name")
        _check_name(problems, f"{p}.name", name, lowercase=kind == 1)
        _check_localizations(
            problems,
            f"{p}.name_localizations",
            cmd.get("name_localizations"),
            name=True,
            lowercase=kind == 1,
        )
        if kind == 1:
            chat_input += 1
            _length(
                problems, f"{p}.description", cmd.get("description"), 1, COMMAND_DESCRIPTION_MAX
            )
            _check_localizations(
                problems,
                f"{p}.description_localizations",
                cmd.get("description_localizations"),
                name=False,
                lowercase=False,
            )
        elif cmd.get("description"):
            problems.append(
                (
                    f"{p}.description",
                    "APPLICATION_COMMAND_DESCRIPTION_INVALID",
                    "Context menu commands cannot have a description",
                )
            )
        if (kind, name) in seen:
            problems.append(
                (
                    f"{p}.name",
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    f"Application command names must be unique ({name!r})",
                )
            )
        seen.add((kind, name))
        chars = len(str(name or "")) + len(str(cmd.get("description") or ""))
        chars += _check_options(cmd.get("options") or [], f"{p}.options", problems, 0)
        if chars > COMMAND_TOTAL_CHARS_MAX:
            problems.append(
                (
                    p,
                    "APPLICATION_COMMAND_TOO_LARGE",
                    f"Command exceeds maximum size ({chars} > {COMMAND_TOTAL_CHARS_MAX})",
                )
            )
    if chat_input > 100:
        problems.append(("", "BASE_TYPE_MAX_LENGTH", "At most 100 chat input commands."))


def error_body(problems: list[Problem]) -> dict[str, Any]:
    """Discord's 50035 error body, nesting each problem under its field path."""
    errors: dict[str, Any] = {}
    for path, code, message in problems:
        node = errors
        for part in [p for p in path.split(".") if p]:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": errors}
