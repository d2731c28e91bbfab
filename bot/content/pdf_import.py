"""Draft an article.md straight from the journal's PDF, deciding by type size and position.

``import-text`` works on a plain-text extraction. That has lost what tells a footnote from the
body and one paragraph from the next, so the text importer has to guess from the shape of the
text (the artefacts content/README.md's "Cleaning rules" lists). The PDF still has it: every character comes with its
font, size and position. This module reads them with pdfplumber and decides:

- **running headers and footers**: lines at the top or bottom edge of a page whose text (digits
  aside) comes back on another page, and lone page numbers;
- **footnotes**: the run of smaller type under the body at the foot of a page, one note from
  each marker to the next; a note that goes on at the foot of the next page is joined;
- **footnote markers**: smaller type on a raised baseline (a superscript ``3`` becomes ``③``);
- **headings**: the numbering says heading (一、 （一） 引言 结语) and the type says so too (a
  bigger size or another font), or a body-type line stands alone; a big unnumbered line is
  reported, not guessed;
- **paragraphs**: a first line indented about 2 em starts one and a flush line continues it,
  across page breaks too (the footnotes and headers in between are gone by then);
- **front matter**: title (the largest type on page 1), subtitle (——…), author, 内容提要,
  关键词; journal, year and issue from the running header.

The rest (section ids, 第N points, pairing notes with markers, character cleaning, rendering) is
the text importer's: the separated lines go through ``importer.assemble_draft``, so both commands
write the same draft and the same kind of report. Every line number in the report is a line of
the text layer written beside the draft (``source-extracted.txt``).
"""

from __future__ import annotations

import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.article_format import SLUG_PATTERN
from bot.content.cleaning import (
    FOOTNOTE_MARKERS,
    MARKER_PATTERN,
    clean_body_text,
    fold_width,
    join_lines,
)
from bot.content.importer import (
    FootnoteBlock,
    FootnoteItem,
    FrontMatter,
    ImportOverrides,
    ImportResult,
    Node,
    RawLine,
    assemble_draft,
    heading_from_text,
    numbered_heading,
)

# Measures, in em of the line's own type size unless said otherwise.
SUPERSCRIPT_SIZE = 0.85  # a superscript is at most this fraction of its line's size …
SUPERSCRIPT_RISE = 0.2  # … and its baseline at least this much above the line's
SIZE_TOLERANCE = 0.5  # points: sizes closer than this are the same type
SPACE_GAP = 0.25  # a gap this wide between two characters is a space the PDF did not encode
FLUSH_MAX = 0.5  # a line starting within this of the left margin is flush
INDENT_MIN, INDENT_MAX = 1.0, 3.5  # a paragraph's first line is indented about 2 em
SHORT_LINE = 1.5  # a line ending this far before the right margin is short (a paragraph end)
EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be running lines

_LABEL_OPEN, _LABEL_CLOSE = "[【［\\[〔]?\\s*", "\\s*[】］\\]〕]?\\s*[:：]?\\s*"
_ABSTRACT_LABEL = re.compile(f"^{_LABEL_OPEN}(?:内容提要|内容摘要|摘\\s*要|提\\s*要){_LABEL_CLOSE}")
_KEYWORDS_LABEL = re.compile(f"^{_LABEL_OPEN}(?:关键词|关键字|关\\s*键\\s*词){_LABEL_CLOSE}")
_KEYWORD_SPLIT = re.compile("[\\s；;，,、]+")
_METADATA = re.compile(
    f"^{_LABEL_OPEN}(?:中图分类号|文献标识码|文章编号|DOI|doi|收稿日期|作者简介|基金项目)"
)
_TRAILING_MATTER = re.compile(f"^{_LABEL_OPEN}(?:参考文献|Abstract|ABSTRACT)")
_JOURNAL_HEADER = re.compile("[《«]([^》»]+)[》»]\\s*(\\d{4})\\s*年\\s*第\\s*(\\d+)\\s*期")
_PAGE_NUMBER = re.compile("^[-—–·•\\s]*(?:第\\s*)?\\d{1,4}(?:\\s*页)?[-—–·•\\s]*$")
_SENTENCE_END = re.compile("[。？！.?!…][”’」』）)]*$")
_NOTE_END = re.compile("[。？！.?!…”’」』）)]$")
_HAN = re.compile("[\u4e00-\u9fff]")
_NOTE_SIGNS = "∗*"
_NBSP = "\u00a0"  # survives join_lines' strip, becomes a space (or nothing) in the cleaning


class PdfImportError(Exception):
    """The PDF cannot be read at all; the message is one line for the terminal."""


