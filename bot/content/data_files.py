"""The YAML side files of an article: facts, glossary, quiz, discussion prompts, descriptions.

Moderators edit these by hand, so every problem names the file and the line of the entry (or of the
key) that is wrong. PyYAML forgets positions once it builds Python objects; `LineLoader` keeps
them by building `LineMap`s that remember where each mapping and each of its keys started.

The parsers here check what is needed to build the model objects (required keys, types, four
options, answer letter, quote resolution). Checks that compare entries with each other or with the
whole article (unique ids, coverage, allowed values, artefact characters) live in `validate.py`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bot.content.model import (
    Article,
    DiscussionPrompt,
    GlossaryEntry,
    KeyFact,
    Paragraph,
    ParagraphDescription,
    QuizQuestion,
    Section,
)
from bot.content.problems import ContentProblem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_HINT = "ids use lowercase letters, digits, hyphens and underscores, e.g. q017 or abe-shinzo"
ANSWER_LETTERS = "ABCD"
OPTION_COUNT = 4

T = TypeVar("T")


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key (all 1-based)."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and the line where each item starts."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class LineLoader(yaml.SafeLoader):
    """A SafeLoader whose mappings are `LineMap`s; duplicate keys are recorded, not silently lost."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


def _construct_line_map(loader: LineLoader, node: MappingNode) -> Any:
    data = LineMap(node.start_mark.line + 1)
    yield data
    seen: set[str] = set()
    for key_node, _value_node in node.value:
        if isinstance(key_node, ScalarNode):
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                loader.duplicate_keys.append((line, key))
            seen.add(key)
            data.key_lines.setdefault(key, line)
    data.update({str(key): value for key, value in loader.construct_mapping(node).items()})


def _construct_line_list(loader: LineLoader, node: SequenceNode) -> Any:
    data = LineList(node.start_mark.line + 1)
    yield data
    data.extend(loader.construct_sequence(node))
    data.item_lines = [item.start_mark.line + 1 for item in node.value]


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_line_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_line_list)


def load_yaml(text: str, *, file: str, first_line: int = 1) -> tuple[Any, list[ContentProblem]]:
    """Parse YAML keeping line numbers; `first_line` shifts them when the YAML is embedded.

    Returns the data (None on a syntax error) and the problems found.
    """
    offset = first_line - 1
    loader = LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        message = f"YAML syntax error: {exc.problem or exc.context or exc}"
        hint = (
            "check the indentation and put text that contains ': ', '#', or starts with "
            "'[', '{', '*', '&', '!', '|', '>', '@' or a quote inside quotes"
        )
        return None, [ContentProblem(file, line, message, hint)]
    except yaml.YAMLError as exc:
        return None, [ContentProblem(file, first_line, f"YAML error: {exc}")]
    finally:
        loader.dispose()
    _shift_lines(data, offset)
    problems = [
        ContentProblem(
            file,
            line + offset,
            f"key {key!r} appears twice in the same entry",
            "keep one of them; YAML would silently use the last",
        )
        for line, key in loader.duplicate_keys
    ]
    return data, problems


def _shift_lines(data: Any, offset: int) -> None:
    if not offset:
        return
    if isinstance(data, LineMap):
        data.line += offset
        data.key_lines = {k: v + offset for k, v in data.key_lines.items()}
        values: Any = data.values()
    elif isinstance(data, LineList):
        data.line += offset
        data.item_lines = [line + offset for line in data.item_lines]
        values = data
    else:
        return
    for value in values:
        _shift_lines(value, offset)


