"""A small hand-made article for the search unit tests (no content files involved)."""

from __future__ import annotations

import pytest

from bot.content.model import Article, ArticleMeta, GlossaryEntry, Paragraph, Section
from bot.search import SearchEngine

SLUG = "mini-search"

LONG_SENTENCE = (
    "日本海空自卫队现有的武器装备，"
    + "如战斗机、运输机和预警机，" * 25
    + "早已实现大型化和远程化，"
    "并且在这一过程中形成了一支战略性武装力量，这是需要持续关注的长周期变化趋势。"
)

PARAGRAPHS = [
    (
        "abs",
        "abstract",
        "本文讨论日美同盟。政治上，以首脑关系引领同盟发展。"
        "日本与美国的战略捆绑使日本在安全上进一步疏离邻国。",
    ),
    (
        "p01",
        "intro",
        "2012年底，安倍晋三再次就任日本首相后，明确提出修改宪法。"
        "安倍在其连续执政期间，与美国总统举行双边会谈共66次。",
    ),
    ("p02", "s1", "日美同盟是日本外交与安全相关政策的基轴。占领期间形成的“占领根性”影响深远。"),
    (
        "p03",
        "s1-1",
        "特朗普接任美国总统后，安倍投其所好。为迎合特朗普的爱好，安倍积极练习高尔夫球，"
        "多次上演“高尔夫外交”。日本安排特朗普成为第一位观看日本相扑比赛的美国总统。",
    ),
    (
        "p04",
        "s1-1",
        "2018年底，日本加购F-35战机至147架，成为仅次于美国的F-35战机第二大用户。"
        "日本自卫队参演兵力3.7万人。",
    ),
    (
        "p05",
        "s2",
        "日本积极参加《跨太平洋伙伴关系协定》（Trans-Pacific Partnership Agreement, TPP）谈判。"
        "在经济问题日趋安全化的背景下，日美同盟的经济化发展趋向也是值得深度探讨的同盟生长点。",
    ),
    (
        "p06",
        "s2-p1",
        "第一，在地区层面，日本绑定美国的战略选择，使其在安全上进一步疏离亚洲邻国。"
        "拜登即牵头将美日印澳四方安全对话升级为首脑级别。",
    ),
    ("p07", "s2-p1", LONG_SENTENCE),
    ("p08", "conclusion", "日美同盟仍将是日本的政策选择。寿司私人宴拉近了两国首脑的个人关系。"),
]

SECTIONS = [
    ("abstract", None, "内容提要", "", "内容提要", 1),
    ("intro", None, "引言", "", "引言", 1),
    ("s1", None, "一、日本国家战略中的日美同盟定位", "一", "一", 1),
    ("s1-1", "s1", "（一）日美同盟是日本外交与安全相关政策的基轴", "（一）", "一/(一)", 2),
    ("s2", None, "二、日本利用日美同盟的政策手段", "二", "二", 1),
    ("s2-p1", "s2", "第一，在地区层面，日本与美国进行战略捆绑", "第一", "二/第一", 2),
    ("conclusion", None, "结语", "", "结语", 1),
]

GLOSSARY = [
    GlossaryEntry("abe-shinzo", "安倍晋三", "Abe Shinzo", "person", ("Shinzo Abe", "Abe", "安倍")),
    GlossaryEntry("donald-trump", "特朗普", "Donald Trump", "person", ("Trump", "川普")),
    GlossaryEntry(
        "golf-diplomacy",
        "高尔夫外交",
        "golf diplomacy",
        "concept",
        ("golf", "Abe Trump golf", "高尔夫球", "高尔夫"),
    ),
    GlossaryEntry(
        "tpp",
        "跨太平洋伙伴关系协定",
        "Trans-Pacific Partnership",
        "agreement",
        ("TPP", "Trans-Pacific Partnership Agreement"),
    ),
    GlossaryEntry(
        "quad",
        "四方安全对话",
        "Quad",
        "concept",
        ("Quadrilateral Security Dialogue", "Quad summit", "美日印澳四方安全对话"),
    ),
    GlossaryEntry("f-35", "F-35", "F-35 Lightning II", "weapon", ("F35", "F-35战机")),
    GlossaryEntry("indo-pacific", "印太", "Indo-Pacific", "place", ("Indo Pacific", "印太地区")),
    GlossaryEntry(
        "indo-pacific-strategy", "印太战略", "Indo-Pacific strategy", "concept", ("“印太”战略",)
    ),
]


def make_article(slug: str = SLUG) -> Article:
    meta = ArticleMeta(
        slug=slug,
        title="日本国家战略视域中的日美同盟",
        subtitle="测试",
        author="作者",
        journal="测试期刊",
        year=2021,
        issue=5,
        keywords=("日本",),
        abstract=PARAGRAPHS[0][2],
    )
    sections = tuple(
        Section(sid, parent, heading, label, path, depth, ordinal)
        for ordinal, (sid, parent, heading, label, path, depth) in enumerate(SECTIONS, 1)
    )
    paragraphs = tuple(
        Paragraph(pid, sid, ordinal, text) for ordinal, (pid, sid, text) in enumerate(PARAGRAPHS)
    )
    return Article(meta, sections, paragraphs, glossary=tuple(GLOSSARY))


@pytest.fixture(scope="session")
def article() -> Article:
    return make_article()


@pytest.fixture(scope="session")
def engine(article: Article) -> SearchEngine:
    return SearchEngine.build([article])


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.paragraph_id for hit in hits]