@dataclass(slots=True)
class PdfLine:
    """One printed line: its ordinary characters' box, type and text (markers as ①…)."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    font: str
    text: str
    number: int = 0  # line number in the text layer
    odd_superscripts: tuple[str, ...] = ()  # raised text that is no ①–⑩ marker (kept as text)


@dataclass(slots=True)
class PdfPage:
    number: int
    lines: list[PdfLine]
    rotated: int = 0  # characters not set upright (margin stamps), left out


@dataclass(slots=True)
class PdfImport:
    """The draft and report (as ``import-text`` makes them) and the text layer they cite."""

    result: ImportResult
    text_layer: str

    @property
    def markdown(self) -> str:
        return self.result.markdown

    @property
    def report(self) -> list[str]:
        return self.result.report


@dataclass(slots=True)
class _Layout:
    """The body type and, per page, the body's margins (mirrored pages differ)."""

    size: float
    font: str
    left: dict[int, float] = field(default_factory=dict)
    right: dict[int, float] = field(default_factory=dict)

    def is_body_type(self, line: PdfLine) -> bool:
        return abs(line.size - self.size) <= SIZE_TOLERANCE and line.font == self.font

    def is_small(self, line: PdfLine) -> bool:
        return line.size < self.size - SIZE_TOLERANCE

    def looks_like_heading(self, line: PdfLine) -> bool:
        """Bigger than the body, or body size in another font (黑体 / bold)."""
        bigger = line.size > self.size + SIZE_TOLERANCE
        return bigger or (abs(line.size - self.size) <= SIZE_TOLERANCE and line.font != self.font)

    def indent(self, line: PdfLine) -> float:
        return (line.x0 - self.left.get(line.page, line.x0)) / self.size

    def is_short(self, line: PdfLine) -> bool:
        right = self.right.get(line.page, line.x1)
        return line.x1 < right - SHORT_LINE * self.size


# --------------------------------------------------------------------------- public API


def import_pdf(path: Path, slug: str) -> PdfImport:
    """Read ``path`` and build the draft article.md; the report lists what needs a human."""
    pages = read_pages(path)
    report: list[str] = []
    text_layer = _number_lines(pages)
    for page in pages:
        if page.rotated:
            report.append(f"p{page.number}: {page.rotated} rotated characters left out (stamp?)")
    front = FrontMatter()
    running = _running_lines(pages, front, report)
    content, notes = _separate_notes(pages, running, report)
    body = _front_matter(content, front, report)
    body = _drop_trailing_matter(_drop_metadata(body, report), report)
    layout = _measure(body or content)
    raw_body, headings, overrides = _decide_body(body, layout, report)
    blocks = _footnote_blocks(notes, raw_body, body, report)
    result = assemble_draft(
        slug,
        front,
        raw_body,
        blocks,
        overrides,
        report,
        heading_of=lambda line: _fresh(headings.get(line.number)),
    )
    return PdfImport(result, text_layer)


def run_pdf_import_cli(pdf_path: Path, slug: str, out_dir: Path, *, force: bool = False) -> int:
    """Write ``out_dir/<slug>/article.md`` and the text layer; print the report.

    Like ``import-text``, refuses to overwrite a hand-finished article.md unless ``force`` is set.
    Every failure is one line on stderr and exit code 1.
    """
    if not SLUG_PATTERN.match(slug):
        print(
            f"error: slug {slug!r} must be lowercase letters, digits and hyphens", file=sys.stderr
        )
        return 1
    target_dir = out_dir / slug
    target = target_dir / "article.md"
    if target.exists() and not force:
        print(f"{target} exists; use --force to overwrite it", file=sys.stderr)
        return 1
    try:
        imported = import_pdf(pdf_path, slug)
    except PdfImportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    target_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(imported.markdown, encoding="utf-8")
    (target_dir / "source-extracted.txt").write_text(imported.text_layer, encoding="utf-8")
    print(f"wrote {target} ({len(imported.report)} report items)")
    for item in imported.report:
        print(f"- {item}")
    return 0


# --------------------------------------------------------------------------- reading the PDF


def read_pages(path: Path) -> list[PdfPage]:
    """Every page's lines, top to bottom; a file that is no readable PDF raises PdfImportError."""
    if not path.is_file():
        raise PdfImportError(f"{path}: no such file")
    import pdfplumber  # imported here: only this command needs it

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    except Exception as exc:  # pdfminer raises many unrelated types for a broken file
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PdfImportError(f"{path} is not a readable PDF ({detail})") from exc
    if not any(page.lines for page in pages):
        raise PdfImportError(
            f"{path} has no text layer (a scan?): run OCR first, or use import-text on a text file"
        )
    return pages


@dataclass(slots=True)
class _Row:
    chars: list[dict[str, Any]]
    top: float
    bottom: float
    height: float


def _read_page(page: Any, number: int) -> PdfPage:
    chars = [c for c in page.chars if c.get("text")]
    upright = [c for c in chars if c.get("upright", True)]
    lines = [line for row in _rows(upright) if (line := _line_of(row, number)) is not None]
    return PdfPage(number, lines, rotated=len(chars) - len(upright))


