"""``import-pdf`` on small Chinese PDFs typeset here with reportlab's built-in STSong-Light.

The little typesetter below prints what a journal page has: a title block, 内容提要 and 关键词
in small type, running headers (journal and short title on alternate pages) and page numbers,
headings, justified lines with a 2-em paragraph indent, superscript footnote markers and notes in
small type at the foot of the page (numbered from ① on each page). The expected draft comes
from the same source text, so the tests check that the import gives back exactly what was
printed, paragraph by paragraph and note by note.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from bot.cli import main as cli_main
from bot.content.article_format import parse_article_markdown
from bot.content.pdf_import import PdfImport, import_pdf, run_pdf_import_cli, superscript_marker

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 260.0, 330.0
LEFT = 40.0
BODY, LEADING = 10.5, 17.0
MEASURE = 16 * BODY
TOP = HEIGHT - 50  # baseline of a page's first body line
FOOT = 34.0  # baseline of the lowest note line
NOTE, NOTE_LEADING = 7.5, 10.0
SMALL, SMALL_LEADING = 9.0, 13.0  # 内容提要, 关键词, English abstract
MARK, RISE = 6.0, 4.0  # superscript size and raise
HEADER_Y, FOLIO_Y = HEIGHT - 28, 16.0
CLOSING = set("，。、；：？！”）》")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


# --------------------------------------------------------------------------- the source


@dataclass(frozen=True)
class Note:
    """A footnote: a marker in the text and its note at the foot of the page.

    ``marked=False`` prints the note but no marker; ``printed=False`` the marker but no note;
    ``carry`` moves the note's last characters to the foot of the next page.
    """

    text: str
    marked: bool = True
    printed: bool = True
    carry: int = 0
    sign: str = ""  # a title note: printed with this sign instead of a number


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 12.0
    centered: bool = True  # else set like a paragraph's first line (indented 2 em)


@dataclass(frozen=True)
class Para:
    parts: tuple[str | Note, ...]
    indent: bool = True


@dataclass(frozen=True)
class Small:
    """Lines in small type (the English abstract at the end)."""

    text: str


Block = Heading | Para | Small


@dataclass(frozen=True)
class Article:
    title: str
    subtitle: tuple[str | Note, ...]
    author: tuple[str | Note, ...]
    abstract: str
    keywords: tuple[str, ...]
    blocks: tuple[Block, ...]
    headers: tuple[str, str] = ("《东亚研究》2023年第2期", "东亚区域合作的制度变迁")
    digit_markers: bool = False  # superscript 1 2 3 instead of ① ② ③
    author_size: float = BODY


# --------------------------------------------------------------------------- the typesetter


@dataclass
class Token:
    text: str
    width: float
    note: Note | None = None


def _tokens(parts: tuple[str | Note, ...], size: float, digits: bool) -> list[Token]:
    """Characters, English words (unbreakable), spaces and note markers."""
    tokens: list[Token] = []
    for part in parts:
        if isinstance(part, Note):
            width = pdfmetrics.stringWidth("8" if digits else "①", FONT, MARK)
            shown = part.marked or bool(part.sign)
            tokens.append(Token("", width if shown else 0.0, part))
            continue
        for match in re.finditer(r"[A-Za-z0-9.,:;'’\"/\-_()?=&%]+|.", part):
            text = match.group(0)
            tokens.append(Token(text, pdfmetrics.stringWidth(text, FONT, size)))
    return tokens


def _break(tokens: list[Token], first: float, width: float) -> list[list[Token]]:
    """Greedy line breaks; a closing mark or a marker never opens a line (it takes a char along)."""
    lines: list[list[Token]] = []
    line: list[Token] = []
    used, avail = 0.0, first
    for token in tokens:
        if line and used + token.width > avail + 0.01 and token.text != " ":
            carried: list[Token] = []
            if token.note is not None or token.text in CLOSING:
                carried = [line.pop()]
            while line and line[-1].text == " ":
                line.pop()
            lines.append(line)
            line, avail = carried, width
            used = sum(t.width for t in line)
        if not line and token.text == " ":
            continue
        line.append(token)
        used += token.width
    lines.append(line)
    return lines


@dataclass
class Typesetter:
    article: Article
    path: Path
    page: int = 1
    y: float = TOP
    numbered: int = 0  # notes numbered on this page
    notes: list[tuple[str, str]] = field(default_factory=list)  # (label, text) at this foot
    carry: list[tuple[str, str]] = field(default_factory=list)
    crossings: list[int] = field(default_factory=list)  # paragraphs set over a page break
    paragraphs: int = 0
    labels: dict[int, str] = field(default_factory=dict)  # id(note) -> its number as printed

    def __post_init__(self) -> None:
        self.canvas = canvas.Canvas(str(self.path), pagesize=(WIDTH, HEIGHT))

    # --- pages ---------------------------------------------------------------------------

    def note_lines(self, notes: list[tuple[str, str]]) -> int:
        return sum(len(self.note_break(label, text)) for label, text in notes)

    def note_break(self, label: str, text: str) -> list[list[Token]]:
        lead = [Token(label, pdfmetrics.stringWidth(label, FONT, NOTE))] if label else []
        tokens = lead + _tokens((text,), NOTE, False)
        return _break(tokens, MEASURE, MEASURE)

    def bottom(self, extra: list[tuple[str, str]]) -> float:
        notes = self.notes + extra
        return FOOT + NOTE_LEADING * self.note_lines(notes) + 10 if notes else FOOT + 8

    def new_page(self) -> None:
        self.finish_page()
        self.canvas.showPage()
        self.page, self.y, self.numbered = self.page + 1, TOP, 0
        self.notes, self.carry = self.carry, []

    def finish_page(self) -> None:
        lines = [line for label, text in self.notes for line in self.note_break(label, text)]
        y = FOOT + NOTE_LEADING * (len(lines) - 1)
        if lines:
            self.canvas.line(LEFT, y + NOTE_LEADING, LEFT + 60, y + NOTE_LEADING)
        for index, line in enumerate(lines):
            last = index + 1 == len(lines) or self._note_starts(lines[index + 1])
            self.draw(LEFT, y, line, NOTE, justify=MEASURE if not last else None)
            y -= NOTE_LEADING
        if self.page > 1:
            self.centered(self.article.headers[self.page % 2], 8, HEADER_Y)
        self.centered(str(44 + self.page), 8, FOLIO_Y)

    @staticmethod
    def _note_starts(line: list[Token]) -> bool:
        return bool(line) and (line[0].text[:1] in CIRCLED + "*" or line[0].text.isdigit())

    def centered(self, text: str, size: float, y: float) -> None:
        width = pdfmetrics.stringWidth(text, FONT, size)
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(LEFT + (MEASURE - width) / 2, y, text)

    def draw(
        self, x: float, y: float, line: list[Token], size: float, justify: float | None = None
    ) -> None:
        """One line; markers raised and small; ``justify`` spreads it to that width."""
        text = self.canvas.beginText(x, y)
        glyphs = sum(len(t.text) if t.note is None else len(self.label(t.note)) for t in line)
        natural = sum(t.width for t in line)
        if justify and glyphs > 1:
            text.setCharSpace((justify - natural) / (glyphs - 1))
        for token in line:
            if token.note is None:
                text.setFont(FONT, size)
                text.textOut(token.text)
            elif token.width:
                text.setFont(FONT, MARK)
                text.setRise(RISE)
                text.textOut(self.label(token.note))
                text.setRise(0)
        self.canvas.drawText(text)

    def label(self, note: Note) -> str:
        return note.sign or self.labels.get(id(note), "")

    # --- blocks --------------------------------------------------------------------------

    def place_notes(self, line: list[Token]) -> list[tuple[str, str]]:
        """Number this line's markers on the current page; the notes they add to its foot."""
        added: list[tuple[str, str]] = []
        for token in line:
            note = token.note
            if note is None or note.sign:
                continue
            self.numbered += 1
            label = str(self.numbered) if self.article.digit_markers else CIRCLED[self.numbered - 1]
            self.labels[id(note)] = label
            if note.printed:
                text = note.text[: -note.carry] if note.carry else note.text
                added.append((label, " " + text))
                if note.carry:
                    self.carry.append(("", note.text[-note.carry :]))
        return added

    def front(self) -> None:
        article = self.article
        self.centered(article.title, 16, self.y)
        self.y -= 26
        for parts, size in ((article.subtitle, 12.0), (article.author, article.author_size)):
            if not parts:
                continue
            tokens = _tokens(parts, size, False)
            width = sum(t.width for t in tokens)
            self.draw(LEFT + (MEASURE - width) / 2, self.y, tokens, size)
            for token in tokens:
                if token.note is not None and token.note.sign:
                    self.notes.append((token.note.sign, " " + token.note.text))
            self.y -= size + 10
        if article.abstract:
            self.small("内容提要　" + article.abstract)
            self.small("关键词　" + "　".join(article.keywords))
        self.y -= 8

    def small(self, text: str) -> None:
        lines = _break(_tokens((text,), SMALL, False), MEASURE, MEASURE)
        for index, line in enumerate(lines):
            if self.y < self.bottom([]):
                self.new_page()
            last = index + 1 == len(lines)
            self.draw(LEFT, self.y, line, SMALL, justify=None if last else MEASURE)
            self.y -= SMALL_LEADING

    def heading(self, heading: Heading) -> None:
        indent = 0.0 if heading.centered else 2 * BODY
        lines = _break(_tokens((heading.text,), heading.size, False), MEASURE - indent, MEASURE)
        step = heading.size * 1.6
        if self.y - step * len(lines) < self.bottom([]) + LEADING:
            self.new_page()
        elif self.y != TOP:
            self.y -= 5
        for line in lines:
            width = sum(t.width for t in line)
            x = LEFT + (MEASURE - width) / 2 if heading.centered else LEFT + indent
            self.draw(x, self.y, line, heading.size)
            self.y -= step
        self.y -= 3

    def paragraph(self, para: Para) -> None:
        indent = 2 * BODY if para.indent else 0.0
        tokens = _tokens(para.parts, BODY, self.article.digit_markers)
        lines = _break(tokens, MEASURE - indent, MEASURE)
        pages = set()
        for index, line in enumerate(lines):
            extra = [(CIRCLED[0], " " + t.note.text) for t in line if t.note and t.note.printed]
            if self.y < self.bottom(extra):
                self.new_page()
            self.notes += self.place_notes(line)
            last = index + 1 == len(lines)
            x = LEFT + (indent if index == 0 else 0.0)
            self.draw(x, self.y, line, BODY, justify=None if last else LEFT + MEASURE - x)
            self.y -= LEADING
            pages.add(self.page)
        if len(pages) > 1:
            self.crossings.append(self.paragraphs)
        self.paragraphs += 1

    def build(self) -> Typesetter:
        self.front()
        for block in self.article.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Para):
                self.paragraph(block)
            else:
                self.small(block.text)
        self.finish_page()
        self.canvas.save()
        return self


