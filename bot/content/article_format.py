"""Reading article.md (format: content/README.md) into the `Article` model.

The file is line-oriented on purpose: one paragraph is one line, so every problem can name its
line exactly. The parser never stops at the first problem; it collects all of them and raises one
`ContentError`, because a moderator fixing a file by hand wants the whole list at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.content.data_files import LineMap, load_yaml
from bot.content.model import Article, ArticleMeta, Footnote, Paragraph, Section
from bot.content.problems import ContentError, ContentProblem

ABSTRACT_SECTION_ID = "abstract"  # its paragraph is the abstract: ordinal 0, not a body paragraph

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HINT = "ids use lowercase letters, digits, hyphens and underscores, e.g. s2-p3 or p17a"

_HEADING = re.compile(r"^(#+)[ \t]+(.*?)[ \t]*\{#([^{}]*)\}[ \t]*$")
_PARAGRAPH = re.compile(r"^\{#([^{}]*)\} +(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\[\]\s]*)\]:[ \t]*(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\]")
_RESUME = re.compile(r"^@resume(?:[ \t]+(.*?))?[ \t]*$")

_NUMERALS = "一二三四五六七八九十百零〇两"
_TOP_NUMBER = re.compile(rf"^([{_NUMERALS}]+)、")
_PAREN_NUMBER = re.compile(rf"^([（(])([{_NUMERALS}]+)([）)])")
_ORDINAL_NUMBER = re.compile(rf"^(第[{_NUMERALS}]+)[，,、：:\s]")
_ARABIC_NUMBER = re.compile(r"^(\d+)[.、．]")

REQUIRED_META = ("slug", "title", "author", "journal", "year", "issue", "keywords")
OPTIONAL_META = ("subtitle", "source", "title_en", "journal_en", "author_en", "current")


def heading_number(heading: str) -> tuple[str, str]:
    """The numbering of a heading as printed, and as a path segment.

    `一、…` → ("一", "一"); `（二）…` → ("（二）", "(二)"); `第三，…` → ("第三", "第三");
    an unnumbered heading (`引言`, `结语`) → ("", heading): it is its own path segment.
    """
    if match := _TOP_NUMBER.match(heading):
        return match[1], match[1]
    if match := _PAREN_NUMBER.match(heading):
        return match[0], f"({match[2]})"
    if match := _ORDINAL_NUMBER.match(heading):
        return match[1], match[1]
    if match := _ARABIC_NUMBER.match(heading):
        return match[1], match[1]
    return "", heading


@dataclass
class _Parser:
    """The state of one pass over the lines; `problems` collects everything found."""

    file: str
    problems: list[ContentProblem] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    paragraph_lines: dict[str, int] = field(default_factory=dict)
    # footnote id -> (text, line) of its definition, in file order
    definitions: dict[str, tuple[str, int]] = field(default_factory=dict)
    # footnote id -> (paragraph id, line) of its first reference
    references: dict[str, tuple[str, int]] = field(default_factory=dict)
    stack: list[str] = field(default_factory=list)  # open section ids, index = depth - 1
    current: str | None = None
    body_ordinal: int = 0
    headings_later: dict[str, int] = field(default_factory=dict)

    def problem(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(ContentProblem(self.file, line, message, hint))

    # --- line kinds -------------------------------------------------------------------------

    def heading(self, line: int, match: re.Match[str]) -> None:
        hashes, heading, section_id = match[1], match[2].strip(), match[3].strip()
        depth = len(hashes)
        if depth > len(self.stack) + 1:
            expected = "#" * (len(self.stack) + 1)
            self.problem(
                line,
                f"heading level jumps from {len(self.stack)} to {depth}",
                f"use {expected!r}: a section can only be one level below the one above it",
            )
            depth = len(self.stack) + 1
        if not heading:
            self.problem(line, f"section {section_id!r} has no heading text", "write the heading")
        if "[^" in heading:
            self.problem(
                line,
                "footnote reference in a heading",
                "move the [^…] marker into the first paragraph, or drop it",
            )
        if not ID_PATTERN.match(section_id):
            self.problem(line, f"invalid section id {section_id!r}", ID_HINT)
            return
        parent_id = self.stack[depth - 2] if depth > 1 else None
        self.stack = [*self.stack[: depth - 1], section_id]
        self.current = section_id
        if section_id in self.sections:
            first = self.sections[section_id].line
            self.problem(
                line,
                f"duplicate section id {section_id!r} (first used on line {first})",
                "give each section its own id",
            )
            return
        label, segment = heading_number(heading)
        parent = self.sections.get(parent_id) if parent_id else None
        self.sections[section_id] = Section(
            id=section_id,
            parent_id=parent_id,
            heading=heading,
            label=label,
            path=f"{parent.path}/{segment}" if parent else segment,
            depth=depth,
            ordinal=len(self.sections) + 1,
            line=line,
        )

    def paragraph(self, line: int, match: re.Match[str]) -> None:
        paragraph_id, raw = match[1].strip(), match[2].strip()
        if self.current is None:
            self.problem(
                line,
                f"paragraph {paragraph_id!r} is outside any section",
                "put a heading line such as `# 引言 {#intro}` above it",
            )
            return
        if not ID_PATTERN.match(paragraph_id):
            self.problem(line, f"invalid paragraph id {paragraph_id!r}", ID_HINT)
            return
        if paragraph_id in self.paragraph_lines:
            first = self.paragraph_lines[paragraph_id]
            self.problem(
                line,
                f"duplicate paragraph id {paragraph_id!r} (first used on line {first})",
                "paragraph ids are stable: give an inserted paragraph a new id such as p17a",
            )
            return
        self.paragraph_lines[paragraph_id] = line
        footnote_ids: list[str] = []
        for ref in _FOOTNOTE_REF.finditer(raw):
            footnote_id = ref[1]
            if footnote_id in self.references:
                where, first = self.references[footnote_id]
                self.problem(
                    line,
                    f"footnote [^{footnote_id}] is referenced again (first in {where}, line {first})",
                    "a footnote belongs to one place: keep one reference",
                )
                continue
            self.references[footnote_id] = (paragraph_id, line)
            footnote_ids.append(footnote_id)
        text = _FOOTNOTE_REF.sub("", raw).strip()
        if "[^" in text:
            self.problem(
                line,
                "malformed footnote reference",
                "write references as [^fn01]: no spaces inside the brackets",
            )
        if not text:
            self.problem(
                line, f"paragraph {paragraph_id!r} has no text", "write the text or delete the line"
            )
        in_abstract = self.current == ABSTRACT_SECTION_ID
        if not in_abstract:
            self.body_ordinal += 1
        self.paragraphs.append(
            Paragraph(
                id=paragraph_id,
                section_id=self.current,
                ordinal=0 if in_abstract else self.body_ordinal,
                text=text,
                footnote_ids=tuple(footnote_ids),
                line=line,
            )
        )

    def resume(self, line: int, match: re.Match[str]) -> None:
        target = (match[1] or "").strip()
        if not target:
            self.problem(line, "@resume without a section id", "write `@resume s2`")
            return
        if target not in self.sections:
            later = self.headings_later.get(target)
            hint = (
                f"{target!r} is opened later, on line {later}; @resume returns to a section above"
                if later
                else "use the id of a section opened above this line"
            )
            self.problem(line, f"@resume names unknown section {target!r}", hint)
            return
        chain: list[str] = []
        section_id: str | None = target
        while section_id is not None:
            chain.append(section_id)
            section_id = self.sections[section_id].parent_id
        self.stack = chain[::-1]
        self.current = target

    def footnote(self, line: int, match: re.Match[str]) -> None:
        footnote_id, text = match[1], match[2].strip()
        if not footnote_id or not ID_PATTERN.match(footnote_id):
            self.problem(line, f"invalid footnote id {footnote_id!r}", ID_HINT)
            return
        if footnote_id in self.definitions:
            first = self.definitions[footnote_id][1]
            self.problem(
                line,
                f"footnote [^{footnote_id}] is defined twice (first on line {first})",
                "keep one definition",
            )
            return
        if not text:
            self.problem(
                line, f"footnote [^{footnote_id}] has no text", "write its text after the colon"
            )
        self.definitions[footnote_id] = (text, line)

    def other(self, line: int, text: str) -> None:
        if text.startswith("#"):
            self.problem(
                line,
                "malformed heading",
                "write `## heading {#section-id}`: hashes, a space, the heading, then the id",
            )
        elif text.startswith("{#"):
            self.problem(
                line,
                "malformed paragraph line",
                "write `{#p07} text`: the id in braces, one space, then the text",
            )
        elif text.startswith("@"):
            self.problem(line, "unknown directive", "the only directive is `@resume section-id`")
        elif text.startswith("[^"):
            self.problem(line, "malformed footnote definition", "write `[^fn01]: text`")
        elif text == "---":
            self.problem(
                line, "stray front matter separator", "the front matter is only at the top"
            )
        else:
            self.problem(
                line,
                "text outside a paragraph",
                "start a paragraph with `{#id} ` - one paragraph is one line, so join a wrapped "
                "line to the line above",
            )

    # --- end of file ------------------------------------------------------------------------

    def footnotes(self) -> tuple[Footnote, ...]:
        for footnote_id, (paragraph_id, line) in self.references.items():
            if footnote_id not in self.definitions:
                self.problem(
                    line,
                    f"footnote [^{footnote_id}] in {paragraph_id} has no definition",
                    f"add a line `[^{footnote_id}]: text` at the end of the file, or remove the marker",
                )
        return tuple(
            Footnote(
                id=footnote_id,
                text=text,
                paragraph_id=self.references.get(footnote_id, (None, 0))[0],
                line=line,
            )
            for footnote_id, (text, line) in self.definitions.items()
        )

    def abstract(self) -> str:
        texts = [p for p in self.paragraphs if p.section_id == ABSTRACT_SECTION_ID]
        for extra in texts[1:]:
            self.problem(
                extra.line,
                "the abstract has more than one paragraph",
                "join the abstract into one line",
            )
        return texts[0].text if texts else ""


def parse_article_markdown(text: str, *, file: str) -> Article:
    """Parse article.md into an `Article` (no facts, glossary, quiz or prompts yet).

    Raises `ContentError` carrying every problem found, each with its line.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    lines = [line.rstrip("\r") for line in lines]
    parser = _Parser(file)
    meta_fields, body_start = _front_matter(lines, parser)
    parser.headings_later = {
        match[3].strip(): number
        for number, line in enumerate(lines, start=1)
        if number >= body_start and (match := _HEADING.match(line))
    }
    for number in range(body_start, len(lines) + 1):
        line = lines[number - 1]
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            continue
        if match := _HEADING.match(stripped):
            parser.heading(number, match)
        elif match := _PARAGRAPH.match(stripped):
            parser.paragraph(number, match)
        elif match := _FOOTNOTE_DEF.match(stripped):
            parser.footnote(number, match)
        elif match := _RESUME.match(stripped):
            parser.resume(number, match)
        else:
            parser.other(number, stripped)
    footnotes = parser.footnotes()
    abstract = parser.abstract()
    meta = _meta(meta_fields, abstract, parser) if meta_fields is not None else None
    if not parser.sections and body_start <= len(lines):
        parser.problem(0, "the article has no sections", "add headings such as `# 引言 {#intro}`")
    if parser.problems or meta is None:
        raise ContentError(sorted(parser.problems, key=lambda p: p.line))
    return Article(
        meta=meta,
        sections=tuple(parser.sections.values()),
        paragraphs=tuple(parser.paragraphs),
        footnotes=footnotes,
    )