def _rows(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into printed lines by vertical overlap.

    Overlap, not equal baselines: a superscript marker sits higher than its line but still
    overlaps most of it, while two consecutive lines never overlap.
    """
    rows: list[_Row] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        height = max(char["bottom"] - char["top"], 0.1)
        for row in reversed(rows[-3:]):
            overlap = min(row.bottom, char["bottom"]) - max(row.top, char["top"])
            if overlap >= 0.5 * min(height, row.height):
                row.chars.append(char)
                row.top, row.bottom = min(row.top, char["top"]), max(row.bottom, char["bottom"])
                row.height = max(row.height, height)
                break
        else:
            rows.append(_Row([char], char["top"], char["bottom"], height))
    rows.sort(key=lambda row: row.top)
    return [sorted(row.chars, key=lambda c: c["x0"]) for row in rows]


def _line_of(row: list[dict[str, Any]], page: int) -> PdfLine | None:
    """One row of characters as a line: superscripts become markers, wide gaps become spaces."""
    visible = [c for c in row if c["text"].strip()]
    if not visible:
        return None
    sizes = Counter(round(c["size"], 1) for c in visible)
    size = max(sizes, key=lambda s: (sizes[s], s))
    baseline = statistics.median(c["bottom"] for c in visible if round(c["size"], 1) == size)

    def raised(char: dict[str, Any]) -> bool:
        return (
            bool(char["text"].strip())
            and char["size"] <= SUPERSCRIPT_SIZE * size
            and baseline - char["bottom"] >= SUPERSCRIPT_RISE * size
        )

    pieces: list[str] = []
    odd: list[str] = []
    last_x1: float | None = None
    index = 0
    while index < len(row):
        char = row[index]
        if raised(char):
            end = index
            while end < len(row) and raised(row[end]):
                end += 1
            text = "".join(c["text"] for c in row[index:end])
            marker = superscript_marker(text)
            pieces.append(marker if marker is not None else text)
            if marker is None:
                odd.append(text)
            last_x1, index = row[end - 1]["x1"], end
            continue
        gap = char["x0"] - last_x1 if last_x1 is not None else 0.0
        if char["text"].strip() and gap > SPACE_GAP * size and pieces and pieces[-1] != " ":
            pieces.append(" ")
        pieces.append(char["text"])
        last_x1, index = char["x1"], index + 1
    ordinary = [c for c in visible if not raised(c)] or visible
    fonts = Counter(_font_name(c.get("fontname", "")) for c in ordinary)
    return PdfLine(
        page=page,
        top=min(c["top"] for c in ordinary),
        bottom=max(c["bottom"] for c in ordinary),
        x0=min(c["x0"] for c in ordinary),
        x1=max(c["x1"] for c in ordinary),
        size=size,
        font=fonts.most_common(1)[0][0],
        text="".join(pieces).strip(),
        odd_superscripts=tuple(odd),
    )


def superscript_marker(text: str) -> str | None:
    """A raised ``3``, ``[3]`` or ``③`` is footnote marker ③; a raised ``*`` a title-note sign.

    None for anything else (``2`` in km², a number above ten): the text keeps it and the report
    says so, since ``bot.content.cleaning`` only knows ①–⑩.
    """
    core = fold_width(text).strip().strip("[]()（）［］")
    if core and all(ch in FOOTNOTE_MARKERS for ch in core):
        return core
    if core.isascii() and core.isdigit() and 1 <= int(core) <= len(FOOTNOTE_MARKERS):
        return FOOTNOTE_MARKERS[int(core) - 1]
    if core and all(ch in _NOTE_SIGNS for ch in core):
        return "∗" * len(core)
    return None


def _font_name(name: str) -> str:
    """``ABCDEF+SimSun`` → ``SimSun``: the subset prefix differs between pages."""
    return name.split("+", 1)[1] if re.match("^[A-Z]{6}\\+", name) else name


def _number_lines(pages: Sequence[PdfPage]) -> str:
    """Number every line as in the text layer (a form feed line between pages); return it."""
    out: list[str] = []
    for page in pages:
        if out:
            out.append("\f")
        for line in page.lines:
            out.append(line.text)
            line.number = len(out)
    return "\n".join(out) + "\n"


def _where(line: PdfLine) -> str:
    return f"L{line.number} (p{line.page})"


# --------------------------------------------------------------------------- page furniture


def _running_lines(pages: Sequence[PdfPage], front: FrontMatter, report: list[str]) -> set[int]:
    """Line numbers of running headers/footers and page numbers, reported once per kind.

    A running line sits among the first or last ``EDGE_LINES`` of its page and its text, digits
    replaced, recurs in the same size on another page. A lone number, or a journal header like
    ``《国际政治研究》2021年第5期`` heading a page after the first, counts even once: a short
    article with alternating headers prints each only once. Lines that open with a note marker or read as a sentence never
    count.
    """
    edges: list[tuple[PdfLine, tuple[str, int], bool]] = []
    pages_of: dict[tuple[str, int], set[int]] = {}
    for page in pages:
        top = page.lines[:EDGE_LINES]
        bottom = [line for line in page.lines[-EDGE_LINES:] if line not in top]
        for line in top + bottom:
            shape = re.sub("\\d+", "#", fold_width(re.sub("\\s", "", line.text)))
            if (
                not shape
                or shape[0] in FOOTNOTE_MARKERS + _NOTE_SIGNS
                or re.search("[。，]", shape)
            ):
                continue  # a note, or a sentence: ``① 同上。`` and ``…第#页。`` recur too
            typed = (shape, round(line.size))  # the title is no header, though the words recur
            edges.append((line, typed, line in top))
            pages_of.setdefault(typed, set()).add(page.number)
    running: set[int] = set()
    removed: dict[str, list[int]] = {}
    for line, key, at_top in edges:
        if _PAGE_NUMBER.match(line.text):
            running.add(line.number)
            removed.setdefault("page number", []).append(line.page)
        elif len(pages_of[key]) >= 2 or (
            at_top and line.page > 1 and _is_journal_header(line.text)
        ):
            running.add(line.number)
            removed.setdefault(line.text, []).append(line.page)
            _read_journal(line.text, front)
    for text, on_pages in removed.items():
        what = "page numbers" if text == "page number" else f"running line {text!r}"
        report.append(f"{what} removed on pages {_page_list(on_pages)}")
    return running


def _is_journal_header(text: str) -> bool:
    return bool(_JOURNAL_HEADER.search(fold_width(text).replace(" ", "")))


def _read_journal(text: str, front: FrontMatter) -> bool:
    """Journal, year and issue from a header like 《国际政治研究》2021年第5期."""
    match = _JOURNAL_HEADER.search(fold_width(text).replace(" ", ""))
    if match is None:
        return False
    front.journal = front.journal or clean_body_text(match.group(1))
    front.year = front.year or match.group(2)
    front.issue = front.issue or match.group(3).lstrip("0")
    return True


def _page_list(numbers: Iterable[int]) -> str:
    ordered = sorted(set(numbers))
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(n) for n in ordered)


@dataclass(slots=True)
class _Note:
    """One footnote's lines, from its marker to the next (possibly over a page break)."""

    page: int
    lines: list[PdfLine]


def _separate_notes(
    pages: Sequence[PdfPage], running: set[int], report: list[str]
) -> tuple[list[PdfLine], list[_Note]]:
    """All content lines in reading order, and the footnotes.

    A page's notes are the trailing run of small type under its last body-size line; on a page
    without body type (only front matter), from the first small line opening with a marker.
    """
    kept = [[line for line in page.lines if line.number not in running] for page in pages]
    layout = _measure([line for lines in kept for line in lines])
    content: list[PdfLine] = []
    notes: list[_Note] = []
    for lines in kept:
        start = len(lines)
        while start > 0 and layout.is_small(lines[start - 1]):
            start -= 1
        if not any(abs(line.size - layout.size) <= SIZE_TOLERANCE for line in lines[:start]):
            marked = [i for i in range(start, len(lines)) if _opens_note(lines[i].text)]
            start = marked[0] if marked else len(lines)
        content += lines[:start]
        content += _take_notes(lines[start:], notes, report)
    return content, notes


def _take_notes(zone: list[PdfLine], notes: list[_Note], report: list[str]) -> list[PdfLine]:
    """Split one page's note zone into notes; return lines that are no note after all.

    Unmarked lines heading the zone continue the previous page's last note when that one is
    unfinished; otherwise they are small type in the body (a quotation) and stay body text.
    """
    back: list[PdfLine] = []
    current: _Note | None = None
    expected = 1  # the number the page's next note would carry
    for line in zone:
        number = _note_number(line, expected)
        if number is not None:
            current = _Note(line.page, [line])
            notes.append(current)
            expected = number + 1
        elif current is not None:
            current.lines.append(line)
        elif not back and notes and not _NOTE_END.search(notes[-1].lines[-1].text):
            report.append(
                f"{_where(line)}: unmarked note text at the foot of the page continues the note "
                f"at {_where(notes[-1].lines[0])}: joined"
            )
            current = notes[-1]
            current.lines.append(line)
        else:
            if not back and _HAN.search(line.text):  # English abstract: see _drop_trailing_matter
                report.append(
                    f"{_where(line)}: small type under the body with no note marker: kept as "
                    "body text"
                )
            back.append(line)
    return back


_NUMBERED_NOTE = re.compile("^[\\[［(（]?(\\d{1,2})(?:[\\]］)）.．、]\\s*|\\s+)")


def _note_number(line: PdfLine, expected: int) -> int | None:
    """The number of the note this line opens, or None for a continuation line.

    ``①`` (or a raised ``1``, already read as ``①``) opens note 1, ``∗`` a title note (0). A
    plain ``1 `` / ``[1]`` / ``1.`` opens one only when it is the number the page expects next
    (or one of the two after it: a note may be missing), so that a wrapped ``2019年`` is not
    taken for a new note; its number is then rewritten as ①, the form the text importer pairs by.
    """
    text = line.text
    if text and text[0] in FOOTNOTE_MARKERS:
        return FOOTNOTE_MARKERS.index(text[0]) + 1
    if text and text[0] in _NOTE_SIGNS:
        return expected - 1
    match = _NUMBERED_NOTE.match(fold_width(text))
    number = int(match.group(1)) if match else 0
    if match is None or not expected <= number <= min(expected + 2, len(FOOTNOTE_MARKERS)):
        return None
    line.text = FOOTNOTE_MARKERS[number - 1] + " " + text[match.end() :]  # fold_width is 1:1
    return number


def _opens_note(text: str) -> bool:
    return bool(text) and text[0] in FOOTNOTE_MARKERS + _NOTE_SIGNS


def _measure(lines: Sequence[PdfLine]) -> _Layout:
    """The body type (the size and font most text is set in) and each page's body margins.

    Margins come from body-type lines: the leftmost start is the flush margin (indented first
    lines and centred headings start further right), the rightmost end the measure. A page with
    too few body lines borrows the margins of pages of the same parity (recto/verso differ).
    """
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    size = max(sizes, key=lambda s: (sizes[s], s)) if sizes else 10.0
    fonts: Counter[str] = Counter()
    for line in lines:
        if abs(line.size - size) <= SIZE_TOLERANCE:
            fonts[line.font] += len(line.text)
    layout = _Layout(size, fonts.most_common(1)[0][0] if fonts else "")
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        if layout.is_body_type(line):
            by_page.setdefault(line.page, []).append(line)
    solid = {page: found for page, found in by_page.items() if len(found) >= 3}
    for page in {line.page for line in lines}:
        source = solid.get(page)
        if source is None:
            same_parity = [ls for p, ls in solid.items() if p % 2 == page % 2]
            source = [ln for ls in same_parity or solid.values() for ln in ls] or by_page.get(page)
        if source:
            layout.left[page] = min(line.x0 for line in source)
            layout.right[page] = max(line.x1 for line in source)
    return layout


# --------------------------------------------------------------------------- front matter


def _front_matter(content: list[PdfLine], front: FrontMatter, report: list[str]) -> list[PdfLine]:
    """Fill ``front`` from the title block, 内容提要 and 关键词; return the body lines."""
    layout = _measure(content)
    abstract_at = _first(content, lambda line: line.page <= 2 and _ABSTRACT_LABEL.match(line.text))
    keywords_at = _first(
        content,
        lambda line: line.page <= 3 and _KEYWORDS_LABEL.match(line.text),
        start=abstract_at or 0,
    )
    if abstract_at is None or keywords_at is None:
        report.append("no 内容提要/关键词 found: the body starts after the title block")
        end = 0
        while end < len(content) and content[end].size > layout.size + SIZE_TOLERANCE:
            end += 1
        _title_block(content[:end], front, layout, report)
        return content[end:]
    _title_block(content[:abstract_at], front, layout, report)
    abstract = content[abstract_at:keywords_at]
    texts = [_ABSTRACT_LABEL.sub("", abstract[0].text, count=1)] + [x.text for x in abstract[1:]]
    front.abstract_lines = _spaced(
        [RawLine(x.number, t) for x, t in zip(abstract, texts, strict=True) if t.strip()]
    )
    end = keywords_at + 1
    while (
        end < len(content)
        and abs(content[end].size - content[keywords_at].size) <= SIZE_TOLERANCE
        and _runs_to_margin(content[end - 1], content)
        and numbered_heading(content[end].text) is None
    ):
        end += 1
    block = content[keywords_at:end]
    words = _KEYWORDS_LABEL.sub("", "".join(x.text for x in block), count=1)
    front.keywords = [clean_body_text(w) for w in _KEYWORD_SPLIT.split(words) if w.strip()]
    for line in block[:-1]:
        if not _KEYWORD_SPLIT.search(line.text[-1]):
            broken = next(k for k in front.keywords if clean_body_text(_last_word(line.text)) in k)
            report.append(
                f"{_where(line)}: 关键词 run over the line end inside {broken!r}: read as one "
                "keyword (split it if the line break was between two)"
            )
    return content[end:]


def _last_word(text: str) -> str:
    return _KEYWORD_SPLIT.split(text.strip())[-1]


def _first(lines: Sequence[PdfLine], test: Any, start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if test(lines[i])), None)


