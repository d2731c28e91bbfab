"""Small, hand-made articles for the quiz's unit tests: the real question bank changes as it is
written, and these tests must be able to name exactly which questions exist."""

from __future__ import annotations

from bot.content.model import Article, ArticleMeta, Paragraph, QuizQuestion, Section

META = ArticleMeta(
    slug="test-article",
    title="测试文章",
    subtitle="副标题",
    author="作者",
    journal="期刊",
    year=2021,
    issue=5,
    keywords=(),
    abstract="",
)

SECTIONS = (
    Section("s1", None, "一、第一部分", "一", "一", 1, 1),
    Section("s1-1", "s1", "（一）第一小节", "（一）", "一/(一)", 2, 2),
    Section("s2", None, "二、第二部分", "二", "二", 1, 3),
    Section("conclusion", None, "结语", "", "结语", 1, 4),
)

PARAGRAPHS = (
    Paragraph("p01", "s1", 1, "第一句话。日美同盟是基轴，这一点很重要。第三句话！"),
    Paragraph("p02", "s1-1", 2, "小节里的句子。另一个句子"),
    Paragraph("p03", "s2", 3, "第二部分的内容。"),
    Paragraph("p04", "conclusion", 4, "结语的内容。"),
)


def question(
    qid: str, section_id: str, paragraph_id: str, quote: str, answer: int = 0
) -> QuizQuestion:
    return QuizQuestion(
        id=qid,
        section_id=section_id,
        difficulty="easy",
        question_zh=f"问题{qid}？",
        question_en=f"Question {qid}?",
        options_zh=("甲", "乙", "丙", "丁"),
        options_en=("alpha", "beta", "gamma", "delta"),
        answer=answer,
        explanation_zh=f"解析{qid}",
        explanation_en=f"Explanation {qid}",
        quote=quote,
        paragraph_id=paragraph_id,
    )


def article(questions: tuple[QuizQuestion, ...] | None = None) -> Article:
    if questions is None:
        questions = (
            question("q1", "s1", "p01", "日美同盟是基轴", answer=1),
            question("q2", "s1-1", "p02", "小节里的句子", answer=2),
            question("q3", "s2", "p03", "第二部分", answer=3),
            question("q4", "s2", "p03", "的内容", answer=0),
            question("q5", "conclusion", "p04", "结语的内容", answer=1),
        )
    return Article(meta=META, sections=SECTIONS, paragraphs=PARAGRAPHS, questions=questions)