class _Fields:
    """Reads the fields of one entry, recording a problem for each missing or mistyped one."""

    def __init__(self, entry: LineMap, *, file: str, what: str, allowed: tuple[str, ...]) -> None:
        self.entry = entry
        self.file = file
        self.what = what
        self.problems: list[ContentProblem] = []
        for key in entry:
            if key not in allowed:
                self.problem(
                    key,
                    f"{what}: unknown key {key!r}",
                    f"allowed keys are {', '.join(allowed)} (check the spelling)",
                )

    def problem(self, key: str | None, message: str, hint: str = "") -> None:
        line = self.entry.line_of(key) if key else self.entry.line
        self.problems.append(ContentProblem(self.file, line, message, hint))

    def text(self, key: str, *, required: bool = True) -> str | None:
        """A text value; integers are accepted (written as digits), other scalars are refused."""
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.problem(None, f"{self.what}: missing {key!r}", f"add `{key}: …`")
            return None if required else ""
        value = self.entry[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(
                key,
                f"{self.what}: {key!r} must be text, not {_yaml_kind(value)}",
                "put the value in quotes",
            )
            return None
        return str(value).strip()

    def text_list(self, key: str, *, required: bool = True) -> list[str] | None:
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.problem(None, f"{self.what}: missing {key!r}", f"add `{key}: [..., ...]`")
                return None
            return []
        value = self.entry[key]
        if not isinstance(value, list):
            self.problem(
                key, f"{self.what}: {key!r} must be a list", f"write `{key}: [first, second]`"
            )
            return None
        items: list[str] = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, str | int):
                self.problem(
                    key,
                    f"{self.what}: {key!r} contains {_yaml_kind(item)} {item!r}",
                    "put every item in quotes",
                )
                return None
            items.append(str(item).strip())
        return items

    def mapping(self, key: str) -> LineMap | None:
        value = self.entry.get(key)
        if value is None:
            self.problem(None, f"{self.what}: missing {key!r}", f"add a `{key}:` block")
            return None
        if not isinstance(value, LineMap):
            self.problem(key, f"{self.what}: {key!r} must be a block of keys")
            return None
        return value

    def entry_id(self) -> str | None:
        value = self.text("id")
        if value is not None and not ID_PATTERN.match(value):
            self.problem("id", f"{self.what}: invalid id {value!r}", ID_HINT)
            return None
        return value


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return type(value).__name__


def _entries(
    text: str, *, file: str, parse: Callable[[LineMap, int], T | None]
) -> tuple[tuple[T, ...], list[ContentProblem]]:
    """Parse a YAML list file with `parse(entry, index)`; parse appends its own problems."""
    data, problems = load_yaml(text, file=file)
    if data is None:
        return (), problems
    if not isinstance(data, list):
        line = data.line if isinstance(data, LineMap) else 1
        problems.append(
            ContentProblem(
                file, line, "the file must be a YAML list", "start each entry with `- id:`"
            )
        )
        return (), problems
    items: list[T] = []
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, LineMap):
            problems.append(
                ContentProblem(
                    file,
                    data.line_at(index - 1) if isinstance(data, LineList) else 0,
                    f"entry {index} is {_yaml_kind(entry)}, not a block of keys",
                    "each entry starts with `- id: …` followed by its keys, indented",
                )
            )
            continue
        item = parse(entry, index)
        if item is not None:
            items.append(item)
    return tuple(items), problems


