"""Discord's own OpenAPI description (spec/openapi.json), checked on every request body.

`limits.py` holds the rules the schema states loosely or not at all (the 2,000-character content,
the 6,000-character embed total, command names, locales); this module holds what the schema says:
types, required fields, lengths, enums, URL and timestamp formats, nonce size, which option types a
sub-command group may hold, which choice value type goes with which option type. The server runs
both, the schema first (a body of the wrong shape is refused before its sizes are counted).

A request is matched to its operation by method + OpenAPI path template (literal segments win over
`{parameters}`, so `/users/@me` is not `/users/{user_id}`). Validators are built lazily, once per
operation, and results are cached per (operation, body): the suite sends the same command list at
every bot start.

Where the official schema is stricter than Discord itself, `ALLOWANCES` says so and the loaded copy
is patched narrowly; the vendored file stays byte-for-byte upstream's.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .limits import Problem

SPEC_FILE = Path(__file__).with_name("spec") / "openapi.json"
BASE_URI = "urn:discord-api-spec:openapi.json"

SNOWFLAKE_PATTERN = "^(0|[1-9][0-9]*)$"

# Where the official schema refuses what Discord accepts. Each entry: what is patched, and why.
ALLOWANCES: dict[str, str] = {
    "SnowflakeType": (
        "The schema says a snowflake is a digit string; Discord also accepts a non-negative JSON "
        "integer, and discord.py 2.7 sends ints: message_reference.message_id/channel_id/guild_id "
        "on every reply, recipient_id when opening a DM (also applied_tags, allowed_mentions ids)."
    ),
    "default_member_permissions": (
        "In ApplicationCommand{Create,Update}Request and ApplicationCommandPatchRequestPartial the "
        "schema wants an integer; the documentation (which Discord says wins) types it as a "
        "string bit set, as Discord itself returns it, so a digit string is accepted too."
    ),
}

_PERMISSIONS_REQUESTS = (
    "ApplicationCommandCreateRequest",
    "ApplicationCommandUpdateRequest",
    "ApplicationCommandPatchRequestPartial",
)

_RESULTS_MAX = 4096
_RESULTS: OrderedDict[tuple[str, str], tuple[Problem, ...]] = OrderedDict()
_VALIDATORS: dict[str, Draft202012Validator] = {}


@dataclass(frozen=True)
class Operation:
    """One OpenAPI operation that may carry a request body."""

    method: str
    template: str
    operation_id: str
    body_required: bool
    schema_pointer: str | None  # JSON pointer to the request body's schema, None if no body


def _apply_allowances(doc: dict[str, Any]) -> None:
    doc["components"]["schemas"]["SnowflakeType"] = {
        "anyOf": [
            {"type": "string", "pattern": SNOWFLAKE_PATTERN},
            {"type": "integer", "minimum": 0, "maximum": 2**64 - 1},
        ]
    }
    for name in _PERMISSIONS_REQUESTS:
        prop = doc["components"]["schemas"][name]["properties"]["default_member_permissions"]
        prop.pop("type")
        integer = {"type": ["integer", "null"], **prop}
        prop.clear()
        prop["anyOf"] = [integer, {"type": "string", "pattern": SNOWFLAKE_PATTERN}]


@cache
def spec() -> dict[str, Any]:
    """The vendored document, with `ALLOWANCES` applied."""
    doc = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    _apply_allowances(doc)
    return doc


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(spec(), default_specification=DRAFT202012)
    return Registry().with_resource(BASE_URI, resource)


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


@cache
def _templates() -> dict[int, list[tuple[tuple[int, ...], re.Pattern[str], str]]]:
    """Path templates by segment count, literal segments before parameters."""
    by_length: dict[int, list[tuple[tuple[int, ...], re.Pattern[str], str]]] = {}
    for template in spec()["paths"]:
        segments = template.strip("/").split("/")
        rank = tuple(1 if s.startswith("{") else 0 for s in segments)
        regex = "/".join("[^/]+" if s.startswith("{") else re.escape(s) for s in segments)
        entry = (rank, re.compile(f"^/{regex}$"), template)
        by_length.setdefault(len(segments), []).append(entry)
    for entries in by_length.values():
        entries.sort(key=lambda e: e[0])
    return by_length


@cache
def _operation(method: str, template: str) -> Operation | None:
    item = spec()["paths"][template]
    op = item.get(method.lower())
    if op is None:
        return None
    body = op.get("requestBody")
    pointer: str | None = None
    required = False
    if body is not None:
        base = f"/paths/{_escape(template)}/{method.lower()}/requestBody"
        if "$ref" in body:  # a shared request body under components/requestBodies
            base = body["$ref"].removeprefix("#")
            body = spec()["components"]["requestBodies"][base.rsplit("/", 1)[-1]]
        content = body.get("content", {})
        for media in ("application/json", "multipart/form-data", *content):
            if media in content:
                pointer = f"{base}/content/{_escape(media)}/schema"
                break
        required = bool(body.get("required"))
    return Operation(method, template, op.get("operationId", ""), required, pointer)


def find_operation(method: str, path: str) -> Operation | None:
    """The operation for a request path relative to /api/v10 (e.g. /channels/1/messages)."""
    path = path.rstrip("/") or "/"
    for _, regex, template in _templates().get(path.strip("/").count("/") + 1, []):
        if regex.match(path):
            return _operation(method.upper(), template)
    return None


# ------------------------------------------------------------------------------ formats

_FORMATS = FormatChecker(formats=())
_URL_SCHEMES = frozenset({"http", "https", "attachment", "discord"})
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$"
)
_INT32 = (-(2**31), 2**31 - 1)


@_FORMATS.checks("uri", raises=ValueError)
def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in _URL_SCHEMES and bool(parts.netloc)


@_FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.fromisoformat(value.replace("z", "Z").replace("t", "T"))  # month 13, day 32, ...
    return True


@_FORMATS.checks("int32")
def _is_int32(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        return True
    return _INT32[0] <= value <= _INT32[1]


# ------------------------------------------------------------------------------ validation


def _validator(pointer: str) -> Draft202012Validator:
    validator = _VALIDATORS.get(pointer)
    if validator is None:
        validator = Draft202012Validator(
            {"$ref": f"{BASE_URI}#{pointer}"}, registry=_registry(), format_checker=_FORMATS
        )
        _VALIDATORS[pointer] = validator
    return validator


def check_body(method: str, path: str, body: Any, *, has_body: bool = True) -> list[Problem]:
    """Problems with a request body under Discord's schema; [] when valid or when no schema applies.

    `body` is the parsed JSON body (or a multipart body's payload_json); `has_body` False means
    the request carried none. A path the schema does not know is not this module's business (the
    server records unknown routes itself).
    """
    op = find_operation(method, path)
    if op is None or op.schema_pointer is None:
        return []
    if not has_body:
        if op.body_required:
            return [("", "BASE_TYPE_REQUIRED", f"{op.operation_id} requires a request body")]
        return []
    key = (op.schema_pointer, json.dumps(body, sort_keys=True, ensure_ascii=False))
    cached = _RESULTS.get(key)
    if cached is None:
        errors = sorted(
            _validator(op.schema_pointer).iter_errors(body), key=lambda e: list(e.absolute_path)
        )
        found: list[Problem] = []
        for error in errors:
            for leaf in _leaves(error):
                problem = _problem(leaf)
                if problem not in found:
                    found.append(problem)
        cached = tuple(found)
        _RESULTS[key] = cached
        if len(_RESULTS) > _RESULTS_MAX:
            _RESULTS.popitem(last=False)
    return list(cached)


def _misses(error: ValidationError) -> bool:
    """Whether a branch of a oneOf/anyOf failed on its discriminator (so it is not the one meant).

    Discriminators: `type` (components, callbacks, options), `entity_type` (scheduled events).
    """
    rel = list(error.relative_path)
    if not rel:  # the value itself is of another JSON type, or another member of an enum
        return error.validator in ("type", "enum", "const")
    return rel in (["type"], ["entity_type"]) and error.validator in ("enum", "const")


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth reporting: inside a union, those of the branch the body meant."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    options: list[tuple[int, int, int, list[ValidationError]]] = []
    for index, subs in branches.items():
        if any(_misses(sub) for sub in subs):
            continue
        leaves = [leaf for sub in subs for leaf in _leaves(sub)]
        depth = max(len(leaf.absolute_path) + (leaf.validator != "required") for leaf in leaves)
        options.append((len(leaves), -depth, index, leaves))
    if not options:
        return [error]
    # The branch meant is the one with the fewest complaints, reached deepest into the body.
    return min(options, key=lambda option: option[:3])[3]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _problem(error: ValidationError) -> Problem:
    """One (field path, code, message) in the style of Discord's 50035 errors."""
    path = ".".join(str(p) for p in error.absolute_path)
    kind = error.validator
    rule = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    value = error.instance
    if kind == "required":
        match = re.match(r"^'([^']+)' is a required property", error.message)
        name = match.group(1) if match else "?"
        return (f"{path}.{name}" if path else name, "BASE_TYPE_REQUIRED", "This field is required")
    if kind in ("maxLength", "minLength"):
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        if high is None:
            bounds = f"Must be {low} or more in length"
        elif low:
            bounds = f"Must be between {low} and {high} in length"
        else:
            bounds = f"Must be {high} or fewer in length"
        return (path, "BASE_TYPE_BAD_LENGTH", f"{bounds} (got {len(value)}).")
    if kind == "maxItems":
        return (path, "BASE_TYPE_MAX_LENGTH", f"Must be {rule} or fewer in length.")
    if kind == "minItems":
        return (path, "BASE_TYPE_MIN_LENGTH", f"Must be {rule} or more in length.")
    if kind in ("maxProperties", "minProperties"):
        return (path, "BASE_TYPE_BAD_LENGTH", f"{kind} {rule} (got {len(value)}).")
    if kind == "type":
        expected = " or ".join(rule) if isinstance(rule, list) else rule
        return (
            path,
            "BASE_TYPE_BAD_TYPE",
            f"Must be {expected} (got {_json_type(value)} {_short(value)}).",
        )
    if kind in ("enum", "const"):
        allowed = rule if kind == "enum" else [rule]
        return (
            path,
            "BASE_TYPE_CHOICES",
            f"Value must be one of {_short(allowed)} (got {_short(value)}).",
        )
    if kind in ("maximum", "exclusiveMaximum"):
        return (path, "NUMBER_TYPE_MAX", f"Must be less than or equal to {rule} (got {value}).")
    if kind in ("minimum", "exclusiveMinimum"):
        return (path, "NUMBER_TYPE_MIN", f"Must be greater than or equal to {rule} (got {value}).")
    if kind == "format":
        if rule == "uri":
            return (path, "URL_TYPE_INVALID_URL", f"Not a well formed URL: {_short(value)}.")
        if rule == "date-time":
            return (
                path,
                "DATE_TIME_TYPE_PARSE",
                f"Could not parse {_short(value)}. Should be ISO8601.",
            )
        return (path, "BASE_TYPE_BAD_FORMAT", f"Not a valid {rule}: {_short(value)}.")
    if kind == "pattern":
        return (path, "BASE_TYPE_BAD_FORMAT", f"Must match {rule} (got {_short(value)}).")
    if kind == "uniqueItems":
        return (path, "BASE_TYPE_DUPLICATES", "Items must be unique.")
    if kind in ("oneOf", "anyOf"):
        return _union_problem(error, path)
    return (path, f"SCHEMA_{str(kind).upper()}", error.message[:200])


