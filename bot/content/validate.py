"""Whole-article checks, run after parsing: the rules that compare entries with each other or with
the section tree (unique ids, order, coverage) and the rules on values a reader will see.

They work on model objects only, so the same checks apply to freshly parsed files and to an
article rebuilt from the database. Coverage rules are derived from the section tree rather than a
list of ids, so a second article with a different outline gets the same treatment. The rules that
keep the quiz a test of reading rather than of guessing (length and absolute-word cues, stem
repeats, attribution) live in `quiz_lint.py` and are called from `validate_article`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.content.cleaning import ARTIFACT_PATTERN
from bot.content.model import Article, Section
from bot.content.problems import ContentProblem
from bot.content.quiz_lint import lint_facts, lint_quiz

DIFFICULTIES = ("easy", "medium", "hard")
GLOSSARY_KINDS = (
    "person",
    "place",
    "organization",
    "agreement",
    "document",
    "weapon",
    "system",  # satellites and other equipment that is not a weapon
    "concept",
    "event",
)
QUESTIONS_PER_POINT = 3  # every leaf sub-section / point (一/(一), 二/第三, 三/(一)/第二, …)
QUESTIONS_PER_TOP_LEAF = 1  # every unnumbered top-level section with body text (引言, 结语)
PROMPTS_PER_SECTION = 3  # every section with body text in its subtree (all but the abstract)

_BODY_ID = re.compile(r"^p(\d+)([a-z]*)$")


@dataclass(frozen=True, slots=True)
class ArticleFiles:
    """File names (relative to the content folder) for problems; None when the file is absent.

    An absent YAML file is allowed (its coverage rules are skipped); a present one is checked.
    """

    article: str
    facts: str | None = None
    glossary: str | None = None
    quiz: str | None = None
    prompts: str | None = None


def validate_article(article: Article, files: ArticleFiles) -> list[ContentProblem]:
    problems = [
        *check_structure(article, files.article),
        *check_point_headings(article, files.article),
        *check_artifacts(article, files),
        *check_citations(article, files),
    ]
    if files.facts is not None:
        problems += check_facts(article, files.facts)
        problems += lint_facts(article.facts, files.facts)  # attribution kept in both languages
    if files.glossary is not None:
        problems += check_glossary(article, files.glossary)
        problems += check_glossary_names(article, files.glossary)
    if files.quiz is not None:
        problems += check_quiz(article, files.quiz)
        problems += lint_quiz(article.questions, files.quiz)  # guessing cues: quiz_lint.py
    if files.prompts is not None:
        problems += check_prompts(article, files.prompts)
    return problems


def preparation_notes(article: Article, files: ArticleFiles) -> list[str]:
    """What an article still lacks before every feature has what it needs: information, not
    errors, since an article with only its text already serves lookups, /outline, /section and
    discussions (with generic prompts)."""
    notes = [
        f"no {name} yet ({what})"
        for name, present, what in (
            ("facts.yaml", files.facts, "/fact and /section show no key facts"),
            ("glossary.yaml", files.glossary, "English names do not find the Chinese text"),
            ("quiz.yaml", files.quiz, "/quiz has no questions"),
            ("prompts.yaml", files.prompts, "discussions open with generic prompts"),
        )
        if present is None
    ]
    if files.quiz is not None:
        notes += [p.message for p in check_quiz_coverage(article, files.quiz)]
    if files.prompts is not None:
        notes += [p.message for p in check_prompt_coverage(article, files.prompts)]
    return notes


def duplicate_ids(
    items: Iterable[tuple[str, int]], *, file: str, what: str
) -> list[ContentProblem]:
    """One problem per repeated (id, line), naming the line where the id was first used."""
    first: dict[str, int] = {}
    problems: list[ContentProblem] = []
    for item_id, line in items:
        if item_id in first:
            problems.append(
                ContentProblem(
                    file,
                    line,
                    f"duplicate {what} id {item_id!r} (first used on line {first[item_id]})",
                    "give each entry its own id; ids are stable, never renumber old ones",
                )
            )
        else:
            first[item_id] = line
    return problems


# --- article.md --------------------------------------------------------------------------------


def check_structure(article: Article, file: str) -> list[ContentProblem]:
    """Ids unique, sections and paragraphs in reading order, parents before children."""
    problems = duplicate_ids(((s.id, s.line) for s in article.sections), file=file, what="section")
    problems += duplicate_ids(
        ((p.id, p.line) for p in article.paragraphs), file=file, what="paragraph"
    )
    problems += duplicate_ids(
        ((f.id, f.line) for f in article.footnotes), file=file, what="footnote"
    )
    problems += _check_sections(article, file)
    problems += _check_paragraphs(article, file)
    problems += _check_footnotes(article, file)
    return problems


POINT_TITLE_END = "…"
_CLAUSE_BREAKS = "，：；、"


def check_point_headings(article: Article, file: str) -> list[ContentProblem]:
    """A 第N point heading is its lead sentence, or visibly an editorial short title.

    The points of this journal have no printed heading: their first paragraph opens with the
    numbered lead sentence (`第一，政治增益。…`). The heading is that lead sentence without its
    `。` when it is short enough, or else the lead sentence cut after a whole clause and ending in
    `…`, so a reader can tell the title was shortened by the editors.
    """
    problems: list[ContentProblem] = []
    for section in article.sections:
        if not section.label.startswith("第"):
            continue
        own = article.paragraphs_of(section.id)
        if not own or not own[0].text.startswith(section.label):
            continue
        text = own[0].text
        lead = text.split("。", 1)[0]
        heading = section.heading
        if heading == lead:
            continue
        short = heading.removesuffix(POINT_TITLE_END)
        if heading.endswith(POINT_TITLE_END) and short == lead:
            fix = f"the lead sentence is whole: drop the {POINT_TITLE_END!r}"
        elif heading.endswith(POINT_TITLE_END) and lead.startswith(short):
            if text[len(short)] in _CLAUSE_BREAKS:
                continue
            fix = "cut the short title after a whole clause (before ， ： ； or 、)"
        elif lead.startswith(heading):
            fix = f"end the shortened title with {POINT_TITLE_END!r}, or write the whole lead sentence"
        else:
            fix = "use the lead sentence of its first paragraph (without 。), or its first clauses + …"
        problems.append(
            ContentProblem(
                file,
                section.line,
                f"heading of {section.id} is neither its lead sentence nor a short title of it",
                fix,
            )
        )
    return problems


def _check_sections(article: Article, file: str) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    seen: dict[str, Section] = {}
    for position, section in enumerate(article.sections, start=1):
        if section.ordinal != position:
            problems.append(
                ContentProblem(file, section.line, f"section {section.id} is out of order")
            )
        parent = seen.get(section.parent_id) if section.parent_id else None
        if section.parent_id and parent is None:
            problems.append(
                ContentProblem(
                    file,
                    section.line,
                    f"section {section.id}: parent {section.parent_id!r} is not above it",
                )
            )
        expected_depth = parent.depth + 1 if parent else 1
        if section.parent_id is None or parent is not None:
            if section.depth != expected_depth:
                problems.append(
                    ContentProblem(file, section.line, f"section {section.id}: wrong depth")
                )
        seen[section.id] = section
    with_text = {p.section_id for p in article.paragraphs}
    for section in article.sections:
        if not article.children(section.id) and section.id not in with_text:
            problems.append(
                ContentProblem(
                    file,
                    section.line,
                    f"section {section.id} has no paragraphs and no sub-sections",
                    "add its paragraphs below the heading, or remove the heading",
                )
            )
    return problems


def _check_paragraphs(article: Article, file: str) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    section_ids = {s.id for s in article.sections}
    body = [p for p in article.paragraphs if p.ordinal != 0]
    for expected, paragraph in enumerate(body, start=1):
        if paragraph.ordinal != expected:
            problems.append(
                ContentProblem(file, paragraph.line, f"paragraph {paragraph.id} is out of order")
            )
    previous: tuple[int, str, str] | None = None
    for paragraph in article.paragraphs:
        if paragraph.section_id not in section_ids:
            problems.append(
                ContentProblem(
                    file,
                    paragraph.line,
                    f"paragraph {paragraph.id}: unknown section {paragraph.section_id!r}",
                )
            )
        if not paragraph.text.strip():
            problems.append(
                ContentProblem(file, paragraph.line, f"paragraph {paragraph.id} is empty")
            )
        match = _BODY_ID.match(paragraph.id)
        if match is None:
            continue
        key = (int(match[1]), match[2], paragraph.id)
        if previous is not None and key[:2] <= previous[:2]:
            problems.append(
                ContentProblem(
                    file,
                    paragraph.line,
                    f"paragraph {paragraph.id} comes after {previous[2]}: ids are out of reading order",
                    "ids are stable, so do not renumber: check that the paragraph was not moved or "
                    "mistyped; an inserted paragraph gets an id like p17a",
                )
            )
        previous = key
    return problems


def _check_footnotes(article: Article, file: str) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    footnotes = {f.id: f for f in article.footnotes}
    for paragraph in article.paragraphs:
        for footnote_id in paragraph.footnote_ids:
            footnote = footnotes.get(footnote_id)
            if footnote is None:
                problems.append(
                    ContentProblem(
                        file,
                        paragraph.line,
                        f"footnote [^{footnote_id}] in {paragraph.id} has no definition",
                        f"add a line `[^{footnote_id}]: text`",
                    )
                )
            elif footnote.paragraph_id != paragraph.id:
                problems.append(
                    ContentProblem(
                        file,
                        paragraph.line,
                        f"footnote [^{footnote_id}] is referenced from {paragraph.id} "
                        f"but attached to {footnote.paragraph_id}",
                    )
                )
    referenced = {fid for p in article.paragraphs for fid in p.footnote_ids}
    for footnote in article.footnotes:
        if footnote.paragraph_id is not None and footnote.id not in referenced:
            problems.append(
                ContentProblem(
                    file,
                    footnote.line,
                    f"footnote [^{footnote.id}] is attached to {footnote.paragraph_id} "
                    "but no paragraph references it",
                )
            )
        if not footnote.text.strip():
            problems.append(
                ContentProblem(file, footnote.line, f"footnote [^{footnote.id}] is empty")
            )
    return problems


# --- artefact characters ------------------------------------------------------------------------


def _reader_texts(article: Article, files: ArticleFiles) -> Iterator[tuple[str, int, str, str]]:
    """Every text a reader can see, as (file, line, what, text)."""
    meta = article.meta
    for key in ("title", "subtitle", "author", "journal", "title_en", "journal_en", "author_en"):
        yield files.article, 0, f"front matter {key!r}", getattr(meta, key)
    for keyword in meta.keywords:
        yield files.article, 0, "front matter 'keywords'", keyword
    for section in article.sections:
        yield files.article, section.line, f"heading of {section.id}", section.heading
    for paragraph in article.paragraphs:
        yield files.article, paragraph.line, f"paragraph {paragraph.id}", paragraph.text
    for footnote in article.footnotes:
        yield files.article, footnote.line, f"footnote {footnote.id}", footnote.text
    if files.facts:
        for fact in article.facts:
            for text in (fact.statement_zh, fact.statement_en, fact.quote):
                yield files.facts, fact.line, f"fact {fact.id}", text
    if files.glossary:
        for entry in article.glossary:
            for text in (entry.term, entry.english, entry.japanese, entry.note, *entry.aliases):
                yield files.glossary, entry.line, f"glossary entry {entry.id}", text
    if files.quiz:
        for q in article.questions:
            texts = (
                q.question_zh,
                q.question_en,
                q.explanation_zh,
                q.explanation_en,
                q.quote,
                *q.options_zh,
                *q.options_en,
            )
            for text in texts:
                yield files.quiz, q.line, f"question {q.id}", text
    if files.prompts:
        for prompt in article.prompts:
            for text in (prompt.prompt_zh, prompt.prompt_en, prompt.quote):
                yield files.prompts, prompt.line, f"prompt {prompt.id}", text


def check_artifacts(article: Article, files: ArticleFiles) -> list[ContentProblem]:
    """No extraction artefact (private-use glyph, full-width digit, «», ∗ …) reaches a reader."""
    problems: list[ContentProblem] = []
    for file, line, what, text in _reader_texts(article, files):
        for match in ARTIFACT_PATTERN.finditer(text):
            char = match.group()
            context = text[max(0, match.start() - 6) : match.end() + 6]
            problems.append(
                ContentProblem(
                    file,
                    line,
                    f"{what}: extraction artefact U+{ord(char):04X} {char!r} in …{context}…",
                    "replace it as the cleaning rules in content/README.md say "
                    "(e.g. full-width digits to ASCII, «» to 《》, private-use glyphs to … · ’)",
                )
            )
    return problems


# --- the YAML files ----------------------------------------------------------------------------


def check_citations(article: Article, files: ArticleFiles) -> list[ContentProblem]:
    """Every quote is in its paragraph, and that paragraph is inside the entry's section."""
    problems: list[ContentProblem] = []
    paragraphs = {p.id: p for p in article.paragraphs}
    groups = (
        (files.facts, "fact", article.facts),
        (files.quiz, "question", article.questions),
        (files.prompts, "prompt", article.prompts),
    )
    for file, what, entries in groups:
        for entry in entries:
            where = file or files.article
            paragraph = paragraphs.get(entry.paragraph_id)
            subtree = {entry.section_id} | {s.id for s in article.descendants(entry.section_id)}
            if paragraph is None or paragraph.section_id not in subtree:
                problems.append(
                    ContentProblem(
                        where,
                        entry.line,
                        f"{what} {entry.id}: paragraph {entry.paragraph_id!r} is not in section "
                        f"{entry.section_id}",
                    )
                )
            elif entry.quote not in paragraph.text:
                problems.append(
                    ContentProblem(
                        where,
                        entry.line,
                        f"{what} {entry.id}: the quote is not in {paragraph.id}",
                        "copy the span exactly from article.md",
                    )
                )
    return problems