# --------------------------------------------------------------------------- the articles

MAIN = Article(
    title="东亚区域合作的制度变迁",
    subtitle=("——以东盟与中日韩机制为例", Note("本文系东亚合作研究项目的阶段性成果。", sign="*")),
    author=("李明",),
    abstract="本文考察东亚区域合作从金融危机应对到自由贸易安排的制度变迁过程，认为危机驱动、"
    "东盟中心与大国协调共同塑造了合作的形态，并指出制度化程度提高的同时仍面临规则碎片化的挑战。",
    keywords=("东亚合作", "制度变迁", "东盟", "区域主义"),
    blocks=(
        Para(
            (
                "1997年亚洲金融危机之后，东亚各国开始认真思考区域合作的必要性。",
                Note("参见张华：《东亚金融合作的起源》，《世界经济》2005年第3期，第12页。"),
                "此前的合作多停留在对话层面，缺少具有约束力的安排。危机暴露了各国单独应对外部冲击的脆弱性。",
            )
        ),
        Para(("本文首先梳理合作机制的起点，然后分析其扩展路径，最后评估制度变迁的效果与局限。",)),
        Heading("一、制度变迁的起点"),
        Heading("（一）金融危机与合作的开端", size=BODY, centered=False),
        Para(
            (
                "危机爆发后，东盟邀请中日韩三国领导人举行会晤，形成了“10+3”对话框架。",
                Note(
                    "East Asia Vision Group, Towards an East Asian Community: Region of Peace, "
                    "Prosperity and Progress, 2001."
                ),
                "这一框架最初只是非正式的首脑会议，但很快发展出部长级会议和工作组。",
            )
        ),
        Para(
            (
                "2000年5月，“10+3”财长会议通过了《清迈倡议》，建立了双边货币互换网络。",
                Note(
                    "《清迈倡议》的文本见东盟秘书处网站，http://www.asean.org/cmi.html，2020-12-15."
                ),
                "这是东亚金融合作第一个具有实质内容的制度成果，也为后来的多边化奠定了基础。",
            )
        ),
        Heading("（二）东盟中心地位的确立", size=BODY, centered=False),
        Para(
            (
                "东盟在合作中扮演了召集者和议程设定者的角色。由于中日之间存在竞争，双方都不愿看到"
                "对方主导区域合作，东盟因此获得了超出其实力的影响力。这种安排被称为“小马拉大车”，"
                "它既保证了合作的包容性，也限制了合作的深度。东盟方式强调协商一致和不干涉内政，"
                "使各国能够在不损害主权的前提下参与合作。",
            )
        ),
        Heading("二、从清迈倡议到区域全面经济伙伴关系协定的制度扩展"),
        Para(("合作的扩展主要体现在两个方面。",)),
        Para(
            (
                "第一，制度化程度提高。清迈倡议在2010年实现多边化，外汇储备库的规模扩大到2400亿美元，",
                Note("数据来自东盟与中日韩宏观经济研究办公室的年度报告。"),
                "并设立了独立的监测机构。",
            )
        ),
        Para(
            (
                "第二，合作领域从金融扩展到贸易。2020年11月，十五国签署了区域全面经济伙伴关系协定"
                "（RCEP），覆盖全球约三分之一的人口和经济总量。",
            )
        ),
        Heading("结　　语"),
        Para(
            (
                "东亚区域合作的制度变迁表明，危机可以成为合作的催化剂，但持久的合作需要稳定的利益基础。",
                Note(
                    "Amitav Acharya, “Ideas, Identity, and Institution-Building: From the ‘ASEAN "
                    "Way’ to the ‘Asia-Pacific Way’?” The Pacific Review, Vol.10, No.3, 1997."
                ),
                "未来的合作仍将面临规则碎片化和大国竞争的挑战。",
            )
        ),
        Small("Institutional Change in East Asian Cooperation"),
        Small(
            "Abstract: This article traces how East Asian cooperation grew from crisis response "
            "into trade arrangements."
        ),
    ),
)

