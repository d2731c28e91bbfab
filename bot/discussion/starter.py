"""What a discussion says, as plain data: the starter's heading, one-line summary and reading
range, the prompts (the first is the starter's headline; all of them go into the thread, one message
each), and for the thread's opening message one key passage and a term to try with `/excerpt`.

The cog turns a `Starter` into messages; keeping the choices here (which sentences, which passage,
which prompts) lets them be tested without Discord and keeps the cog a thin renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.model import Article, DiscussionPrompt, Paragraph, Section
from bot.content.naming import display_path, heading_text, long_label, short_label
from bot.content.sentences import ELLIPSIS, clip, sentence_spans
from bot.i18n import EN, ZH, t

MAX_PROMPTS = 4  # of the section itself; a framing prompt of its part may come on top
# The starter's summary is one line (about three on a phone), cut after a whole clause.
ONE_LINE_MAX = 60
_CLAUSE_END = "，；：、,;:"
_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (pair[0], pair[1]) for pair in ("“”", "‘’", "《》", "（）", "()", "「」", "『』")
)
_SENTENCE_END = "。！？；：!?;:."
_ORDINAL_SLACK = 4  # a lead sentence may open with its printed ordinal (`第二，`, `（一）`)
PASSAGE_MAX = 300
# A term of these kinds makes a poor look-up example: it appears everywhere.
_GENERIC_KINDS = frozenset({"place"})
# Starters sent before the starter became phone-first carried `rc-d<occurrence>` in their footer.
_LEGACY_MARKER = re.compile(r"\brc-d(\d+)\b")


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    paragraph_id: str
    paragraph_ordinal: int
    section_path: str


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    zh: str
    en: str
    generic: bool = False  # not written for this article: shown as such


GENERIC_PROMPT_KEYS = ("discussion.generic.1", "discussion.generic.2", "discussion.generic.3")


def generic_prompts() -> list[Prompt]:
    """For an article whose prompts are not written yet: questions that fit any section."""
    return [Prompt(key, t(key, ZH), t(key, EN), generic=True) for key in GENERIC_PROMPT_KEYS]


@dataclass(frozen=True, slots=True)
class Starter:
    article_slug: str
    section_id: str
    title: str  # the section's long label: `一/（一） 日美同盟是…`
    short: str  # its short label, `一/（一） 外交基轴`: the thread's name
    short_en: str  # its English short title (`Diplomacy and security axis`), "" if none
    summary: str  # one line: the section's opening sentence, never its heading again
    passage: Passage | None
    prompts: tuple[Prompt, ...]
    first_paragraph: int | None  # ordinals of the paragraphs this session reads
    last_paragraph: int | None
    lookup_example: str
    citation: str
    source: str  # the short citation of the footer: `朱海燕《日本国家战略视域中的日美同盟》`


def find_legacy_marker(text: str) -> int | None:
    """The occurrence named by an `rc-d<id>` footer tag, the way starters were recognised before
    the tag was taken out of sight; kept so that a starter sent by the previous version just before
    an upgrade is still adopted rather than opened again. New starters never carry it."""
    match = _LEGACY_MARKER.search(text or "")
    return int(match[1]) if match else None


def absorbed_paragraphs(article: Article, section: Section) -> list[Paragraph]:
    """A part's own paragraphs that a session on one of its sub-sections reads along.

    The lead before the first sub-section goes with the first; a paragraph after a sub-section
    (a closing remark resumed after the points) goes with the sub-section it follows. So a plan of
    sub-sections reads every paragraph of the part exactly once.
    """
    if section.parent_id is None:
        return []
    starts: list[tuple[int, str]] = []
    for child in article.children(section.parent_id):
        ordinals = [p.ordinal for p in article.paragraphs_of(child.id, recursive=True)]
        if ordinals:
            starts.append((min(ordinals), child.id))
    if not starts:
        return []
    starts.sort()
    absorbed = []
    for paragraph in article.paragraphs_of(section.parent_id):
        owner = starts[0][1]
        for first, child_id in starts:
            if first < paragraph.ordinal:
                owner = child_id
        if owner == section.id:
            absorbed.append(paragraph)
    return absorbed


def lead_parent(article: Article, section: Section) -> Section | None:
    """The parent whose own paragraphs (and so framing prompts) go with `section`, if any."""
    if section.parent_id is None or not absorbed_paragraphs(article, section):
        return None
    return article.section(section.parent_id)


def session_paragraphs(article: Article, section: Section) -> list[Paragraph]:
    """The paragraphs a session on `section` reads: its own, its sub-sections', and any of its
    part's own paragraphs it absorbs (see `absorbed_paragraphs`), in reading order.
    """
    own = article.paragraphs_of(section.id, recursive=True)
    return sorted([*absorbed_paragraphs(article, section), *own], key=lambda p: p.ordinal)


def repeats_heading(sentence: str, section: Section) -> bool:
    """Whether `sentence` says `section`'s heading again: a point's heading is its lead sentence
    (`第一，政治增益。`), or its first clauses cut short with … . Either may open with the printed
    ordinal. A sentence that merely begins with a whole heading's words and goes on is prose."""
    for heading in (section.heading, heading_text(section)):
        cut_short = heading.endswith("…")
        lead = heading.rstrip("…。").strip()
        at = sentence.find(lead) if len(lead) >= 2 else -1
        if not 0 <= at <= _ORDINAL_SLACK:
            continue
        rest = sentence[at + len(lead) :].strip()
        if cut_short or rest.strip(_SENTENCE_END) == "":
            return True
    return False