def _blank(file: str, line: int, what: str, field: str) -> ContentProblem:
    return ContentProblem(file, line, f"{what}: {field!r} is empty", f"write the {field} text")


def check_facts(article: Article, file: str) -> list[ContentProblem]:
    problems = duplicate_ids(((f.id, f.line) for f in article.facts), file=file, what="fact")
    for fact in article.facts:
        what = f"fact {fact.id}"
        for field, value in (
            ("zh", fact.statement_zh),
            ("en", fact.statement_en),
            ("quote", fact.quote),
        ):
            if not value.strip():
                problems.append(_blank(file, fact.line, what, field))
    return problems


def check_glossary(article: Article, file: str) -> list[ContentProblem]:
    """Kinds from the fixed list; no name (term, English, alias) shared by two entries."""
    problems = duplicate_ids(((e.id, e.line) for e in article.glossary), file=file, what="glossary")
    owners: dict[str, tuple[str, int]] = {}
    for entry in article.glossary:
        what = f"glossary entry {entry.id}"
        for field, value in (("term", entry.term), ("english", entry.english)):
            if not value.strip():
                problems.append(_blank(file, entry.line, what, field))
        if entry.kind not in GLOSSARY_KINDS:
            problems.append(
                ContentProblem(
                    file,
                    entry.line,
                    f"{what}: unknown kind {entry.kind!r}",
                    f"use one of {', '.join(GLOSSARY_KINDS)}",
                )
            )
        if any(not alias.strip() for alias in entry.aliases):
            problems.append(ContentProblem(file, entry.line, f"{what}: an alias is empty"))
        for name in {n.strip().casefold() for n in entry.all_names if n.strip()}:
            owner = owners.get(name)
            if owner is None:
                owners[name] = (entry.id, entry.line)
            else:
                problems.append(
                    ContentProblem(
                        file,
                        entry.line,
                        f"{what}: the name {name!r} is also used by {owner[0]} (line {owner[1]})",
                        "a name must lead to one entry: drop it from one of them or merge them",
                    )
                )
    return problems