# Everything a reader of the layout cannot settle alone: no 内容提要/关键词, one running header
# (a two-page article), superscript digits for markers, a note printed without its marker, a
# marker without its note, a paragraph set without indent after a short line, a big unnumbered
# line, and a note running on at the foot of the next page.
ODD = Article(
    title="日本对东南亚的援助政策",
    subtitle=(),
    author=("王芳",),
    author_size=12.0,
    abstract="",
    keywords=(),
    headers=("《东亚研究》2023年第2期", "日本对东南亚的援助政策"),
    digit_markers=True,
    blocks=(
        Para(
            (
                "日本的政府开发援助始于1954年。",
                Note("外务省：《政府开发援助白皮书》，2019年，第3页。"),
                "此后援助规模不断扩大。",
            )
        ),
        Para(
            (
                "援助的重点逐渐从基础设施转向人才培养。",
                Note("这条注释在正文中没有标记。", marked=False),
                "这一转变反映了日本外交理念的变化。",
            )
        ),
        Para(
            (
                "有研究认为援助服务于日本的经济利益。",
                Note("", printed=False),
                "也有研究强调其战略意义。",
                Note(
                    "参见王芳：《日本对外援助的评估方法》，《国际观察》2020年第4期，第88页。",
                    carry=12,
                ),
            )
        ),
        Para(("这一段没有首行缩进，版面上看不出它是不是新的段落。",), indent=False),
        Heading("附论"),
        Para(("援助政策的评估需要长期的观察。",)),
        Para(("近年来日本更加重视援助与安全合作的结合，援助对象也从东南亚扩展到南太平洋岛国。",)),
    ),
)