def one_line(texts: list[str], headings: list[Section], limit: int = ONE_LINE_MAX) -> str:
    """The first sentence of `texts` that is not one of `headings` said again, as one short line:
    over `limit` it is cut after its last whole clause that fits and closes its quotes (mid-clause
    only when no such clause reaches a third of the limit)."""
    sentence = next(
        (
            sentence
            for text in texts
            for a, b in sentence_spans(text)
            if (sentence := text[a:b].strip())
            and not any(repeats_heading(sentence, h) for h in headings)
        ),
        "",
    )
    if len(sentence) <= limit:
        return sentence
    cuts = [i for i in range(limit - 1) if sentence[i] in _CLAUSE_END and _balanced(sentence[:i])]
    if cuts and cuts[-1] >= limit // 3:
        return sentence[: cuts[-1]] + ELLIPSIS
    return clip(sentence, limit)


def _balanced(text: str) -> bool:
    """No quotation or bracket left open (a cut there would leave `“…` dangling)."""
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)


def sentence_around(text: str, quote: str) -> str:
    """The whole sentence(s) of `text` that hold `quote` (the quote alone when it is not there)."""
    start = text.find(quote) if quote else -1
    if start < 0:
        return quote
    end = start + len(quote)
    touched = [(a, b) for a, b in sentence_spans(text) if a < end and b > start]
    if not touched:
        return quote
    return text[touched[0][0] : touched[-1][1]].strip()


def choose_prompts(article: Article, section: Section, limit: int = MAX_PROMPTS) -> list[Prompt]:
    """Up to `limit` prompts taken in turn from the section and each of its sub-sections (so a
    session on a part with points asks about each point), plus one of the part's framing prompts
    when the session reads part of the part's own text (more if the section has too few).

    Each sub-section that reads part of its part's text gets a different framing prompt, so a
    plan asks all of them once.
    """
    by_section: dict[str, list[DiscussionPrompt]] = {}
    for prompt in article.prompts:
        by_section.setdefault(prompt.section_id, []).append(prompt)
    groups = [by_section.get(section.id, [])]
    groups += [by_section.get(d.id, []) for d in article.descendants(section.id)]
    chosen: list[DiscussionPrompt] = []
    depth = 0
    while len(chosen) < limit and any(depth < len(g) for g in groups):
        for group in groups:
            if depth < len(group) and len(chosen) < limit:
                chosen.append(group[depth])
        depth += 1
    parent = lead_parent(article, section)
    if parent is not None:
        framing = by_section.get(parent.id, [])
        readers = [c.id for c in article.children(parent.id) if absorbed_paragraphs(article, c)]
        turn = readers.index(section.id)
        rotated = framing[turn:] + framing[:turn]
        chosen += rotated[: max(1, limit - len(chosen))]
    return [Prompt(p.id, p.prompt_zh, p.prompt_en) for p in chosen]