_ONE_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _article_text(article: Article) -> str:
    """Everything a reader can see of the article: metadata, headings, paragraphs, footnotes."""
    meta = article.meta
    parts = [meta.title, meta.subtitle, meta.author, meta.journal, *meta.keywords, meta.abstract]
    parts += [s.heading for s in article.sections]
    parts += [p.text for p in article.paragraphs]
    parts += [f.text for f in article.footnotes]
    return "\n".join(parts)


def check_glossary_names(article: Article, file: str) -> list[ContentProblem]:
    """The term is the form the article itself uses (so a reader can find it in the text), and no
    term or alias is a single Chinese character (too common to name one thing; search skips it).
    """
    text = _article_text(article)
    problems: list[ContentProblem] = []
    for entry in article.glossary:
        what = f"glossary entry {entry.id}"
        if entry.term.strip() and entry.term not in text:
            problems.append(
                ContentProblem(
                    file,
                    entry.line,
                    f"{what}: the term {entry.term!r} does not occur in the article",
                    "write the term exactly as the article (or a footnote) has it; "
                    "put other forms in aliases",
                )
            )
        for name in (entry.term, *entry.aliases):
            letters = [c for c in name if c.isalnum()]
            if len(letters) == 1 and _ONE_CJK.fullmatch(letters[0]):
                problems.append(
                    ContentProblem(
                        file,
                        entry.line,
                        f"{what}: the name {name!r} is a single Chinese character",
                        "use the longer form the article has (煌 → “煌”系列)",
                    )
                )
    return problems