# --------------------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Printed:
    pdf: Path
    typeset: Typesetter
    imported: PdfImport


@cache
def _printed(name: str, folder: Path) -> Printed:
    pdf = folder / f"{name}.pdf"
    typeset = Typesetter({"main": MAIN, "odd": ODD}[name], pdf).build()
    return Printed(pdf, typeset, import_pdf(pdf, f"test-{name}"))


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="module")
def main(pdf_dir: Path) -> Printed:
    return _printed("main", pdf_dir)


@pytest.fixture(scope="module")
def odd(pdf_dir: Path) -> Printed:
    return _printed("odd", pdf_dir)


_PARAGRAPH = re.compile(r"^\{#(\w+)\} (.*)$", re.M)
_HEADING = re.compile(r"^(#+) (.*) \{#([\w-]+)\}$", re.M)
_DEFINITION = re.compile(r"^\[\^(fn\d+)\]: (.*)$", re.M)


def paragraphs(markdown: str) -> dict[str, str]:
    return {pid: text for pid, text in _PARAGRAPH.findall(markdown) if pid != "abs"}


def definitions(markdown: str) -> dict[str, str]:
    return dict(_DEFINITION.findall(markdown))


def expected_text(article: Article) -> tuple[dict[str, str], dict[str, str]]:
    """The paragraphs and notes as printed, with the ids the draft must give them."""
    paras: dict[str, str] = {}
    notes: dict[str, str] = {}
    for block in article.blocks:
        if not isinstance(block, Para):
            continue
        out = []
        for part in block.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.printed:
                fn_id = f"fn{len(notes) + 1:02d}"
                notes[fn_id] = part.text
                out.append(f"[^{fn_id}]" if part.marked else "")
        paras[f"p{len(paras) + 1:02d}"] = "".join(out)
    return paras, notes


