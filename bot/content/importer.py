"""Turn a raw PDF extraction of a journal article into a draft ``article.md``.

The importer does the mechanical part of the work that content/README.md describes and leaves
the judgement calls to a human, listing every one of them in ``ImportResult.report``:

1. split off the front matter (title, subtitle, author, 内容提要, 关键词);
2. drop non-body lines by their shape: footnote texts (URLs, 「」 Japanese titles, Latin-only
   lines, ``name:«title»`` citations, dates written ``２０２０Ｇ１２Ｇ１５``), lone ①-⑩ marker lines,
   the running header ``«刊名»２０２１年 第５期`` and lone page numbers;
3. rebuild paragraphs with the cell-width rule (the PDF gives no paragraph marks: every line is
   followed by a blank line and the 2-em indent was stripped), see ``_starts_paragraph``;
4. detect headings (一、 / （一） / 第一， / 结语) while avoiding the look-alikes in running text;
5. clean characters with ``bot.content.cleaning``, number paragraphs p01.., and pair the
   surviving footnote texts with the markers of the page they were printed on.

Nothing here is specific to one article: line-number exceptions come in through
``ImportOverrides``.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.cleaning import (
    FULLWIDTH_HYPHEN,
    MARKER_PATTERN,
    MARKER_PLACEHOLDER,
    clean_body_text,
    clean_footnote_text,
    fold_width,
    hyphen_word,
    join_lines,
    soft_hyphen_at_end,
)

CN_NUMERALS = "一二三四五六七八九十"
_NUM = f"[{CN_NUMERALS}]+"
_TOP_HEADING = re.compile(f"^({_NUM})、")
_SUB_HEADING = re.compile(f"^[(（]({_NUM})[)）]")
_POINT_HEADING = re.compile(f"^第({_NUM})[,，]")
_UNNUMBERED_HEADINGS = {
    "引言": "intro",
    "前言": "intro",
    "结语": "conclusion",
    "结束语": "conclusion",
    "结论": "conclusion",
    "余论": "conclusion",
}

_HAN = re.compile("[\u4e00-\u9fff]")
_KANA = re.compile("[\u3040-\u30ff]")
_FOOTNOTE_DATE = re.compile("[0-9０-９]{4}Ｇ[0-9０-９]{1,2}Ｇ[0-9０-９]{1,2}")
_CITATION = re.compile("^[\u4e00-\u9fff]{2,4}[:：]«.*[页版期][.．]$")
# Sentence ends: the raw extraction has ASCII ``.`` for 。 (artifacts.md §10); a PDF read with
# its fonts (bot.content.pdf_import) has the real 。？！.
_FOOTNOTE_END = re.compile("(?:[^A-Za-z][.．。]|[.．。]”|」[.．。]?)$")
_MARKER_LINE = re.compile("^[①-⑩]$")
_PAGE_NUMBER = re.compile("^[0-9０-９]{1,4}$")
_RUNNING_HEADER = re.compile("^«([^»]+)»\\s*([0-9０-９]{4})年\\s*第\\s*([0-9０-９]+)\\s*期$")
_HEAD_LOST = re.compile("^[0-9０-９a-z/._]")
_SENTENCE_END = re.compile("[.?!。？！]”?$")

# Cell widths (in em) of a printed line: see _cells.
INDENTED_LINE_MAX = 32.0
CLEARLY_SHORT_MAX = 30.5
BORDERLINE_CUR_MAX = 33.0
NEAR_MISS = 1.0  # how close to the rule a continuation must be to be reported as ambiguous


@dataclass(frozen=True, slots=True)
class ImportOverrides:
    """Human decisions for one source file, by raw line number (1-based)."""

    new_paragraph_at: frozenset[int] = frozenset()  # these lines start a paragraph
    continuation_at: frozenset[int] = frozenset()  # these lines continue the previous one
    real_hyphens: frozenset[str] = frozenset()  # line-final Ｇ that are real: {"fury-like"}


@dataclass(slots=True)
class ImportResult:
    markdown: str
    report: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RawLine:
    number: int  # 1-based line number in the raw file
    text: str  # as extracted, stray spaces included


@dataclass(slots=True)
class FootnoteItem:
    lines: list[RawLine]
    number: int | None = None  # the ①-⑩ number, when known
    fn_id: str = ""
    marker_index: int | None = None  # index of the body marker it is attached to

    @property
    def first_line(self) -> int:
        return self.lines[0].number


@dataclass(slots=True)
class FootnoteBlock:
    after_body_index: int  # index (into body lines) of the last body line before the block
    items: list[FootnoteItem] = field(default_factory=list)
    lone_markers: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Node:
    """A heading found in the body."""

    kind: str  # "top" | "sub" | "point" | "plain"
    number: int  # 0 for unnumbered headings
    heading: str
    section_id: str = ""
    depth: int = 1
    parent: Node | None = None


@dataclass(slots=True)
class Paragraph:
    lines: list[RawLine]
    node: Node | None
    pid: str = ""
    text: str = ""


@dataclass(slots=True)
class FrontMatter:
    title: str = ""
    subtitle: str = ""
    author: str = ""
    abstract_lines: list[RawLine] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    journal: str = ""
    year: str = ""
    issue: str = ""


# --------------------------------------------------------------------------- public API


def import_text(raw: str, slug: str, overrides: ImportOverrides | None = None) -> ImportResult:
    """Build a draft article.md from a raw extraction; ``report`` lists what needs a human."""
    overrides = overrides or ImportOverrides()
    report: list[str] = []
    lines = [RawLine(i, t) for i, t in enumerate(raw.split("\n"), start=1) if t.strip()]
    front, body_start = _split_front_matter(lines, report)
    body, blocks = _separate_nonbody(lines[body_start:], front, report)
    return assemble_draft(slug, front, body, blocks, overrides, report)


def assemble_draft(
    slug: str,
    front: FrontMatter,
    body: list[RawLine],
    blocks: list[FootnoteBlock],
    overrides: ImportOverrides,
    report: list[str],
    heading_of: Callable[[RawLine], Node | None] | None = None,
) -> ImportResult:
    """Headings, paragraphs, ids, footnote pairing, cleaning and rendering of separated lines.

    This is the half of the import that does not depend on where the lines came from: the text
    importer separates body, footnotes and front matter by the shape of the text, the PDF
    importer (``bot.content.pdf_import``) by font size and position, and both hand the result
    here. ``heading_of`` replaces the text-shape heading test when the caller knows better (a PDF
    reader sees the type size); paragraph breaks it knows go in through ``overrides``.
    """
    nodes, paragraphs = _build_paragraphs(body, overrides, report, heading_of)
    _assign_ids(nodes, paragraphs, report)
    markers = _body_markers(paragraphs)
    _pair_footnotes(blocks, body, markers, overrides, report)
    _clean_paragraphs(paragraphs, markers, blocks)
    _name_points(nodes, paragraphs, report)
    _report_closing_candidates(nodes, paragraphs, report)
    markdown = _render(slug, front, nodes, paragraphs, blocks, overrides, report)
    return ImportResult(markdown=markdown, report=report)


def run_import_cli(
    raw_path: Path,
    slug: str,
    out_dir: Path,
    *,
    force: bool = False,
    overrides: ImportOverrides | None = None,
) -> int:
    """Write ``out_dir/<slug>/article.md`` and a copy of the raw file; print the report.

    Refuses to overwrite a hand-finished article.md unless ``force`` is set, because the draft
    lacks every hand correction. Returns a process exit code.
    """
    target_dir = out_dir / slug
    target = target_dir / "article.md"
    if target.exists() and not force:
        print(f"{target} exists; use --force to overwrite it", file=sys.stderr)
        return 1
    result = import_text(raw_path.read_text(encoding="utf-8"), slug, overrides)
    target_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(result.markdown, encoding="utf-8")
    raw_copy = target_dir / "source-extracted.txt"
    if raw_copy.resolve() != raw_path.resolve():
        shutil.copyfile(raw_path, raw_copy)
    print(f"wrote {target} ({len(result.report)} report items)")
    for item in result.report:
        print(f"- {item}")
    return 0


# --------------------------------------------------------------------------- front matter


def _split_front_matter(lines: list[RawLine], report: list[str]) -> tuple[FrontMatter, int]:
    """Title, subtitle, author, abstract and keywords; returns the index of the first body line."""
    front = FrontMatter()
    abstract_at = _find_index(lines, lambda t: t.startswith("内容提要"))
    keywords_at = _find_index(lines, lambda t: t.startswith("关键词"))
    if abstract_at is None or keywords_at is None or keywords_at < abstract_at:
        report.append("no 内容提要/关键词 found: front matter left as placeholders")
        return front, 0
    head = [line.text.strip() for line in lines[:abstract_at]]
    if head:
        front.title = clean_body_text(head[0])
    rest = head[1:]
    if rest and rest[0].startswith("—"):
        front.subtitle = clean_body_text(rest.pop(0)).lstrip("—")
    front.author = clean_body_text("".join(rest))
    front.abstract_lines = lines[abstract_at:keywords_at]
    end = keywords_at + 1
    while end < len(lines) and _is_keyword_line(lines[end].text):
        end += 1
    joined = join_lines([line.text for line in lines[keywords_at:end]])
    front.keywords = [clean_body_text(k) for k in joined.removeprefix("关键词").split()]
    return front, end


def _is_keyword_line(text: str) -> bool:
    """A keyword continuation line: short, no sentence punctuation, not the first heading."""
    return (
        len(text.strip()) <= 20
        and not re.search("[,.:;，。：；]", text)
        and heading_from_text(text) is None
    )


def _find_index(lines: list[RawLine], test: Callable[[str], bool]) -> int | None:
    for index, line in enumerate(lines):
        if test(line.text.strip()):
            return index
    return None


# --------------------------------------------------------------------------- non-body lines


def _separate_nonbody(
    lines: list[RawLine], front: FrontMatter, report: list[str]
) -> tuple[list[RawLine], list[FootnoteBlock]]:
    """Split body lines from footnote blocks, running headers and page numbers."""
    body: list[RawLine] = []
    blocks: list[FootnoteBlock] = []
    block: FootnoteBlock | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not _is_nonbody_start(text):
            body.append(line)
            block = None
            index += 1
            continue
        if block is None:
            block = FootnoteBlock(after_body_index=len(body) - 1)
            blocks.append(block)
        index = _consume_nonbody(lines, index, block, front, report)
    return body, blocks


def _consume_nonbody(
    lines: list[RawLine], index: int, block: FootnoteBlock, front: FrontMatter, report: list[str]
) -> int:
    """Take one non-body unit (header, page number, marker line or footnote item)."""
    line = lines[index]
    text = line.text.strip()
    header = _RUNNING_HEADER.match(text)
    if header:
        front.journal = front.journal or header.group(1)
        front.year = front.year or fold_width(header.group(2))
        front.issue = front.issue or fold_width(header.group(3)).lstrip("0")
        report.append(f"L{line.number}: running header removed: {text}")
        return index + 1
    if _PAGE_NUMBER.match(text):
        report.append(f"L{line.number}: page number removed: {text}")
        return index + 1
    if _MARKER_LINE.match(text):
        block.lone_markers.append(_marker_number(text))
        return index + 1
    item_lines = [line]
    index += 1
    while not _FOOTNOTE_END.search(item_lines[-1].text.strip()) and index < len(lines):
        nxt = lines[index].text.strip()
        if _MARKER_LINE.match(nxt) or (_HAN.search(nxt) and not _is_footnote_start(nxt)):
            break
        item_lines.append(lines[index])
        index += 1
    block.items.append(FootnoteItem(item_lines))
    return index


def _is_nonbody_start(text: str) -> bool:
    return bool(
        _RUNNING_HEADER.match(text)
        or _PAGE_NUMBER.match(text)
        or _MARKER_LINE.match(text)
        or _is_footnote_start(text)
    )


def _is_footnote_start(text: str) -> bool:
    """Shapes that running Chinese text never has: URLs, kana, 「 titles, Latin-only lines,
    ``Ｇ``-dated references and ``作者:«题名»…第N页.`` citations."""
    text = MARKER_PATTERN.sub("", text).strip()
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return bool(
        "http" in text
        or "www．" in text
        or _KANA.search(text)
        or _FOOTNOTE_DATE.search(text)
        or text.startswith("「")
        or (latin >= 10 and not _HAN.search(text))
        or _CITATION.match(text)
    )


def _marker_number(text: str) -> int:
    return ord(text.strip()[0]) - ord("①") + 1


# --------------------------------------------------------------------------- paragraphs


def _cells(text: str) -> float:
    """Printed width of a line in em: CJK and Chinese punctuation 1, Latin and digits ½.

    ASCII ``, . : ; ( ) ? !`` stand for full-width Chinese marks and count 1; markers are
    superscripts and count 0; spaces are extraction noise and count 0.
    """
    width = 0.0
    for ch in MARKER_PATTERN.sub("", text).strip():
        if ch == " ":
            continue
        if ch in ",.:;()?!":
            width += 1
        elif ch.isascii() or "\uff01" <= ch <= "\uff5e":
            width += 0.5
        else:
            width += 1
    return width


def _ends_sentence(text: str) -> bool:
    """A line ends a sentence with ``.`` (optionally inside a closing quote): a bare ``”`` after
    a quoted term (“拜菅会”) does not end one."""
    return bool(_SENTENCE_END.search(MARKER_PATTERN.sub("", text).rstrip()))


def _starts_paragraph(prev: RawLine, cur: RawLine, prev_is_first: bool) -> bool:
    """The paragraph rule of the raw extraction (content/README.md, "Cleaning rules").

    A paragraph ends with a sentence; then either the last line is visibly short, or the new
    line is visibly indented (2 em narrower), or both are borderline. An unclosed quotation at
    a full-width line end means the sentence goes on.
    """
    if not _ends_sentence(prev.text):
        return False
    prev_cells, cur_cells = _cells(prev.text), _cells(cur.text)
    clearly_short = prev_cells <= CLEARLY_SHORT_MAX and not prev_is_first
    if not clearly_short and _open_quote(prev.text):
        return False
    return (
        clearly_short
        or cur_cells <= INDENTED_LINE_MAX
        or (prev_cells <= INDENTED_LINE_MAX and cur_cells <= BORDERLINE_CUR_MAX)
    )


def _open_quote(text: str) -> bool:
    """True when the line's last quotation mark opens a quote (the quote goes on)."""
    last_open, last_close = text.rfind("“"), text.rfind("”")
    return last_open > last_close