def check_quiz(article: Article, file: str) -> list[ContentProblem]:
    """Four distinct non-empty options per language, answer A-D, a known difficulty, both languages."""
    problems = duplicate_ids(
        ((q.id, q.line) for q in article.questions), file=file, what="question"
    )
    for q in article.questions:
        what = f"question {q.id}"
        if q.difficulty not in DIFFICULTIES:
            problems.append(
                ContentProblem(
                    file,
                    q.line,
                    f"{what}: unknown difficulty {q.difficulty!r}",
                    f"use one of {', '.join(DIFFICULTIES)}",
                )
            )
        if not 0 <= q.answer <= 3:
            problems.append(ContentProblem(file, q.line, f"{what}: answer must be A, B, C or D"))
        for language, question, options, explanation in (
            ("zh", q.question_zh, q.options_zh, q.explanation_zh),
            ("en", q.question_en, q.options_en, q.explanation_en),
        ):
            if not question.strip():
                problems.append(_blank(file, q.line, what, f"{language}.question"))
            if not explanation.strip():
                problems.append(_blank(file, q.line, what, f"{language}.explanation"))
            cleaned = [o.strip() for o in options]
            if len(cleaned) != 4 or any(not o for o in cleaned):
                problems.append(
                    ContentProblem(
                        file,
                        q.line,
                        f"{what}: {language}.options needs four non-empty options",
                        "write four choices",
                    )
                )
            elif len(set(cleaned)) != len(cleaned):
                repeated = [o for o, n in Counter(cleaned).items() if n > 1]
                problems.append(
                    ContentProblem(
                        file,
                        q.line,
                        f"{what}: {language}.options repeats {repeated[0]!r}",
                        "the four options must all differ",
                    )
                )
        if not q.quote.strip():
            problems.append(_blank(file, q.line, what, "quote"))
    return problems