# --------------------------------------------------------------------------- the clean article


def test_the_typeset_article_has_what_the_tests_rely_on(main: Printed) -> None:
    assert main.typeset.page >= 5  # alternating running headers each recur
    assert main.typeset.crossings  # paragraphs run over page breaks …
    assert 0 in main.typeset.crossings  # … one with its page's notes in between


def test_every_paragraph_comes_back_as_printed(main: Printed) -> None:
    expected, _ = expected_text(MAIN)
    drafted = paragraphs(main.imported.markdown)
    assert list(drafted) == list(expected)
    for pid, text in expected.items():
        assert drafted[pid] == text, pid


def test_paragraphs_run_on_over_page_breaks(main: Printed) -> None:
    drafted = paragraphs(main.imported.markdown)
    expected, _ = expected_text(MAIN)
    for index in main.typeset.crossings:
        pid = f"p{index + 1:02d}"
        assert drafted[pid] == expected[pid]
    assert drafted["p01"] == (
        "1997年亚洲金融危机之后，东亚各国开始认真思考区域合作的必要性。[^fn01]此前的合作多停留在"
        "对话层面，缺少具有约束力的安排。危机暴露了各国单独应对外部冲击的脆弱性。"
    )


def test_every_note_comes_back_at_its_marker(main: Printed) -> None:
    _, expected = expected_text(MAIN)
    drafted = definitions(main.imported.markdown)
    assert drafted == expected  # English notes keep the spaces of their line breaks
    assert drafted["fn05"].endswith("The Pacific Review, Vol.10, No.3, 1997.")
    assert "http://www.asean.org/cmi.html，2020-12-15." in drafted["fn03"]  # URL kept whole


