"""A hand-built article with the real one's shapes, for the discussion domain's unit tests:
an abstract, an unnumbered intro, a part with a lead and （一）（二）, a part of 第一/第二 points
without a lead, a part whose （一） holds only points and which ends with a closing remark, and a
conclusion.
"""

from __future__ import annotations

from bot.content.model import (
    Article,
    ArticleMeta,
    DiscussionPrompt,
    GlossaryEntry,
    KeyFact,
    Paragraph,
    Section,
)

# (id, parent, heading, label, path, depth)
SECTIONS = [
    ("abstract", None, "内容提要", "", "内容提要", 1),
    ("intro", None, "引言", "", "引言", 1),
    ("s1", None, "一、同盟定位", "一", "一", 1),
    ("s1-1", "s1", "（一）同盟是基轴", "（一）", "一/(一)", 2),
    ("s1-2", "s1", "（二）同盟是公共产品", "（二）", "一/(二)", 2),
    ("s2", None, "二、政策手段", "二", "二", 1),
    ("s2-p1", "s2", "第一，战略捆绑", "第一", "二/第一", 2),
    ("s2-p2", "s2", "第二，首脑外交", "第二", "二/第二", 2),
    ("s3", None, "三、效果评估", "三", "三", 1),
    ("s3-1", "s3", "（一）政策收益", "（一）", "三/(一)", 2),
    ("s3-1-p1", "s3-1", "第一，政治增益", "第一", "三/(一)/第一", 3),
    ("s3-1-p2", "s3-1", "第二，外交空间扩容", "第二", "三/(一)/第二", 3),
    ("conclusion", None, "结语", "", "结语", 1),
]

# (id, section, text); ordinals follow list order, the abstract is 0
PARAGRAPHS = [
    ("abs", "abstract", "这是摘要。"),
    (
        "p01",
        "intro",
        "2012年底，安倍晋三再次就任日本首相。日本由此调整国家战略。这一调整影响深远，值得细读。",
    ),
    ("p02", "s1", "本部分讨论日美同盟的三重定位。"),
    (
        "p03",
        "s1-1",
        "日美同盟是日本外交与安全相关政策的基轴，"
        + "这一定位贯穿战后日本外交的各个阶段，" * 6
        + "从未改变。安倍多次强调这一点。",
    ),
    ("p04", "s1-1", "基轴的说法多次出现在官方文件中。"),
    ("p05", "s1-2", "日本将同盟视为地区公共产品。"),
    ("p06", "s2-p1", "日本与美国进行战略捆绑。印太战略是其核心。"),
    ("p07", "s2-p2", "首脑个人关系是同盟的润滑剂。"),
    ("p08", "s3", "本部分评估效果。"),
    ("p09", "s3-1-p1", "政治增益明显。"),
    ("p10", "s3-1-p2", "外交空间扩容。"),
    ("p10r", "s3", "综上，收益与代价并存。"),  # resumed after the points: a closing remark
    ("p11", "conclusion", "同盟仍然重要。"),
]

FACTS = [
    ("f1", "s1-1", "p03", "安倍多次强调这一点"),
    ("f2", "s2-p1", "p06", "印太战略是其核心"),
]

PROMPT_COUNTS = {
    "intro": 3,
    "s1": 2,
    "s1-1": 3,
    "s1-2": 1,
    "s2-p1": 2,
    "s3-1": 1,
    "s3-1-p1": 2,
    "s3-1-p2": 2,
}


def sample_article(slug: str = "sample") -> Article:
    sections = tuple(
        Section(id=i, parent_id=p, heading=h, label=lab, path=path, depth=d, ordinal=n)
        for n, (i, p, h, lab, path, d) in enumerate(SECTIONS, start=1)
    )
    paragraphs = tuple(
        Paragraph(id=i, section_id=s, ordinal=n, text=text)
        for n, (i, s, text) in enumerate(PARAGRAPHS)
    )
    first_paragraph = {}
    for paragraph in paragraphs:
        first_paragraph.setdefault(paragraph.section_id, paragraph)
    prompts = []
    for section_id, count in PROMPT_COUNTS.items():
        # s3-1 has no paragraph of its own: its prompts quote its first point
        paragraph = first_paragraph.get(section_id) or first_paragraph["s3-1-p1"]
        for k in range(1, count + 1):
            prompts.append(
                DiscussionPrompt(
                    id=f"{section_id}#{k}",
                    section_id=section_id,
                    prompt_zh=f"{section_id} 问题{k}？",
                    prompt_en=f"{section_id} question {k}?",
                    quote=paragraph.text[:4],
                    paragraph_id=paragraph.id,
                )
            )
    facts = tuple(
        KeyFact(id=i, section_id=s, statement_zh=q, statement_en=q, quote=q, paragraph_id=p)
        for i, s, p, q in FACTS
    )
    glossary = (
        GlossaryEntry(id="japan", term="日本", english="Japan", kind="place"),
        GlossaryEntry(id="abe", term="安倍晋三", english="Abe Shinzo", kind="person"),
        GlossaryEntry(id="ips", term="印太战略", english="Indo-Pacific strategy", kind="concept"),
    )
    meta = ArticleMeta(
        slug=slug,
        title="小文章",
        subtitle="副标题",
        author="作者甲",
        journal="测试期刊",
        year=2021,
        issue=5,
        keywords=("日本",),
        abstract="这是摘要。",
    )
    return Article(
        meta=meta,
        sections=sections,
        paragraphs=paragraphs,
        facts=facts,
        glossary=glossary,
        prompts=tuple(prompts),
    )