def _union_problem(error: ValidationError, path: str) -> Problem:
    """No branch of a oneOf/anyOf fits: say which JSON types or `type` values would have."""
    value = error.instance
    types: list[str] = []
    kinds: list[Any] = []  # `type` values of the object shapes on offer
    members: list[Any] = []  # the values of an enum written as oneOf consts
    for sub in error.context or []:
        rel = list(sub.relative_path)
        rule = sub.validator_value
        values = rule if sub.validator == "enum" else [rule]
        if not rel and sub.validator == "type":
            types.extend(t for t in (rule if isinstance(rule, list) else [rule]) if t not in types)
        elif not rel and sub.validator in ("enum", "const"):
            members.extend(v for v in values if v not in members)
        elif rel == ["type"] and sub.validator in ("enum", "const"):
            kinds.extend(k for k in values if k not in kinds)
    if members and not isinstance(value, dict | list):
        return (
            path,
            "BASE_TYPE_CHOICES",
            f"Value must be one of {_short(members)} (got {_short(value)}).",
        )
    if kinds and isinstance(value, dict):
        return (
            f"{path}.type" if path else "type",
            "BASE_TYPE_CHOICES",
            f"Value must be one of {_short(sorted(kinds))} (got {_short(value.get('type'))}).",
        )
    if types and not any(_fits(value, t) for t in types):
        return (
            path,
            "BASE_TYPE_BAD_TYPE",
            f"Must be {' or '.join(types)} (got {_json_type(value)} {_short(value)}).",
        )
    if error.validator == "oneOf" and not error.context:
        return (path, "BASE_TYPE_AMBIGUOUS", f"Matches more than one shape: {_short(value)}.")
    return (path, "BASE_TYPE_BAD_UNION", f"Matches no allowed shape: {_short(value)}.")


def _fits(value: Any, json_type: str) -> bool:
    actual = _json_type(value)
    return actual == json_type or (json_type == "number" and actual == "integer")


__all__ = ["ALLOWANCES", "SPEC_FILE", "Operation", "check_body", "find_operation", "spec"]