def test_headings_by_numbering_and_type(main: Printed) -> None:
    assert [(h, sid, len(level)) for level, h, sid in _HEADING.findall(main.imported.markdown)] == [
        ("内容提要", "abstract", 1),
        ("引言", "intro", 1),
        ("一、制度变迁的起点", "s1", 1),
        ("（一）金融危机与合作的开端", "s1-1", 2),  # body size, standing alone
        ("（二）东盟中心地位的确立", "s1-2", 2),
        ("二、从清迈倡议到区域全面经济伙伴关系协定的制度扩展", "s2", 1),  # set over two lines
        ("第一，制度化程度提高", "s2-p1", 2),
        ("第二，合作领域从金融扩展到贸易", "s2-p2", 2),
        ("结语", "conclusion", 1),
    ]


def test_front_matter_is_read(main: Printed) -> None:
    front = main.imported.markdown.split("---")[1]
    for line in [
        "slug: test-main",
        "title: 东亚区域合作的制度变迁",  # though the same words are an odd-page header
        "subtitle: 以东盟与中日韩机制为例",
        "author: 李明",
        "journal: 东亚研究",
        "year: 2023",
        "issue: 2",
        "keywords: [东亚合作, 制度变迁, 东盟, 区域主义]",  # 区|域主义 wraps in the print
        "source: source-extracted.txt",
    ]:
        assert line in front.splitlines()
    assert f"{{#abs}} {MAIN.abstract}" in main.imported.markdown


def test_nothing_else_leaks_into_the_text(main: Printed) -> None:
    body = main.imported.markdown.split("# 引言")[1].split("[^fn01]:")[0]
    for leaked in ["东亚研究》", "Abstract", "Institutional", "本文系", "∗", "*", "①", "45"]:
        assert leaked not in body, leaked


def test_the_report_says_what_was_removed_and_nothing_is_doubtful(main: Printed) -> None:
    report = main.imported.report
    assert "page numbers removed on pages 1–6" in report
    assert "running line '《东亚研究》2023年第2期' removed on pages 2, 4, 6" in report
    assert "running line '东亚区域合作的制度变迁' removed on pages 3, 5" in report
    assert any("title/author note left out" in line and "本文系" in line for line in report)
    assert any("关键词 run over the line end inside '区域主义'" in line for line in report)
    assert any("lines at the end left out (English abstract" in line for line in report)
    doubtful = ["not indented", "indented,", "neither flush", "runs on", "no note", "not a ①"]
    doubtful += ["could not be attached", "small type", "kept as a paragraph", "type inside"]
    assert [line for line in report if any(word in line for word in doubtful)] == []


def test_the_draft_is_valid_article_md(main: Printed) -> None:
    article = parse_article_markdown(main.imported.markdown, file="article.md")
    assert len(article.paragraphs) == len(expected_text(MAIN)[0]) + 1  # + the abstract
    assert [f.paragraph_id for f in article.footnotes] == ["p01", "p03", "p04", "p07", "p09"]


def test_the_text_layer_is_what_the_report_cites(main: Printed) -> None:
    layer = main.imported.text_layer.split("\n")
    assert layer[0] == "东亚区域合作的制度变迁"
    assert layer.count("\f") == main.typeset.page - 1  # one form feed between pages
    line = next(item for item in main.imported.report if "关键词 run over" in item)
    number = int(re.match(r"L(\d+)", line).group(1))  # type: ignore[union-attr]
    assert layer[number - 1].startswith("关键词")


# --------------------------------------------------------------------------- doubtful layouts


def test_the_report_names_what_the_layout_could_not_settle(odd: Printed) -> None:
    report = "\n".join(odd.imported.report)
    for expected in [
        "no 内容提要/关键词 found",
        "running line '《东亚研究》2023年第2期' removed on pages 2",  # printed once: by its shape
        "unmarked note text at the foot of the page continues the note at",
        "not indented, though",
        "ends a sentence short of the margin: kept as continuation",
        "set like a heading (12 pt) but not numbered: kept as a paragraph of its own: 附论",
        "marker ③ has no note at the foot of page 1: dropped",
        "footnote fn02 could not be attached",
        "front matter: subtitle could not be derived",
    ]:
        assert expected in report, expected


