"""Character-level repair of text extracted from the journal's PDFs.

The extractor leaves a known set of artefacts (see content/README.md, "Cleaning rules"): footnote
markers glued to the text, full-width digits and letters, a full-width ``Ｇ`` standing for a hyphen,
private-use glyphs for the ellipsis / middle dot / apostrophe, guillemets for book-title marks,
ASCII punctuation standing for Chinese punctuation, and stray spaces. The functions here undo
them one character at a time and never touch the words themselves.

Order matters, and the order is the reason this module exists as one place:

1. footnote markers (①-⑩) are removed *before* width folding, because NFKC-style folding turns
   ``①`` into ``1`` and ``合作.”①２０２１年`` would become ``合作.”12021年``;
2. ``Ｇ`` becomes ``-`` *before* folding, otherwise it becomes a Latin ``G`` (``FG35A``);
3. private-use glyphs are mapped *after* folding, so the ellipsis ``…`` is not folded to ``...``;
4. punctuation is converted last, when digits and Latin letters are ASCII and can be seen as
   the "inside a number / URL / English" exceptions. Footnotes (citations in Chinese, Japanese
   and English) use a narrower rule: only marks between Chinese words are converted;
5. a space between Chinese and a Latin word or number is extraction noise and goes, in the body
   and in footnotes (``在 G２０`` → ``在G20``, ``全球鹰和 E-2D`` → ``全球鹰和E-2D``); a space
   between two English words stays.

Everything is a pure function of its input: no I/O, no state.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

# Characters that must never reach a reader. Another module (the content validator) imports this
# name; keep it stable. Private use: BMP U+E000-F8FF and supplementary planes 15-16.
ARTIFACT_PATTERN: re.Pattern[str] = re.compile(
    "[\ue000-\uf8ff\U000f0000-\U0010ffff①-⑩«»０-９Ａ-Ｚａ-ｚ∗\u3000]"
)

FOOTNOTE_MARKERS = "①②③④⑤⑥⑦⑧⑨⑩"
MARKER_PATTERN: re.Pattern[str] = re.compile(f"[{FOOTNOTE_MARKERS}] *")

# Placeholder left where a footnote marker stood when the caller wants to know the positions
# (the importer replaces it by ``[^fnNN]`` or drops it). Punctuation and space rules look through
# it, so it never changes how the surrounding text is cleaned.
MARKER_PLACEHOLDER = "\ufffc"

# The three private-use code points this journal's PDFs use; an unknown one is left alone so that
# ARTIFACT_PATTERN can flag it instead of it being silently guessed.
PUA_MAP: dict[str, str] = {
    "\U001001ba": "…",  # always doubled: a Chinese ellipsis ……
    "\U00100170": "·",  # interpunct in transliterated names: 约瑟夫·奈
    "\U001001b3": "’",  # apostrophe in English titles: Leaders’
}

FULLWIDTH_HYPHEN = "Ｇ"  # U+FF27: the PDF font codes the hyphen as a full-width G
NOTE_ASTERISK = "∗"  # U+2217: title/author note markers whose notes are lost

# Full-width Chinese punctuation that is genuine and must survive width folding.
_KEEP_FULLWIDTH = frozenset("，：；（）！？")

# ASCII punctuation that, between Chinese text, stands for its Chinese counterpart.
_TO_CHINESE = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
    "?": "？",
    "!": "！",
}

_TRIPLE_DASH = re.compile("—{3,}")
_SPACES = re.compile(r"[ \u00a0\u3000]+")
_CJK = "\u3040-\u30ff\u4e00-\u9fff"
_CJK_LATIN_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[{_CJK}])")
# A URL runs over printable ASCII but does not end in the sentence punctuation that follows it.
_URL = re.compile(r"(?:https?://|www\.)[!-~]*[A-Za-z0-9/=_#%-]")


def fold_width(text: str) -> str:
    """Map full-width ASCII forms (U+FF01-FF5E) to ASCII, like NFKC but nothing else.

    Real NFKC would also rewrite ``…`` and circled digits and other compatibility characters;
    only the width forms are artefacts here. Genuine full-width Chinese punctuation (，：；（）！？)
    is kept, so cleaning already-clean text changes nothing.
    """
    return "".join(
        chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" and ch not in _KEEP_FULLWIDTH else ch
        for ch in text
    )


def remove_markers(text: str, placeholder: str = "") -> str:
    """Drop ①-⑩ footnote markers and the stray space the extractor put after some of them."""
    return MARKER_PATTERN.sub(placeholder, text)


def map_private_use(text: str) -> str:
    """Replace the known private-use glyphs by the characters they draw (see PUA_MAP)."""
    return "".join(PUA_MAP.get(ch, ch) for ch in text)


def join_lines(lines: Sequence[str], real_hyphens: Collection[str] = ()) -> str:
    """Join extracted lines with the empty string, dropping soft hyphens at line ends.

    Chinese has no inter-word spaces and every line break may split a word, so lines are joined
    with "" and leading/trailing spaces of each line (page-start artefacts) are dropped. A line
    ending in ``Ｇ`` between Latin letters is a typesetter's hyphenation (``ProＧ|gressive``) and
    the ``Ｇ`` is dropped, unless the hyphenated form (``fury-like``) is listed in
    ``real_hyphens``: then it was a real hyphen that happened to fall at the line end.
    """
    parts: list[str] = []
    for index, raw in enumerate(lines):
        line = raw.strip(" \u3000")
        nxt = lines[index + 1].strip(" \u3000") if index + 1 < len(lines) else ""
        if soft_hyphen_at_end(line, nxt) and hyphen_word(line, nxt) not in real_hyphens:
            line = line[:-1]
        parts.append(line)
    return "".join(parts)


def soft_hyphen_at_end(line: str, next_line: str) -> bool:
    """True when ``line`` ends in ``Ｇ`` between Latin letters, so the ``Ｇ`` may be a soft hyphen."""
    return (
        len(line) >= 2
        and line.endswith(FULLWIDTH_HYPHEN)
        and _is_latin_letter(line[-2])
        and bool(next_line)
        and _is_latin_letter(next_line[0])
    )


def hyphen_word(line: str, next_line: str) -> str:
    """The word around a line-final ``Ｇ``, written with ``-``: ``teleＧ|graph`` → ``tele-graph``."""
    head = re.search(r"[A-Za-z]+Ｇ$", line)
    tail = re.match(r"[A-Za-z]+", next_line)
    return (head.group(0)[:-1] if head else "") + "-" + (tail.group(0) if tail else "")


def clean_body_text(text: str, *, keep_marker_positions: bool = False) -> str:
    """Clean one joined paragraph (or heading) of running Chinese text.

    With ``keep_marker_positions`` every footnote marker becomes MARKER_PLACEHOLDER instead of
    vanishing, so the caller can put a footnote reference exactly where the marker stood.
    """
    placeholder = MARKER_PLACEHOLDER if keep_marker_positions else ""
    text = remove_markers(text, placeholder)
    text = _common_character_fixes(text)
    text = _remove_stray_spaces(text)
    text = convert_punctuation(text)
    return _space_after_english_comma(text)


def clean_footnote_text(text: str) -> str:
    """Clean one joined footnote. Footnotes are mostly URLs, Japanese and English, so ASCII
    punctuation is kept as printed, except between Chinese words (see
    ``convert_footnote_punctuation``); the artefacts are undone and spaces are tidied.

    A space between Chinese/Japanese and a Latin term (``全球鹰和 E-2D``) is the same extraction
    noise as in the body and goes (the body drops it too: ``在 G２０`` → ``在G20``); a space
    between two CJK words is part of a Japanese or news title (``菅内閣総理大臣 令和3年 年頭所感``)
    and stays.
    """
    text = remove_markers(text)
    text = _common_character_fixes(text)
    text = _SPACES.sub(" ", text).strip()
    text = _CJK_LATIN_SPACE.sub("", text)
    return convert_footnote_punctuation(text)


# Chinese on the left of a mark: a Han character or a closing book-title mark / bracket; on the
# right: a Han character or an opening one. Kana, Latin, digits, quotes and URLs are not.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_FOOTNOTE_MARK = re.compile(f"(?<=[{_HAN}》）])[,.:;](?=[{_HAN}《（]|$)")


def convert_footnote_punctuation(text: str) -> str:
    """ASCII ``, . : ;`` between Chinese words of a footnote → ``，。：；``, like the body.

    ``丰松江:《…》,《中国国防报》2020年5月6日,第4版.`` → ``丰松江：《…》，《…》2020年5月6日，第4版。``.
    The body's wider rule (convert unless both neighbours are ASCII letters or digits) would
    break English and Japanese citations (``Century,” https://…``, ``「…」、…、2021-01-19.``), so in
    footnotes a mark is converted only with Chinese on both sides, or at the very end after
    Chinese. Next to a URL, a number, Latin or kana it stays as printed (``》,http://…,2021-01-19.``).
    """
    protected = _protected_spans(text)
    return "".join(
        _TO_CHINESE[ch]
        if ch in _TO_CHINESE and _FOOTNOTE_MARK.match(text, index) and not _inside(index, protected)
        else ch
        for index, ch in enumerate(text)
    )


def _common_character_fixes(text: str) -> str:
    """The artefact mapping shared by body and footnotes, in the order the module doc explains."""
    text = text.replace(NOTE_ASTERISK, "")
    text = text.replace(FULLWIDTH_HYPHEN, "-")
    text = fold_width(text)
    text = map_private_use(text)
    text = text.replace("«", "《").replace("»", "》")
    return _TRIPLE_DASH.sub("——", text)


def _remove_stray_spaces(text: str) -> str:
    """Drop spaces unless both neighbours are ASCII (a space inside English is real)."""
    out: list[str] = []
    for match in _split_spaces(text):
        start, end, is_space = match
        chunk = text[start:end]
        if not is_space:
            out.append(chunk)
            continue
        left = _neighbour(text, start - 1, -1)
        right = _neighbour(text, end, 1)
        if _is_ascii_visible(left) and _is_ascii_visible(right):
            out.append(" ")
    return "".join(out)


def _split_spaces(text: str) -> list[tuple[int, int, bool]]:
    """Spans of ``text`` alternating between runs of spaces and runs of anything else."""
    spans: list[tuple[int, int, bool]] = []
    position = 0
    for match in _SPACES.finditer(text):
        if match.start() > position:
            spans.append((position, match.start(), False))
        spans.append((match.start(), match.end(), True))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text), False))
    return spans


def convert_punctuation(text: str) -> str:
    """ASCII ``, . : ; ( ) ? !`` → Chinese forms, except inside numbers, URLs and English.

    A mark stays ASCII when both neighbours are ASCII letters or digits (``3.7``, ``U.S``,
    ``Agreement,TPP``, ``Resilience(CoRe)Partnership``) or when it lies in a URL. A ``)`` follows
    the decision made for its ``(`` so brackets always match in width.
    """
    protected = _protected_spans(text)
    chars = list(text)
    open_stack: list[bool] = []
    for index, ch in enumerate(text):
        if ch not in _TO_CHINESE or _inside(index, protected):
            continue
        left = _neighbour(text, index - 1, -1)
        right = _neighbour(text, index + 1, 1)
        keep = _is_ascii_alnum(left) and _is_ascii_alnum(right)
        if ch == "(":
            keep = _is_ascii_alnum(left)
            open_stack.append(keep)
        elif ch == ")" and open_stack:
            keep = open_stack.pop()
        if not keep:
            chars[index] = _TO_CHINESE[ch]
    return "".join(chars)


def _space_after_english_comma(text: str) -> str:
    """``Agreement,TPP`` → ``Agreement, TPP``: an ASCII comma between English words."""
    return re.sub(r"(?<=[A-Za-z]),(?=[A-Za-z])", ", ", text)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URL.finditer(text)]


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in spans)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character from ``index`` in direction ``step``, looking through placeholders
    and spaces (``Agreement, TPP`` has English on both sides of its comma)."""
    while 0 <= index < len(text) and text[index] in (MARKER_PLACEHOLDER, " "):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _is_ascii_alnum(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and ch.isalnum()


def _is_ascii_visible(ch: str) -> bool:
    return len(ch) == 1 and "!" <= ch <= "~"


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