def choose_passage(article: Article, section: Section, summary: str) -> Passage | None:
    """A key fact of the session whose sentence the summary lacks: the section's own paragraphs
    before its lead-in, in reading order; a prompt's quoted passage when no fact fits.
    """
    paragraphs = {p.id: p for p in session_paragraphs(article, section)}
    own = {p.id for p in article.paragraphs_of(section.id, recursive=True)}

    def place(paragraph_id: str, quote: str) -> tuple[int, int, int]:
        paragraph = paragraphs[paragraph_id]
        return (paragraph_id not in own, paragraph.ordinal, paragraph.text.find(quote))

    facts = sorted(
        ((f.paragraph_id, f.quote) for f in article.facts if f.paragraph_id in paragraphs),
        key=lambda c: place(*c),
    )
    quotes = sorted(
        ((p.paragraph_id, p.quote) for p in article.prompts if p.paragraph_id in paragraphs),
        key=lambda c: place(*c),
    )
    for paragraph_id, quote in [*facts, *quotes]:
        paragraph = paragraphs[paragraph_id]
        text = sentence_around(paragraph.text, quote)
        if text and text not in summary:
            return Passage(
                clip(text, PASSAGE_MAX),
                paragraph.id,
                paragraph.ordinal,
                display_path(article.section(paragraph.section_id)),
            )
    return None


def lookup_example(article: Article, section: Section, fallback: str) -> str:
    """A glossary term of the session that is rare in the article: a good first `/excerpt` query,
    since it finds this passage rather than one of fifty (`日美同盟` is everywhere).
    """
    text = "".join(p.text for p in session_paragraphs(article, section))
    best: tuple[int, int, int, str] | None = None
    for entry in article.glossary:
        usable = len(entry.term) >= 2 and all(ch.isalnum() for ch in entry.term)
        position = text.find(entry.term) if usable else -1
        if position < 0:
            continue
        spread = sum(1 for p in article.paragraphs if entry.term in p.text)
        key = (int(entry.kind in _GENERIC_KINDS), spread, position, entry.term)
        if best is None or key < best:
            best = key
    if best is not None:
        return best[3]
    return clip(fallback, 12).rstrip(ELLIPSIS) or section.heading[:12]


def build_starter(article: Article, section_id: str) -> Starter:
    """Everything a starter message for `section_id` shows; KeyError for an unknown section."""
    section = article.section(section_id)
    paragraphs = session_paragraphs(article, section)
    own = article.paragraphs_of(section.id, recursive=True) or paragraphs
    headings = [section, *article.descendants(section.id)]
    summary = one_line([p.text for p in own], headings)
    passage = choose_passage(article, section, summary)
    ordinals = [p.ordinal for p in paragraphs if p.ordinal > 0]
    return Starter(
        article_slug=article.meta.slug,
        section_id=section.id,
        title=long_label(section),
        short=short_label(section),
        short_en=section.short_en,
        summary=summary,
        passage=passage,
        prompts=tuple(choose_prompts(article, section) or generic_prompts()),
        first_paragraph=min(ordinals) if ordinals else None,
        last_paragraph=max(ordinals) if ordinals else None,
        lookup_example=lookup_example(
            article, section, passage.text if passage else section.heading
        ),
        citation=article.meta.citation,
        source=f"{article.meta.author}《{article.meta.title}》",
    )