def test_doubtful_layouts_give_this_draft(odd: Printed) -> None:
    markdown = odd.imported.markdown
    assert paragraphs(markdown) == {
        "p01": "日本的政府开发援助始于1954年。[^fn01]此后援助规模不断扩大。",
        "p02": "援助的重点逐渐从基础设施转向人才培养。这一转变反映了日本外交理念的变化。",
        # the unindented paragraph stays with the one before it (and is reported)
        "p03": "有研究认为援助服务于日本的经济利益。也有研究强调其战略意义。[^fn03]"
        "这一段没有首行缩进，版面上看不出它是不是新的段落。",
        "p04": "附论",
        "p05": "援助政策的评估需要长期的观察。",
        "p06": "近年来日本更加重视援助与安全合作的结合，援助对象也从东南亚扩展到南太平洋岛国。",
    }
    assert definitions(markdown) == {
        "fn01": "外务省：《政府开发援助白皮书》，2019年，第3页。",  # superscript 1 read as ①
        "fn02": "这条注释在正文中没有标记。",  # printed without a marker: kept, unplaced
        "fn03": "参见王芳：《日本对外援助的评估方法》，《国际观察》2020年第4期，第88页。",
    }
    front = markdown.split("---")[1].splitlines()
    assert "title: 日本对东南亚的援助政策" in front
    assert "author: 王芳" in front
    assert "keywords: [TODO]" in front


def test_superscripts_read_as_markers() -> None:
    assert superscript_marker("3") == "③"
    assert superscript_marker("[2]") == "②"
    assert superscript_marker("１０") == "⑩"
    assert superscript_marker("①") == "①"
    assert superscript_marker("*") == "∗"
    assert superscript_marker("11") is None  # cleaning knows ①–⑩ only
    assert superscript_marker("a") is None


# --------------------------------------------------------------------------- the command


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "content", "import-pdf", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )


def test_cli_writes_the_draft_and_the_text_layer(main: Printed, tmp_path: Path) -> None:
    run = _cli(main.pdf, "--slug", "test-main", "--content-dir", tmp_path)
    assert run.returncode == 0, run.stderr
    folder = tmp_path / "articles" / "test-main"
    assert (folder / "article.md").read_text(encoding="utf-8") == main.imported.markdown
    assert (folder / "source-extracted.txt").read_text(encoding="utf-8") == (
        main.imported.text_layer
    )
    assert run.stdout.startswith(f"wrote {folder / 'article.md'} (")
    assert "- page numbers removed on pages 1–6" in run.stdout.splitlines()

    argv = ["content", "import-pdf", str(main.pdf), "--slug", "test-main"]
    argv += ["--content-dir", str(tmp_path)]
    (folder / "article.md").write_text("hand edits", encoding="utf-8")
    assert cli_main(argv) == 1  # a hand-finished article.md is not overwritten …
    assert (folder / "article.md").read_text(encoding="utf-8") == "hand edits"
    assert cli_main([*argv, "--force"]) == 0  # … unless asked
    assert (folder / "article.md").read_text(encoding="utf-8") == main.imported.markdown


def test_cli_refuses_what_it_cannot_read_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("这不是PDF文件", encoding="utf-8")
    blank = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(blank), pagesize=(WIDTH, HEIGHT))
    page.rect(40, 40, 100, 100)  # an image-only page: no characters
    page.save()
    cases = {
        tmp_path / "missing.pdf": "no such file",
        not_pdf: "is not a readable PDF",
        blank: "has no text layer",
        tmp_path: "no such file",  # a folder
    }
    content = tmp_path / "content"
    for path, message in cases.items():
        argv = [
            "content",
            "import-pdf",
            str(path),
            "--slug",
            "test-x",
            "--content-dir",
            str(content),
        ]
        assert cli_main(argv) == 1, path
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err, err
        assert len(err.strip().splitlines()) == 1, err  # one line, no traceback
        assert not content.exists()


def test_cli_refuses_a_bad_slug(main: Printed, tmp_path: Path) -> None:
    assert run_pdf_import_cli(main.pdf, "Not A Slug", tmp_path) == 1
    assert not any(tmp_path.iterdir())