def _front_matter(lines: list[str], parser: _Parser) -> tuple[LineMap | None, int]:
    """The YAML between the opening and closing `---`; returns it and the first body line."""
    if not lines or lines[0].strip() != "---":
        parser.problem(
            1,
            "the file does not start with a front matter block",
            "begin with a line `---`, the keys (slug, title, author, …), and a closing `---`",
        )
        return None, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            block = "\n".join(lines[1:index])
            data, problems = load_yaml(block, file=parser.file, first_line=2)
            parser.problems.extend(problems)
            if data is None and not problems:
                data = LineMap(2)
            if data is not None and not isinstance(data, LineMap):
                parser.problem(2, "the front matter must be `key: value` lines")
                data = None
            return data, index + 2
    parser.problem(1, "the front matter block is not closed", "add a line `---` after the keys")
    return None, len(lines) + 1


def _meta(data: LineMap, abstract: str, parser: _Parser) -> ArticleMeta | None:
    before = len(parser.problems)

    def problem(key: str | None, message: str, hint: str = "") -> None:
        parser.problem(data.line_of(key) if key else 1, message, hint)

    for key in data:
        if key not in REQUIRED_META + OPTIONAL_META:
            problem(
                key,
                f"unknown front matter key {key!r}",
                f"allowed keys: {', '.join(REQUIRED_META + OPTIONAL_META)}",
            )
    for key in REQUIRED_META:
        if data.get(key) in (None, ""):
            problem(None, f"front matter is missing {key!r}", f"add a line `{key}: …`")

    def text(key: str) -> str:
        value: Any = data.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            problem(key, f"front matter {key!r} must be text", "put the value in quotes")
            return ""
        return str(value).strip()

    def number(key: str) -> int:
        value: Any = data.get(key)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            problem(key, f"front matter {key!r} must be a whole number", f"write e.g. `{key}: 5`")
            return 0
        return value

    slug = text("slug")
    if slug and not SLUG_PATTERN.match(slug):
        problem("slug", f"invalid slug {slug!r}", "use lowercase letters, digits and hyphens")
    keywords: Any = data.get("keywords") or []
    if not isinstance(keywords, list) or not all(
        isinstance(k, str) and k.strip() for k in keywords
    ):
        problem(
            "keywords",
            "front matter 'keywords' must be a list of words",
            "write `keywords: [日本, 日美同盟]`",
        )
        keywords = []
    current: Any = data.get("current", False)
    if not isinstance(current, bool):
        problem("current", "front matter 'current' must be true or false", "write `current: true`")
        current = False
    meta = ArticleMeta(
        slug=slug,
        title=text("title"),
        subtitle=text("subtitle"),
        author=text("author"),
        journal=text("journal"),
        year=number("year"),
        issue=number("issue"),
        keywords=tuple(k.strip() for k in keywords),
        abstract=abstract,
        title_en=text("title_en"),
        journal_en=text("journal_en"),
        author_en=text("author_en"),
        current=current,
    )
    return meta if len(parser.problems) == before else None