def _is_ambiguous(prev: RawLine, cur: RawLine, prev_is_first: bool) -> bool:
    """The break rule missed by about one cell: typesetting stretch could hide a 2-em indent.

    A paragraph's first line is not questioned: a one-line paragraph is too unlikely.
    """
    if prev_is_first or not _ends_sentence(prev.text) or _open_quote(prev.text):
        return False
    prev_cells, cur_cells = _cells(prev.text), _cells(cur.text)
    return cur_cells <= INDENTED_LINE_MAX + NEAR_MISS or (
        prev_cells <= INDENTED_LINE_MAX and cur_cells <= BORDERLINE_CUR_MAX + 1.5 * NEAR_MISS
    )


def heading_from_text(text: str) -> Node | None:
    """A line that is a whole heading (一、…, （一）…, 结语); points are found in context."""
    compact = re.sub(r"\s", "", text)
    if compact not in _UNNUMBERED_HEADINGS and (
        re.search("[.,;:。，；：]", compact) or _cells(compact) > 34
    ):
        return None
    return numbered_heading(compact)


def numbered_heading(text: str) -> Node | None:
    """The node a heading's own numbering gives (一、 → top, （一） → sub, 结语 → plain).

    No guard against look-alikes in running text: the caller has already decided the line is a
    heading (the PDF importer, from its type size), so a long or punctuated heading is kept.
    """
    compact = re.sub(r"\s", "", text)
    if compact in _UNNUMBERED_HEADINGS:
        return Node("plain", 0, compact)
    top = _TOP_HEADING.match(compact)
    if top:
        return Node("top", _cn_number(top.group(1)), compact)
    sub = _SUB_HEADING.match(compact)
    if sub:
        return Node("sub", _cn_number(sub.group(1)), compact)
    return None