def _runs_to_margin(line: PdfLine, lines: Sequence[PdfLine]) -> bool:
    """The line fills its page's measure (so the next line continues it)."""
    right = max(x.x1 for x in lines if x.page == line.page)
    return line.x1 >= right - SHORT_LINE * line.size


def _title_block(
    head: list[PdfLine], front: FrontMatter, layout: _Layout, report: list[str]
) -> None:
    """Title (the largest type), subtitle (a line opening with ——), author (what is left).

    Lines above the title are left out (a journal's first-page banner), read for the journal,
    year and issue when they have them.
    """
    if not head:
        report.append("no title block found before the body")
        return
    biggest = max(line.size for line in head)
    start = _first(head, lambda line: abs(line.size - biggest) <= 0.1) or 0
    end = start
    while end < len(head) and abs(head[end].size - biggest) <= 0.1:
        end += 1
    for line in head[:start]:
        if _read_journal(line.text, front):
            report.append(f"{_where(line)}: journal, year and issue read from: {line.text}")
        else:
            report.append(f"{_where(line)}: text above the title left out: {line.text}")
    signs = [line for line in head if any(sign in line.text for sign in _NOTE_SIGNS)]
    if signs:
        report.append(
            f"{_where(signs[0])}: title/author note signs (∗) dropped; article.md has no place "
            "for their notes"
        )
    front.title = _front_text(head[start:end])
    rest = head[end:]
    subtitle: list[PdfLine] = []
    if rest and rest[0].text.lstrip().startswith("—"):
        subtitle = [rest[0]]
        while (
            len(subtitle) < len(rest) - 1
            and rest[len(subtitle)].size == rest[0].size
            and rest[len(subtitle)].font == rest[0].font
        ):
            subtitle.append(rest[len(subtitle)])
        front.subtitle = _front_text(subtitle).lstrip("—")
    author = rest[len(subtitle) :]
    front.author = _front_text(author)
    if len(author) > 1:
        report.append(
            f"{_where(author[0])}: author read from {len(author)} lines ({front.author}): "
            "keep only the name(s)"
        )


