"""Finding an IANA time zone from what a server admin types: `shanghai`, `new york`, `北京`.

Pure and fast (the name list is read once), because autocomplete must answer within 3 seconds and
cannot be deferred.
"""

from __future__ import annotations

import functools
import unicodedata
import zoneinfo
from datetime import datetime
from zoneinfo import ZoneInfo

# Chinese names of the cities people are likely to type, and the zone each uses.
CHINESE_CITY_ZONES: dict[str, str] = {
    "北京": "Asia/Shanghai",
    "上海": "Asia/Shanghai",
    "中国": "Asia/Shanghai",
    "香港": "Asia/Hong_Kong",
    "澳门": "Asia/Macau",
    "台北": "Asia/Taipei",
    "东京": "Asia/Tokyo",
    "日本": "Asia/Tokyo",
    "首尔": "Asia/Seoul",
    "新加坡": "Asia/Singapore",
    "伦敦": "Europe/London",
    "柏林": "Europe/Berlin",
    "巴黎": "Europe/Paris",
    "纽约": "America/New_York",
    "华盛顿": "America/New_York",
    "洛杉矶": "America/Los_Angeles",
    "旧金山": "America/Los_Angeles",
    "多伦多": "America/Toronto",
    "温哥华": "America/Vancouver",
    "悉尼": "Australia/Sydney",
    "墨尔本": "Australia/Melbourne",
}
# Offered first when nothing is typed yet.
POPULAR = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
)


@functools.cache
def every_zone() -> dict[str, str]:
    """Every IANA name tzdata knows, by its folded form (legacy links like `PRC` included)."""
    return {_fold(name): name for name in zoneinfo.available_timezones()}


@functools.cache
def _offered() -> tuple[tuple[str, str], ...]:
    """The names autocomplete offers: Area/City ones and UTC, not legacy links like `PRC`."""
    names = sorted(n for n in zoneinfo.available_timezones() if "/" in n or n == "UTC")
    return tuple((name, _fold(name)) for name in names)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "_").strip()


def canonical_zone(text: str) -> str | None:
    """The IANA name meant by `text`: any case, spaces for underscores, a Chinese city name, or a
    city alone when only one zone has it (`new york`); None when unknown or ambiguous.
    """
    wanted = text.strip()
    if wanted in CHINESE_CITY_ZONES:
        return CHINESE_CITY_ZONES[wanted]
    folded = _fold(wanted)
    exact = every_zone().get(folded)
    if exact is not None or not folded:
        return exact
    cities = [name for name, key in _offered() if key.rsplit("/", 1)[-1] == folded]
    return cities[0] if len(cities) == 1 else None


def search_zones(text: str, limit: int) -> list[str]:
    """Zones for autocomplete: city aliases, then names whose city starts with the text, then any
    name containing it.
    """
    wanted = text.strip()
    if not wanted:
        return list(POPULAR[:limit])
    found: list[str] = []
    for city, zone in CHINESE_CITY_ZONES.items():
        if wanted in city and zone not in found:
            found.append(zone)
    folded = _fold(wanted)
    starts = [n for n, key in _offered() if key.rsplit("/", 1)[-1].startswith(folded)]
    contains = [n for n, key in _offered() if folded in key]
    for name in [*starts, *contains]:
        if name not in found:
            found.append(name)
        if len(found) >= limit:
            break
    return found[:limit]


def describe_zone(name: str, now: datetime) -> str:
    """`Asia/Shanghai (UTC+08:00, 20:15)`: the offset and local time today."""
    local = now.astimezone(ZoneInfo(name))
    offset = local.strftime("%z")
    return f"{name} (UTC{offset[:3]}:{offset[3:]}, {local:%H:%M})"
