"""The article as data: plain, frozen dataclasses shared by loading, search, quiz and discussions.

Nothing here knows about Discord, SQLite or files, so every layer can build and compare these
values directly (tests included).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Footnote:
    """A surviving footnote text, attached to a paragraph where its marker could be recovered."""

    id: str  # unique within the article, e.g. "fn03"
    text: str
    paragraph_id: str | None = (
        None  # None when the marker was lost and it cannot be tied to a place
    )
    line: int = 0  # line of the definition in article.md, for error messages


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str  # stable, unique within the article, e.g. "p07"
    section_id: str
    ordinal: int  # 1-based position among the article's body paragraphs, in reading order
    text: str  # cleaned display text, the article's own words; footnote markers removed
    footnote_ids: tuple[str, ...] = ()
    line: int = 0  # line in the content file it came from, for error messages


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # stable, e.g. "s2-p3"
    parent_id: str | None
    heading: (
        str  # as printed, cleaned: "一、日本国家战略中的日美同盟定位", "第三，在外交上，…", "结语"
    )
    label: str  # the numbering as printed: "一", "（二）", "第三"; "" for unnumbered sections
    path: str  # number path for humans and scripts: "二/第三", "三/(一)/第二", "引言", "结语"
    depth: int  # 1 for top-level sections
    ordinal: int  # 1-based position in reading order among all sections
    line: int = 0
    # sections.yaml (optional): what readers call it, and the heading in English
    short_zh: str = ""
    short_en: str = ""
    heading_en: str = ""


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    slug: str
    title: str
    subtitle: str
    author: str
    journal: str
    year: int
    issue: int  # 期
    keywords: tuple[str, ...]
    abstract: str
    title_en: str = ""
    journal_en: str = ""
    author_en: str = ""
    current: bool = False  # front matter `current: true`: the article servers start on

    @property
    def full_title(self) -> str:
        return f"{self.title}——{self.subtitle}" if self.subtitle else self.title

    @property
    def citation(self) -> str:
        """Chinese citation style used in footers: 朱海燕，《…》，《国际政治研究》2021年第5期."""
        return (
            f"{self.author}，《{self.full_title}》，《{self.journal}》{self.year}年第{self.issue}期"
        )


@dataclass(frozen=True, slots=True)
class KeyFact:
    id: str
    section_id: str
    statement_zh: str
    statement_en: str
    quote: str  # exact span of the cited paragraph's cleaned text
    paragraph_id: str  # resolved by the loader: the paragraph that contains `quote`
    line: int = 0


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    id: str
    term: str  # the Chinese form used in the article
    english: str
    kind: str  # person | place | organization | agreement | document | weapon | concept | event
    aliases: tuple[str, ...] = ()  # English, Japanese, abbreviations, other Chinese forms
    japanese: str = ""
    note: str = ""
    line: int = 0

    @property
    def all_names(self) -> tuple[str, ...]:
        names = [self.term, self.english, *self.aliases]
        if self.japanese:
            names.append(self.japanese)
        return tuple(n for n in names if n)


@dataclass(frozen=True, slots=True)
class QuizQuestion:
    id: str
    section_id: str
    difficulty: str  # easy | medium | hard
    question_zh: str
    question_en: str
    options_zh: tuple[str, str, str, str]
    options_en: tuple[str, str, str, str]
    answer: int  # 0-3, index of the correct option
    explanation_zh: str
    explanation_en: str
    quote: str
    paragraph_id: str  # resolved by the loader
    line: int = 0

    @property
    def answer_letter(self) -> str:
        return "ABCD"[self.answer]


@dataclass(frozen=True, slots=True)
class DiscussionPrompt:
    id: str
    section_id: str
    prompt_zh: str
    prompt_en: str
    quote: str
    paragraph_id: str  # resolved by the loader
    line: int = 0


@dataclass(frozen=True, slots=True)
class ParagraphDescription:
    """Authored, reviewed words for one paragraph's ideas, so lookup can find it by meaning.

    Search indexes these below the paragraph's own text; they are never shown as the article's
    words (readers always see the paragraph itself).
    """

    paragraph_id: str
    summary_zh: str
    summary_en: str
    terms_zh: tuple[str, ...] = ()
    terms_en: tuple[str, ...] = ()
    questions_zh: tuple[str, ...] = ()
    questions_en: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Article:
    meta: ArticleMeta
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...] = ()
    facts: tuple[KeyFact, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    questions: tuple[QuizQuestion, ...] = ()
    prompts: tuple[DiscussionPrompt, ...] = ()
    descriptions: tuple[ParagraphDescription, ...] = ()
    _by_id: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def paragraph(self, paragraph_id: str) -> Paragraph:
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        raise KeyError(paragraph_id)

    def paragraphs_of(self, section_id: str, *, recursive: bool = False) -> list[Paragraph]:
        ids = {section_id}
        if recursive:
            ids |= {s.id for s in self.descendants(section_id)}
        return [p for p in self.paragraphs if p.section_id in ids]

    def children(self, section_id: str | None) -> list[Section]:
        return [s for s in self.sections if s.parent_id == section_id]

    def descendants(self, section_id: str) -> list[Section]:
        found: list[Section] = []
        for child in self.children(section_id):
            found.append(child)
            found.extend(self.descendants(child.id))
        return found