def _front_text(lines: Sequence[PdfLine]) -> str:
    text = join_lines([line.text for line in lines])
    return clean_body_text(re.sub(f"[{_NOTE_SIGNS}]", "", text))


def _drop_metadata(body: list[PdfLine], report: list[str]) -> list[PdfLine]:
    """中图分类号, 文献标识码, 文章编号, DOI, 收稿日期 … are the journal's, not the article's."""
    kept = []
    for line in body:
        if _METADATA.match(line.text):
            report.append(f"{_where(line)}: journal metadata left out: {line.text}")
        else:
            kept.append(line)
    return kept


def _drop_trailing_matter(body: list[PdfLine], report: list[str]) -> list[PdfLine]:
    """An English title and abstract, or a reference list, after the last paragraph."""
    cut = _first(body, lambda line: _TRAILING_MATTER.match(line.text), start=len(body) // 2)
    if cut is None:
        return body
    while cut > 0 and not _HAN.search(body[cut - 1].text):
        cut -= 1
    report.append(
        f"{_where(body[cut])}–L{body[-1].number}: {len(body) - cut} lines at the end left out "
        f"(English abstract or references), from: {body[cut].text[:40]}"
    )
    return body[:cut]


# --------------------------------------------------------------------------- body


def _decide_body(
    body: list[PdfLine], layout: _Layout, report: list[str]
) -> tuple[list[RawLine], dict[int, Node], ImportOverrides]:
    """Headings and paragraph breaks from type and indentation, as the text importer's input.

    Every body line is a ``RawLine``; a heading set over two lines becomes one. The breaks go
    in as overrides (``new_paragraph_at`` / ``continuation_at``), so the text importer's
    sentence-shape guess never runs; the headings through ``heading_of``.
    """
    units = _units(body, layout)
    raw: list[RawLine] = []
    headings: dict[int, Node] = {}
    new_at: set[int] = set()
    continued: set[int] = set()
    prev: PdfLine | None = None
    after_heading = True
    force_next = False
    reported_sizes: set[int] = set()
    for index, unit in enumerate(units):
        first = unit[0]
        text = "".join(line.text for line in unit)
        following = units[index + 1][0] if index + 1 < len(units) else None
        node, forced = _heading_decision(unit, text, prev, after_heading, following, layout, report)
        raw.append(RawLine(first.number, text))
        if node is not None:
            headings[first.number] = node
            prev, after_heading, force_next = unit[-1], True, False
            continue
        _report_odd_type(first, layout, body, reported_sizes, report)
        if prev is None or after_heading or forced or force_next:
            new_at.add(first.number)
        elif _breaks_paragraph(prev, first, layout, body, report):
            new_at.add(first.number)
        else:
            continued.add(first.number)
        prev, after_heading, force_next = unit[-1], False, forced
    _report_line_end_hyphens(raw, report)
    overrides = ImportOverrides(
        new_paragraph_at=frozenset(new_at), continuation_at=frozenset(continued)
    )
    return _spaced(raw, body_text=True), headings, overrides


def _units(body: list[PdfLine], layout: _Layout) -> list[list[PdfLine]]:
    """Lines, with a heading set over several lines of its own type taken together.

    A heading line is merged with the next when both are set bigger than the body (or in
    another font), on the same page, close together, and the next does not open with its own
    numbering (一、 directly followed by （一） in the same type are two headings).
    """
    units: list[list[PdfLine]] = []
    for line in body:
        last = units[-1][-1] if units else None
        if (
            last is not None
            and layout.looks_like_heading(last)
            and (numbered_heading(units[-1][0].text) or last.size > layout.size + SIZE_TOLERANCE)
            and line.page == last.page
            and abs(line.size - last.size) <= 0.1
            and line.font == last.font
            and line.top - last.bottom < 1.0 * last.size
            and numbered_heading(line.text) is None
            and not _SENTENCE_END.search(last.text)
        ):
            units[-1].append(line)
        else:
            units.append([line])
    return units


def _heading_decision(
    unit: list[PdfLine],
    text: str,
    prev: PdfLine | None,
    after_heading: bool,
    following: PdfLine | None,
    layout: _Layout,
    report: list[str],
) -> tuple[Node | None, bool]:
    """(the heading node, or None; whether the unit must be a paragraph of its own)."""
    first = unit[0]
    bigger = first.size > layout.size + SIZE_TOLERANCE
    if bigger:
        node = numbered_heading(text)
        if node is None:
            report.append(
                f"{_where(first)}: set like a heading ({first.size:g} pt) but not numbered: kept "
                f"as a paragraph of its own: {text}"
            )
        return node, node is None
    node = heading_from_text(text)
    if node is None:
        return None, False
    if _stands_alone(unit, prev, after_heading, following, layout):
        return node, False
    report.append(
        f"{_where(first)}: begins like a heading ({text[:12]}…) but runs on as text: kept in the "
        "paragraph"
    )
    return None, False


def _stands_alone(
    unit: list[PdfLine],
    prev: PdfLine | None,
    after_heading: bool,
    following: PdfLine | None,
    layout: _Layout,
) -> bool:
    """A body-size heading: it opens a block and the next line opens another.

    A paragraph whose first line happens to read ``（一）在金融领域…`` goes on flush below.
    """
    first = unit[0]
    opens = (
        prev is None
        or after_heading
        or layout.indent(first) >= INDENT_MIN
        or (layout.is_short(prev) and _ends_sentence(prev.text))
    )
    closes = (
        following is None
        or layout.looks_like_heading(following)
        or layout.indent(following) >= INDENT_MIN
    )
    return opens and closes


def _breaks_paragraph(
    prev: PdfLine, line: PdfLine, layout: _Layout, body: list[PdfLine], report: list[str]
) -> bool:
    """Indented about 2 em: a new paragraph; flush: the same one. Doubts go to the report."""
    indent = (line.x0 - _margin(line, layout, body)) / layout.size
    ends, short = _ends_sentence(prev.text), layout.is_short(prev)
    if indent < FLUSH_MAX:
        if ends and short:
            report.append(
                f"{_where(line)}: not indented, though {_where(prev)} ends a sentence short of "
                "the margin: kept as continuation"
            )
        return False
    if INDENT_MIN <= indent <= INDENT_MAX:
        if not ends and not short:
            report.append(
                f"{_where(line)}: indented, though {_where(prev)} runs to the margin mid-sentence: "
                "new paragraph"
            )
        return True
    new = ends and short
    report.append(
        f"{_where(line)}: indented {indent:.1f} em, neither flush nor a paragraph indent: "
        + ("new paragraph" if new else "kept as continuation")
    )
    return new


def _margin(line: PdfLine, layout: _Layout, body: list[PdfLine]) -> float:
    """The flush margin for this line: the page's body margin, or for a run of other type (a
    quotation set smaller and indented as a block) that run's own leftmost start."""
    if abs(line.size - layout.size) <= SIZE_TOLERANCE:
        return layout.left.get(line.page, line.x0)
    index = body.index(line)
    start = end = index
    while start > 0 and _same_type(body[start - 1], line):
        start -= 1
    while end + 1 < len(body) and _same_type(body[end + 1], line):
        end += 1
    return min(x.x0 for x in body[start : end + 1])


def _same_type(a: PdfLine, b: PdfLine) -> bool:
    return a.page == b.page and abs(a.size - b.size) <= 0.1 and a.font == b.font


def _report_odd_type(
    line: PdfLine, layout: _Layout, body: list[PdfLine], seen: set[int], report: list[str]
) -> None:
    """Body text in smaller type (a quotation?) is kept; say so once per run."""
    if line.size >= layout.size - SIZE_TOLERANCE:
        return  # bigger type is reported as a heading or not
    index = body.index(line)
    if index > 0 and _same_type(body[index - 1], line) and body[index - 1].number in seen:
        seen.add(line.number)
        return
    seen.add(line.number)
    report.append(
        f"{_where(line)}: {line.size:g} pt type inside the body (body: {layout.size:g} pt; a "
        "quotation?): kept as text"
    )


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(MARKER_PATTERN.sub("", text).rstrip()))