def _what(kind: str, entry: LineMap, index: int) -> str:
    raw = entry.get("id")
    return f"{kind} {raw}" if isinstance(raw, str) and raw else f"{kind} #{index}"


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote was found, or which key is wrong and how to fix it."""

    paragraph_id: str | None
    key: str = ""  # the entry key to blame when paragraph_id is None
    message: str = ""
    hint: str = ""


def resolve_quote(
    article: Article, section_id: str, quote: str, paragraph_id: str | None = None
) -> QuoteMatch:
    """Find the one paragraph of the section subtree that contains `quote` exactly.

    `paragraph_id` picks one paragraph when the same span occurs in several.
    """
    try:
        section = article.section(section_id)
    except KeyError:
        ids = ", ".join(s.id for s in article.sections)
        return QuoteMatch(
            None, "section", f"unknown section {section_id!r}", f"use one of the section ids: {ids}"
        )
    if not quote:
        return QuoteMatch(
            None, "quote", "the quote is empty", "copy a span of the paragraph's text into `quote`"
        )
    candidates = article.paragraphs_of(section.id, recursive=True)
    if paragraph_id:
        if paragraph_id not in {p.id for p in candidates}:
            where = _paragraph_section(article, paragraph_id)
            if where is None:
                return QuoteMatch(
                    None,
                    "paragraph",
                    f"unknown paragraph {paragraph_id!r}",
                    "use a paragraph id from article.md",
                )
            return QuoteMatch(
                None,
                "paragraph",
                f"paragraph {paragraph_id} is in section {where}, not inside {section.id}",
                f"set `section: {where}` or choose a paragraph of {section.id}",
            )
        candidates = [p for p in candidates if p.id == paragraph_id]
    matches = [p for p in candidates if quote in p.text]
    if len(matches) == 1:
        return QuoteMatch(matches[0].id)
    if len(matches) > 1:
        ids = ", ".join(p.id for p in matches)
        return QuoteMatch(
            None,
            "quote",
            f"the quote occurs in several paragraphs of {section.id}: {ids}",
            f"add `paragraph: {matches[0].id}` (or the right one), or lengthen the quote",
        )
    where = f"paragraph {paragraph_id}" if paragraph_id else f"section {section.id}"
    return QuoteMatch(
        None, "quote", f"the quote is not in {where}", _quote_hint(article, candidates, quote)
    )


def _paragraph_section(article: Article, paragraph_id: str) -> str | None:
    for paragraph in article.paragraphs:
        if paragraph.id == paragraph_id:
            return paragraph.section_id
    return None


def _quote_hint(article: Article, candidates: list[Paragraph], quote: str) -> str:
    """Say where the quote went wrong: another section, a footnote marker, or where it diverges."""
    elsewhere = [p for p in article.paragraphs if quote in p.text]
    if elsewhere:
        p = elsewhere[0]
        return f"it is in {p.id} of section {p.section_id}; fix `section` or the quote"
    if "[^" in quote:
        return "remove the footnote marker: quotes match the text without [^…] markers"
    best, best_id = 0, ""
    for paragraph in candidates:
        length = _longest_prefix(paragraph.text, quote)
        if length > best:
            best, best_id = length, paragraph.id
    if best >= 2:
        matched = quote[:best]
        return (
            f"{best_id} matches up to …{matched[-8:]!s} and then differs at {quote[best : best + 8]!r}; "
            "copy the span exactly from article.md"
        )
    return "copy the span exactly from the cleaned text in article.md"


def _longest_prefix(text: str, quote: str) -> int:
    low, high = 0, len(quote)
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in text:
            low = mid
        else:
            high = mid - 1
    return low


def _citation(fields: _Fields, article: Article) -> tuple[str | None, str | None, str | None]:
    """Read section, quote and optional paragraph, and resolve the quote's paragraph."""
    section = fields.text("section")
    quote = fields.text("quote")
    paragraph = fields.text("paragraph", required=False) or None
    if section is None or quote is None:
        return section, quote, None
    match = resolve_quote(article, section, quote, paragraph)
    if match.paragraph_id is None:
        fields.problem(match.key, f"{fields.what}: {match.message}", match.hint)
    return section, quote, match.paragraph_id


def parse_facts(
    text: str, article: Article, *, file: str
) -> tuple[tuple[KeyFact, ...], list[ContentProblem]]:
    """facts.yaml: `- {id, section, zh, en, quote, paragraph?}`."""
    problems: list[ContentProblem] = []

    def parse(entry: LineMap, index: int) -> KeyFact | None:
        fields = _Fields(
            entry,
            file=file,
            what=_what("fact", entry, index),
            allowed=("id", "section", "zh", "en", "quote", "paragraph"),
        )
        fact_id = fields.entry_id()
        zh, en = fields.text("zh"), fields.text("en")
        section, quote, paragraph_id = _citation(fields, article)
        problems.extend(fields.problems)
        if fields.problems or None in (fact_id, zh, en, section, quote, paragraph_id):
            return None
        return KeyFact(
            id=str(fact_id),
            section_id=str(section),
            statement_zh=str(zh),
            statement_en=str(en),
            quote=str(quote),
            paragraph_id=str(paragraph_id),
            line=entry.line,
        )

    items, file_problems = _entries(text, file=file, parse=parse)
    return items, file_problems + problems