def _cn_number(numeral: str) -> int:
    """一..九十九 → int (only small numbers occur in headings)."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + CN_NUMERALS.index(numeral[1]) + 1
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return 10 * (CN_NUMERALS.index(tens) + 1) + (CN_NUMERALS.index(units) + 1 if units else 0)
    return CN_NUMERALS.index(numeral) + 1


def _build_paragraphs(
    body: list[RawLine],
    overrides: ImportOverrides,
    report: list[str],
    heading_of: Callable[[RawLine], Node | None] | None = None,
) -> tuple[list[Node], list[Paragraph]]:
    """Group body lines into headings and paragraphs."""
    nodes: list[Node] = []
    paragraphs: list[Paragraph] = []
    current: Node | None = None
    parents: dict[str, Node | None] = {"top": None, "sub": None}
    last_point: dict[int, int] = {}  # id(parent node) -> last point number
    prev: RawLine | None = None
    prev_is_first = False
    for line in body:
        node = heading_of(line) if heading_of else heading_from_text(line.text)
        if node is None and _point_candidate(line, prev, overrides):
            node = _point_node(line, parents, last_point)
        if node is not None:
            _attach(node, parents)
            nodes.append(node)
            current = node
        if node is not None and node.kind != "point":
            prev, prev_is_first = None, False
            continue
        if _new_paragraph(prev, line, prev_is_first, node, overrides, report):
            paragraphs.append(Paragraph([line], current))
            prev_is_first = True
        else:
            paragraphs[-1].lines.append(line)
            prev_is_first = False
        prev = line
    return nodes, paragraphs


def _new_paragraph(
    prev: RawLine | None,
    line: RawLine,
    prev_is_first: bool,
    node: Node | None,
    overrides: ImportOverrides,
    report: list[str],
) -> bool:
    if prev is None or node is not None or line.number in overrides.new_paragraph_at:
        return True
    if line.number in overrides.continuation_at:
        return False
    if _starts_paragraph(prev, line, prev_is_first):
        return True
    if _is_ambiguous(prev, line, prev_is_first):
        report.append(
            f"L{line.number}: ambiguous paragraph break (L{prev.number} ends a sentence at "
            f"{_cells(prev.text):g} cells, L{line.number} is {_cells(line.text):g} cells): "
            "kept as continuation"
        )
    return False


def _point_candidate(line: RawLine, prev: RawLine | None, overrides: ImportOverrides) -> bool:
    """第N， opens a point only at a paragraph start, never mid-sentence (第一步, 第二次…).

    A paragraph start known from outside (an override, or a PDF's indentation) is trusted over
    the sentence-end guess.
    """
    if not _POINT_HEADING.match(line.text.strip()):
        return False
    if line.number in overrides.new_paragraph_at:
        return True
    if line.number in overrides.continuation_at:
        return False
    return prev is None or _ends_sentence(prev.text)


def _point_node(
    line: RawLine, parents: dict[str, Node | None], last_point: dict[int, int]
) -> Node | None:
    """A 第N point, accepted only when it continues the numbering within its parent."""
    match = _POINT_HEADING.match(line.text.strip())
    assert match is not None
    number = _cn_number(match.group(1))
    parent = parents["sub"] or parents["top"]
    key = id(parent)
    if number != 1 and last_point.get(key) != number - 1:
        return None
    last_point[key] = number
    return Node("point", number, "")


def _attach(node: Node, parents: dict[str, Node | None]) -> None:
    """Set the node's parent and depth from the headings seen so far."""
    if node.kind in ("top", "plain"):
        parents["top"], parents["sub"] = node, None
        node.parent, node.depth = None, 1
    elif node.kind == "sub":
        parents["sub"] = node
        node.parent, node.depth = parents["top"], 2
    else:
        node.parent = parents["sub"] or parents["top"]
        node.depth = node.parent.depth + 1 if node.parent else 1


def _assign_ids(nodes: list[Node], paragraphs: list[Paragraph], report: list[str]) -> None:
    """Section ids as content/README.md fixes them (s2, s1-1, s2-p3, s3-1-p2, conclusion)."""
    for node in nodes:
        if node.kind == "plain":
            node.section_id = _UNNUMBERED_HEADINGS[node.heading]
        elif node.kind == "top":
            node.section_id = f"s{node.number}"
        else:
            prefix = f"{node.parent.section_id}-" if node.parent else ""
            node.section_id = prefix + (
                f"p{node.number}" if node.kind == "point" else f"{node.number}"
            )
    if paragraphs and paragraphs[0].node is None:
        intro = Node("plain", 0, "引言", "intro", 1)
        nodes.insert(0, intro)
        for paragraph in paragraphs:
            if paragraph.node is None:
                paragraph.node = intro
        report.append("untitled paragraphs before the first heading put under 引言 {#intro}")
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph.pid = f"p{number:02d}"


# --------------------------------------------------------------------------- footnotes


def _body_markers(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Every footnote marker in the body, in reading order: (raw line number, ①=1 …)."""
    return [
        (line.number, _marker_number(match.group(0)))
        for paragraph in paragraphs
        for line in paragraph.lines
        for match in MARKER_PATTERN.finditer(line.text)
    ]


def _marker_groups(markers: list[tuple[int, int]]) -> list[list[int]]:
    """Marker indices grouped by page: numbering restarts at ① on every page."""
    groups: list[list[int]] = []
    for index, (_, number) in enumerate(markers):
        if number == 1 or not groups:
            groups.append([])
        groups[-1].append(index)
    return groups


def _pair_footnotes(
    blocks: list[FootnoteBlock],
    body: list[RawLine],
    markers: list[tuple[int, int]],
    overrides: ImportOverrides,
    report: list[str],
) -> None:
    """Give each footnote text an id and, by its number or its order, the marker it explains.

    A block is printed at the foot of the page whose markers precede it, so it belongs to the
    last marker group that starts before the block's position in the running text.
    """
    groups = _marker_groups(markers)
    counter = 0
    for block in blocks:
        _number_items(block)
        last_line = body[block.after_body_index].number if block.after_body_index >= 0 else 0
        group = _group_before(groups, markers, last_line)
        for item in block.items:
            counter += 1
            item.fn_id = f"fn{counter:02d}"
            _report_item(item, overrides, report)
            target = [i for i in group if markers[i][1] == item.number]
            if target:
                item.marker_index = target[0]
                if not block.lone_markers and not _item_has_marker(item):
                    report.append(
                        f"L{item.first_line}: footnote {item.fn_id} lost its marker; paired by "
                        f"order with marker {_circled(item.number)} at L{markers[target[0]][0]}"
                    )
            else:
                report.append(f"L{item.first_line}: footnote {item.fn_id} could not be attached")


def _number_items(block: FootnoteBlock) -> None:
    """Inline ``① text`` numbers win; otherwise lone marker lines, then order, number items."""
    queue = list(block.lone_markers)
    previous = 0
    for item in block.items:
        inline = MARKER_PATTERN.match(item.lines[0].text.strip())
        if inline:
            item.number = _marker_number(inline.group(0))
        elif queue:
            item.number = queue.pop(0)
        else:
            item.number = previous + 1
        previous = item.number


def _item_has_marker(item: FootnoteItem) -> bool:
    return bool(MARKER_PATTERN.match(item.lines[0].text.strip()))


def _group_before(
    groups: list[list[int]], markers: list[tuple[int, int]], line_number: int
) -> list[int]:
    chosen: list[int] = []
    for group in groups:
        if markers[group[0]][0] <= line_number:
            chosen = group
    return chosen


def _report_item(item: FootnoteItem, overrides: ImportOverrides, report: list[str]) -> None:
    first = MARKER_PATTERN.sub("", item.lines[0].text).strip()
    last = item.lines[-1].text.strip()
    if _HEAD_LOST.match(first) and not _item_has_marker(item):  # ``① 2021年…`` is whole
        report.append(f"L{item.first_line}: footnote {item.fn_id} starts mid-text (head lost)")
    if not _FOOTNOTE_END.search(last):
        report.append(f"L{item.lines[-1].number}: footnote {item.fn_id} is truncated")
    texts = [line.text.strip() for line in item.lines]
    for this, nxt, line in zip(texts, texts[1:], item.lines, strict=False):
        if soft_hyphen_at_end(this, nxt):
            word = hyphen_word(this, nxt)
            kept = "kept" if word in overrides.real_hyphens else "dropped as soft hyphen"
            report.append(f"L{line.number}: line-final {FULLWIDTH_HYPHEN} in {word!r} {kept}")
    if re.search("[a-z][A-Z][a-z]", join_lines([line.text for line in item.lines])):
        report.append(f"L{item.first_line}: footnote {item.fn_id} has English with lost spaces")


def _footnote_text(item: FootnoteItem, overrides: ImportOverrides) -> str:
    return clean_footnote_text(
        join_lines([line.text for line in item.lines], overrides.real_hyphens)
    )


def _circled(number: int | None) -> str:
    return chr(ord("①") + number - 1) if number else "?"


# --------------------------------------------------------------------------- cleaning, naming


def _clean_paragraphs(
    paragraphs: list[Paragraph], markers: list[tuple[int, int]], blocks: list[FootnoteBlock]
) -> None:
    """Join and clean every paragraph; put ``[^fnNN]`` where an attached marker stood."""
    refs = {item.marker_index: item.fn_id for block in blocks for item in block.items}
    marker_index = 0
    for paragraph in paragraphs:
        text = clean_body_text(
            join_lines([line.text for line in paragraph.lines]), keep_marker_positions=True
        )
        pieces = text.split(MARKER_PLACEHOLDER)
        out = [pieces[0]]
        for piece in pieces[1:]:
            fn_id = refs.get(marker_index)
            out.append(f"[^{fn_id}]" if fn_id else "")
            out.append(piece)
            marker_index += 1
        paragraph.text = "".join(out)


def _name_points(nodes: list[Node], paragraphs: list[Paragraph], report: list[str]) -> None:
    """A point's heading is its own lead words: the lead sentence, or its first clauses."""
    for paragraph in paragraphs:
        node = paragraph.node
        if node is None or node.kind != "point" or node.heading:
            continue
        node.heading = _lead_heading(re.sub(r"\[\^fn\d+\]", "", paragraph.text))
        report.append(f"{node.section_id}: heading taken from the lead words: {node.heading}")
    for node in nodes:
        if node.kind == "sub":
            node.heading = clean_body_text(node.heading)


def _lead_heading(text: str, limit: int = 32) -> str:
    """The point's own lead words, never reworded.

    ``第一，政治增益。`` / ``第二，外交空间扩容，日本以…``: a short label that is not an
    adverbial (``在…层面``) is the heading by itself. Otherwise the lead sentence (up to 。 or ：),
    or, when longer than ``limit``, its first whole clauses.
    """
    lead = re.split("[。：]", text, maxsplit=1)[0]
    clauses = lead.split("，")
    if len(clauses) > 2 and len(clauses[1]) <= 8 and not clauses[1].startswith("在"):
        return "，".join(clauses[:2])
    if len(lead) <= limit:
        return lead
    heading = "，".join(clauses[:2])
    for clause in clauses[2:]:
        if len(heading) + 1 + len(clause) > limit:
            break
        heading += "，" + clause
    return heading


def _report_closing_candidates(
    nodes: list[Node], paragraphs: list[Paragraph], report: list[str]
) -> None:
    """The last point of a run may be followed by a closing paragraph of the parent."""
    for index, node in enumerate(nodes):
        if node.kind != "point":
            continue
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if following is not None and following.kind == "point" and following.parent is node.parent:
            continue
        own = [p for p in paragraphs if p.node is node]
        if len(own) > 1 and node.parent is not None:
            report.append(
                f"{own[-1].pid} (L{own[-1].lines[0].number}) is the last paragraph after "
                f"{node.section_id}: if it closes {node.parent.section_id}, "
                f"write '@resume {node.parent.section_id}' (or an ancestor's id) before it"
            )


# --------------------------------------------------------------------------- rendering


def _render(
    slug: str,
    front: FrontMatter,
    nodes: list[Node],
    paragraphs: list[Paragraph],
    blocks: list[FootnoteBlock],
    overrides: ImportOverrides,
    report: list[str],
) -> str:
    out = _front_matter_lines(slug, front, report)
    if front.abstract_lines:
        abstract = join_lines([line.text for line in front.abstract_lines])
        abstract = clean_body_text(abstract.removeprefix("内容提要"))
        out += ["", "# 内容提要 {#abstract}", "", f"{{#abs}} {abstract}"]
    out += list(_body_lines(nodes, paragraphs))
    definitions = [item for block in blocks for item in block.items]
    if definitions:
        out.append("")
    out += [f"[^{item.fn_id}]: {_footnote_text(item, overrides)}" for item in definitions]
    return "\n".join(out) + "\n"


def _front_matter_lines(slug: str, front: FrontMatter, report: list[str]) -> list[str]:
    values = {
        "title": front.title,
        "subtitle": front.subtitle,
        "author": front.author,
        "journal": front.journal,
        "year": front.year,
        "issue": front.issue,
    }
    for key, value in values.items():
        if not value:
            values[key] = "TODO"
            report.append(f"front matter: {key} could not be derived (placeholder TODO)")
    keywords = ", ".join(front.keywords) if front.keywords else "TODO"
    return [
        "---",
        f"slug: {slug}",
        *(f"{key}: {value}" for key, value in values.items()),
        f"keywords: [{keywords}]",
        "source: source-extracted.txt",
        "---",
    ]


def _body_lines(nodes: list[Node], paragraphs: list[Paragraph]) -> Iterator[str]:
    by_node: dict[int, list[Paragraph]] = {}
    for paragraph in paragraphs:
        by_node.setdefault(id(paragraph.node), []).append(paragraph)
    for node in nodes:
        yield ""
        yield f"{'#' * node.depth} {node.heading} {{#{node.section_id}}}"
        for paragraph in by_node.get(id(node), []):
            yield ""
            yield f"{{#{paragraph.pid}}} {paragraph.text}"