_BODY_LATIN_END, _BODY_LATIN_START = re.compile("[A-Za-z]$"), re.compile("^[A-Za-z]")
_NOTE_LATIN_END = re.compile("(?:[A-Za-z][.,:;)”’\"']?|[0-9][.,:;)”’\"'])$")
_NOTE_LATIN_START = re.compile('^[A-Za-z0-9(“‘"]')
_URL_AT_END = re.compile("(?:https?://|www\\.)\\S*$")


def _spaced(lines: list[RawLine], *, body_text: bool = False) -> list[RawLine]:
    """Mark the space a line break stands for between two English words.

    The text importer joins lines with nothing (right for Chinese); a PDF line that ends in an
    English word before another English word gets a no-break space the cleaning turns into a
    plain space. In notes also after ``Region,`` or ``Vol.10,`` and before a year; never
    inside a URL.
    """
    end, start = (
        (_BODY_LATIN_END, _BODY_LATIN_START) if body_text else (_NOTE_LATIN_END, _NOTE_LATIN_START)
    )
    out: list[RawLine] = []
    for index, line in enumerate(lines):
        text = line.text
        nxt = lines[index + 1].text if index + 1 < len(lines) else ""
        if nxt and end.search(text) and start.match(nxt) and not _URL_AT_END.search(text):
            text += _NBSP
        out.append(RawLine(line.number, text))
    return out