def check_prompts(article: Article, file: str) -> list[ContentProblem]:
    problems = duplicate_ids(((p.id, p.line) for p in article.prompts), file=file, what="prompt")
    for prompt in article.prompts:
        what = f"prompt {prompt.id}"
        for field, value in (
            ("zh", prompt.prompt_zh),
            ("en", prompt.prompt_en),
            ("quote", prompt.quote),
        ):
            if not value.strip():
                problems.append(_blank(file, prompt.line, what, field))
    return problems


# --- coverage ----------------------------------------------------------------------------------


def has_body_text(article: Article, section_id: str) -> bool:
    """True when the section or a sub-section holds a body paragraph (the abstract does not)."""
    return any(p.ordinal > 0 for p in article.paragraphs_of(section_id, recursive=True))


def quiz_minimums(article: Article) -> dict[str, int]:
    """Section id -> the least number of questions it needs, derived from the tree.

    Leaf sections below the top level (sub-sections and points) need QUESTIONS_PER_POINT; leaf
    top-level sections with body text (introduction, conclusion) need QUESTIONS_PER_TOP_LEAF.
    Sections with children are covered through their children.
    """
    minimums: dict[str, int] = {}
    for section in article.sections:
        if article.children(section.id) or not has_body_text(article, section.id):
            continue
        minimums[section.id] = QUESTIONS_PER_POINT if section.depth > 1 else QUESTIONS_PER_TOP_LEAF
    return minimums


def prompt_minimums(article: Article) -> dict[str, int]:
    """Section id -> PROMPTS_PER_SECTION for every section with body text in its subtree."""
    return {s.id: PROMPTS_PER_SECTION for s in article.sections if has_body_text(article, s.id)}


def _coverage(
    article: Article,
    file: str,
    counts: Counter[str],
    minimums: dict[str, int],
    noun: str,
    yaml_file: str,
) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    for section_id, minimum in minimums.items():
        have = counts.get(section_id, 0)
        if have < minimum:
            section = article.section(section_id)
            problems.append(
                ContentProblem(
                    file,
                    0,
                    f"section {section_id} ({section.path}) has {have} {noun}; "
                    f"at least {minimum} are needed",
                    f"add {minimum - have} more with `section: {section_id}` to {yaml_file}",
                )
            )
    return problems


def check_quiz_coverage(article: Article, file: str) -> list[ContentProblem]:
    counts = Counter(q.section_id for q in article.questions)
    return _coverage(article, file, counts, quiz_minimums(article), "questions", "quiz.yaml")


def check_prompt_coverage(article: Article, file: str) -> list[ContentProblem]:
    counts = Counter(p.section_id for p in article.prompts)
    return _coverage(article, file, counts, prompt_minimums(article), "prompts", "prompts.yaml")