def parse_glossary(
    text: str, *, file: str
) -> tuple[tuple[GlossaryEntry, ...], list[ContentProblem]]:
    """glossary.yaml: `- {id, term, english, kind, aliases?, japanese?, note?}`."""
    problems: list[ContentProblem] = []

    def parse(entry: LineMap, index: int) -> GlossaryEntry | None:
        fields = _Fields(
            entry,
            file=file,
            what=_what("glossary entry", entry, index),
            allowed=("id", "term", "english", "kind", "aliases", "japanese", "note"),
        )
        entry_id = fields.entry_id()
        term, english, kind = fields.text("term"), fields.text("english"), fields.text("kind")
        aliases = fields.text_list("aliases", required=False)
        japanese = fields.text("japanese", required=False)
        note = fields.text("note", required=False)
        problems.extend(fields.problems)
        if fields.problems or None in (entry_id, term, english, kind, aliases, japanese, note):
            return None
        return GlossaryEntry(
            id=str(entry_id),
            term=str(term),
            english=str(english),
            kind=str(kind),
            aliases=tuple(aliases or ()),
            japanese=str(japanese),
            note=str(note),
            line=entry.line,
        )

    items, file_problems = _entries(text, file=file, parse=parse)
    return items, file_problems + problems


def _quiz_language(fields: _Fields, key: str) -> tuple[str, tuple[str, str, str, str], str] | None:
    block = fields.mapping(key)
    if block is None:
        return None
    inner = _Fields(
        block,
        file=fields.file,
        what=f"{fields.what} ({key})",
        allowed=("question", "options", "explanation"),
    )
    question = inner.text("question")
    options = inner.text_list("options")
    explanation = inner.text("explanation")
    if options is not None and len(options) != OPTION_COUNT:
        inner.problem(
            "options",
            f"{inner.what}: {len(options)} options; exactly {OPTION_COUNT} are needed",
            "write `options: [A, B, C, D]` with four choices",
        )
        options = None
    fields.problems.extend(inner.problems)
    if question is None or options is None or explanation is None:
        return None
    return question, (options[0], options[1], options[2], options[3]), explanation


def parse_quiz(
    text: str, article: Article, *, file: str
) -> tuple[tuple[QuizQuestion, ...], list[ContentProblem]]:
    """quiz.yaml: `- {id, section, difficulty, answer, zh: {...}, en: {...}, quote, paragraph?}`."""
    problems: list[ContentProblem] = []

    def parse(entry: LineMap, index: int) -> QuizQuestion | None:
        fields = _Fields(
            entry,
            file=file,
            what=_what("question", entry, index),
            allowed=("id", "section", "difficulty", "answer", "zh", "en", "quote", "paragraph"),
        )
        question_id = fields.entry_id()
        difficulty = fields.text("difficulty")
        answer_text = fields.text("answer")
        answer: int | None = None
        if answer_text is not None:
            if len(answer_text) == 1 and answer_text in ANSWER_LETTERS:
                answer = ANSWER_LETTERS.index(answer_text)
            else:
                fields.problem(
                    "answer",
                    f"{fields.what}: answer {answer_text!r} is not one of A, B, C, D",
                    "write the letter of the correct option, e.g. `answer: B`",
                )
        zh = _quiz_language(fields, "zh")
        en = _quiz_language(fields, "en")
        section, quote, paragraph_id = _citation(fields, article)
        problems.extend(fields.problems)
        if (
            fields.problems
            or zh is None
            or en is None
            or answer is None
            or None in (question_id, difficulty, section, quote, paragraph_id)
        ):
            return None
        return QuizQuestion(
            id=str(question_id),
            section_id=str(section),
            difficulty=str(difficulty),
            question_zh=zh[0],
            question_en=en[0],
            options_zh=zh[1],
            options_en=en[1],
            answer=answer,
            explanation_zh=zh[2],
            explanation_en=en[2],
            quote=str(quote),
            paragraph_id=str(paragraph_id),
            line=entry.line,
        )

    items, file_problems = _entries(text, file=file, parse=parse)
    return items, file_problems + problems


def parse_prompts(
    text: str, article: Article, *, file: str
) -> tuple[tuple[DiscussionPrompt, ...], list[ContentProblem]]:
    """prompts.yaml: `- {id, section, zh, en, quote, paragraph?}`."""
    problems: list[ContentProblem] = []

    def parse(entry: LineMap, index: int) -> DiscussionPrompt | None:
        fields = _Fields(
            entry,
            file=file,
            what=_what("prompt", entry, index),
            allowed=("id", "section", "zh", "en", "quote", "paragraph"),
        )
        prompt_id = fields.entry_id()
        zh, en = fields.text("zh"), fields.text("en")
        section, quote, paragraph_id = _citation(fields, article)
        problems.extend(fields.problems)
        if fields.problems or None in (prompt_id, zh, en, section, quote, paragraph_id):
            return None
        return DiscussionPrompt(
            id=str(prompt_id),
            section_id=str(section),
            prompt_zh=str(zh),
            prompt_en=str(en),
            quote=str(quote),
            paragraph_id=str(paragraph_id),
            line=entry.line,
        )

    items, file_problems = _entries(text, file=file, parse=parse)
    return items, file_problems + problems