def _report_line_end_hyphens(lines: list[RawLine], report: list[str]) -> None:
    for line, nxt in zip(lines, lines[1:], strict=False):
        if re.search("[A-Za-z]-$", line.text) and re.match("[a-z]", nxt.text):
            word = re.search("[A-Za-z]+-$", line.text)
            tail = re.match("[a-z]+", nxt.text)
            assert word is not None and tail is not None
            report.append(
                f"L{line.number}: line-final hyphen in {word.group(0) + tail.group(0)!r} kept "
                "(drop it by hand if it only broke the word)"
            )


# --------------------------------------------------------------------------- footnotes


def _footnote_blocks(
    notes: list[_Note], raw_body: list[RawLine], body: list[PdfLine], report: list[str]
) -> list[FootnoteBlock]:
    """One block per page with notes, placed after that page's last body line.

    The text importer pairs each note with the marker of the same number in the marker group
    (numbering restarts at ① on each page) that comes before the block.
    """
    blocks: list[FootnoteBlock] = []
    by_page: dict[int, list[FootnoteItem]] = {}
    for note in notes:
        if note.lines[0].text[0] in _NOTE_SIGNS:
            text = clean_body_text(join_lines([line.text for line in note.lines]))
            report.append(
                f"{_where(note.lines[0])}: title/author note left out (article.md has no place "
                f"for it): {text.lstrip('*∗ ')}"
            )
            continue
        lines = _spaced([RawLine(line.number, line.text) for line in note.lines])
        _report_line_end_hyphens(lines, report)
        by_page.setdefault(note.page, []).append(FootnoteItem(lines))
    for items in by_page.values():
        first = items[0].first_line
        after = max((i for i, line in enumerate(raw_body) if line.number < first), default=-1)
        blocks.append(FootnoteBlock(after_body_index=after, items=items))
    _report_markers_without_notes(body, by_page, report)
    for line in body + [line for note in notes for line in note.lines]:
        for odd in line.odd_superscripts:
            report.append(
                f"{_where(line)}: raised {odd!r} is not a ①–⑩ footnote marker: kept as text"
            )
    return blocks


def _report_markers_without_notes(
    body: list[PdfLine], by_page: dict[int, list[FootnoteItem]], report: list[str]
) -> None:
    """A marker whose note is not at the foot of its page is dropped by the draft: say where."""
    for line in body:
        heads = [
            MARKER_PATTERN.match(item.lines[0].text.strip()) for item in by_page.get(line.page, [])
        ]
        printed = {head.group(0).strip() for head in heads if head}
        for marker in MARKER_PATTERN.findall(line.text):
            if marker.strip() not in printed:
                report.append(
                    f"{_where(line)}: marker {marker.strip()} has no note at the foot of page "
                    f"{line.page}: dropped"
                )


def _fresh(node: Node | None) -> Node | None:
    """A new node each time: the text importer fills in ids and parents on the one it gets."""
    return None if node is None else Node(node.kind, node.number, node.heading)
