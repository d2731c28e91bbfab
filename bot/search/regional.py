"""Taiwan and Hong Kong wording on the query side: 網路 → 网络, 軟體 → 软件, 資訊 → 信息.

The per-character fold in `normalize` turns traditional characters into simplified ones, but not
regional vocabulary; OpenCC's phrase-level `tw2sp` does. It is applied to queries only (their
offsets never matter); names the converter misses (北韓, 川普, 澳洲) are glossary aliases.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_TW2SP = opencc.OpenCC("tw2sp")
_HK2S = opencc.OpenCC("hk2s")


@lru_cache(maxsize=4096)
def to_mainland(text: str) -> str:
    return str(_HK2S.convert(_TW2SP.convert(text)))