def parse_descriptions(
    text: str, article: Article, *, file: str
) -> tuple[tuple[ParagraphDescription, ...], list[ContentProblem]]:
    """descriptions.yaml: `- {para, summary_zh, summary_en, terms_zh, terms_en, questions_zh,
    questions_en}`, at most one entry per paragraph."""
    problems: list[ContentProblem] = []
    known = {p.id for p in article.paragraphs}
    seen: set[str] = set()

    def parse(entry: LineMap, index: int) -> ParagraphDescription | None:
        raw = entry.get("para")
        fields = _Fields(
            entry,
            file=file,
            what=f"description of {raw}" if isinstance(raw, str) else f"description #{index}",
            allowed=(
                "para",
                "summary_zh",
                "summary_en",
                "terms_zh",
                "terms_en",
                "questions_zh",
                "questions_en",
            ),
        )
        para = fields.text("para")
        if para is not None and para not in known:
            fields.problem("para", f"no paragraph {para!r} in article.md", "use an id like p07")
        elif para is not None and para in seen:
            fields.problem("para", f"{para} is described twice", "merge the two entries")
        summary_zh, summary_en = fields.text("summary_zh"), fields.text("summary_en")
        lists = {
            key: fields.text_list(key, required=False) or []
            for key in ("terms_zh", "terms_en", "questions_zh", "questions_en")
        }
        problems.extend(fields.problems)
        if fields.problems or None in (para, summary_zh, summary_en):
            return None
        seen.add(str(para))
        return ParagraphDescription(
            paragraph_id=str(para),
            summary_zh=str(summary_zh),
            summary_en=str(summary_en),
            terms_zh=tuple(lists["terms_zh"]),
            terms_en=tuple(lists["terms_en"]),
            questions_zh=tuple(lists["questions_zh"]),
            questions_en=tuple(lists["questions_en"]),
            line=entry.line,
        )

    items, file_problems = _entries(text, file=file, parse=parse)
    return items, file_problems + problems


def parse_section_titles(
    text: str, article: Article, *, file: str
) -> tuple[tuple[Section, ...], list[ContentProblem]]:
    """sections.yaml: `- {id, short_zh, short_en, heading_en}`; returns the article's sections
    with those titles filled in (sections not listed keep theirs empty)."""
    problems: list[ContentProblem] = []
    known = {s.id for s in article.sections}
    titles: dict[str, dict[str, str]] = {}

    def parse(entry: LineMap, index: int) -> dict[str, str] | None:
        raw = entry.get("id")
        fields = _Fields(
            entry,
            file=file,
            what=f"section {raw}" if isinstance(raw, str) else f"section #{index}",
            allowed=("id", "short_zh", "short_en", "heading_en"),
        )
        section_id = fields.text("id")
        if section_id is not None and section_id not in known:
            fields.problem(
                "id", f"no section {section_id!r} in article.md", "use a heading's {#id}"
            )
        elif section_id is not None and section_id in titles:
            fields.problem("id", f"section {section_id} is listed twice", "merge the two entries")
        values = {
            key: fields.text(key, required=False) or ""
            for key in ("short_zh", "short_en", "heading_en")
        }
        problems.extend(fields.problems)
        if fields.problems or section_id is None:
            return None
        titles[section_id] = values
        return values

    _, file_problems = _entries(text, file=file, parse=parse)
    sections = tuple(
        dataclasses.replace(
            section,
            short_zh=titles[section.id]["short_zh"],
            short_en=titles[section.id]["short_en"],
            heading_en=titles[section.id]["heading_en"],
        )
        if section.id in titles
        else section
        for section in article.sections
    )
    return sections, file_problems + problems
