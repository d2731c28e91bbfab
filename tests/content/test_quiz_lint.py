"""The quiz lint: hand-built banks that trip each rule (naming the failing ids), one that passes,
and the real question bank, which must pass every rule under the lint's measure and the review's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.cli import main
from bot.content.articles_folder import load_library
from bot.content.model import Article, KeyFact, QuizQuestion
from bot.content.quiz_lint import (
    MAX_KEY_LONGEST,
    MIN_KEY_SHORTEST,
    absolute_stats,
    absolute_words,
    author_attributed,
    check_absolute_cue,
    check_attribution,
    check_identical_options,
    check_length_cue,
    check_stem_repeats,
    fact_items,
    length_stats,
    lint_facts,
    lint_quiz,
    option_length,
    raw_length,
    stem_repeat,
)
from bot.settings import DEFAULT_CONTENT_DIR

FILE = "quiz.yaml"
REAL_SLUG = "zhu-2021-japan-us-alliance"

# Four option lengths; the key's rank among them is what the length rule looks at.
ZH_WORDS = ("同盟", "同盟基轴", "日美同盟基轴", "日美同盟的战略基轴")  # 2, 4, 6, 9 characters
EN_WORDS = ("axis", "the axis", "the alliance axis", "the axis of the alliance")
RANKS = {"L": 3, "S": 0, "M": 1, "N": 2}  # longest, shortest, two middles


def question(
    qid: str,
    *,
    answer: int = 0,
    zh_rank: str = "M",
    en_rank: str = "M",
    zh_options: tuple[str, str, str, str] | None = None,
    en_options: tuple[str, str, str, str] | None = None,
    stem_zh: str = "哪一项正确？",
    stem_en: str = "Which is right?",
    explanation_zh: str = "作者写道如此。",
    explanation_en: str = "The author writes so.",
) -> QuizQuestion:
    """A question whose key has the given length rank (L, S, M, N) in each language."""
    return QuizQuestion(
        id=qid,
        section_id="s1",
        difficulty="easy",
        question_zh=stem_zh,
        question_en=stem_en,
        options_zh=zh_options or _ranked(ZH_WORDS, answer, zh_rank),
        options_en=en_options or _ranked(EN_WORDS, answer, en_rank),
        answer=answer,
        explanation_zh=explanation_zh,
        explanation_en=explanation_en,
        quote="基轴",
        paragraph_id="p01",
    )


def _ranked(words: tuple[str, ...], answer: int, rank: str) -> tuple[str, str, str, str]:
    """Put the word of the wanted rank at the key's position, the others around it."""
    key = words[RANKS[rank]]
    rest = [w for w in words if w != key]
    options = rest[:answer] + [key] + rest[answer:]
    return (options[0], options[1], options[2], options[3])


def bank(pattern: str, *, en_pattern: str | None = None) -> list[QuizQuestion]:
    """One question per letter of `pattern` (its key's length rank), answers cycling A-D."""
    en_pattern = en_pattern or pattern
    return [
        question(f"q{i + 1:03d}", answer=i % 4, zh_rank=zh, en_rank=en)
        for i, (zh, en) in enumerate(zip(pattern, en_pattern, strict=True))
    ]


BALANCED = "LSMN" * 5  # 20 questions: key longest 25%, shortest 25%


def ids_in(problem_message: str) -> list[str]:
    return [part.strip() for part in problem_message.split(":")[-1].split(",")]


# --- measures ----------------------------------------------------------------------------------


def test_length_ignores_punctuation_in_chinese_and_counts_letters_in_english() -> None:
    assert option_length("“漂流”状态。", "zh") == 4
    assert raw_length("“漂流”状态。", "zh") == 7
    assert option_length("The 'Indo-Pacific'", "en") == 14
    assert option_length("3–4 times a year", "en") == 12


def test_absolute_words_skip_hedges_and_negations() -> None:
    assert absolute_words("日美同盟完全恢复，所有问题都解决了", "zh") == ["完全", "所有"]
    assert absolute_words("并未完全达成其战略初衷", "zh") == []  # negated: a hedge
    assert absolute_words("一定程度上动摇了信任，形成一定的威慑力", "zh") == []
    assert absolute_words("仅次于美国的第二大用户，不仅仅是他", "zh") == []
    assert absolute_words("只要首脑之间坦诚对话", "zh") == []
    assert absolute_words("只有与美国利益协调时才收效最佳", "zh") == ["只"]
    assert absolute_words("It can defend itself alone and never asks anyone", "en") == [
        "alone",
        "never",
    ]
    assert absolute_words("not only Japan, and not fully", "en") == []


def test_author_attribution_needs_more_than_a_bare_section_word() -> None:
    assert author_attributed("The conclusion says Japan traded bases for security.", "en")
    assert author_attributed("In Part 2's closing paragraph the gain is the SDF.", "en")
    assert not author_attributed(
        "Japan led the conclusion and entry into force of the CPTPP.", "en"
    )
    assert author_attributed("结语写道，日本以提供基地换取安全保障。", "zh")


# --- the length cue ----------------------------------------------------------------------------


def test_balanced_bank_passes_every_rule() -> None:
    assert lint_quiz(bank(BALANCED), FILE) == []


def test_key_too_often_longest_names_the_questions() -> None:
    # zh: the key is longest in 10 of 20 (50%); en stays balanced.
    questions = bank("LLSM" * 5, en_pattern=BALANCED)
    problems = check_length_cue(questions, FILE)
    assert len(problems) == 1
    message = problems[0].message
    assert message.startswith("quiz (zh): the key is the longest option in 10 of 20 questions (50%")
    expected = [q.id for i, q in enumerate(questions) if i % 4 in (0, 1)]
    assert ids_in(message) == expected


def test_key_too_rarely_shortest_is_flagged() -> None:
    # en: the key is never the shortest; zh stays balanced.
    questions = bank(BALANCED, en_pattern="LMNM" * 5)
    problems = check_length_cue(questions, FILE)
    assert [p.message.split(":")[0] for p in problems] == ["quiz (en)"]
    assert "the key is the shortest option in only 0 of 20 questions (0%" in problems[0].message


def test_ties_count_as_longest_for_every_tied_option() -> None:
    same = ("日本", "美国", "中国", "韩国")
    questions = [_replace(q, options_zh=same) for q in bank(BALANCED)]  # en stays balanced
    stats = length_stats(questions, "zh")
    assert stats.longest_share == 1.0 and stats.shortest_share == 1.0
    assert stats.chance_longest == 20.0  # four tied options: every position is "longest"
    assert [p.message.split(" ")[1] for p in check_length_cue(questions, FILE)] == ["(zh):"]


def test_share_rules_wait_for_a_bank_large_enough_to_measure() -> None:
    assert check_length_cue(bank("LLLL" * 4), FILE) == []  # 16 questions
    assert check_length_cue(bank("LLLL" * 5), FILE) != []  # 20 questions


# --- the absolute-word cue ---------------------------------------------------------------------


def test_absolute_words_only_in_distractors_name_the_questions() -> None:
    questions = bank(BALANCED)
    flagged = {2, 5, 8, 11, 14, 17}
    for i in flagged:
        q = questions[i]
        options = list(q.options_zh)
        wrong = (q.answer + 1) % 4
        options[wrong] = "完全" + options[wrong]
        questions[i] = _replace(q, options_zh=tuple(options))
    stats = absolute_stats(questions, "zh")
    assert (len(stats.keys_with), stats.distractors_with) == (0, 6)
    assert round(stats.gap, 1) == -10.0  # 0% of keys vs 6/60 distractors: exactly at the limit
    assert check_absolute_cue(questions, FILE) == []
    q = questions[0]  # one more pushes it past 10 points
    options = list(q.options_zh)
    options[1] = "所有" + options[1]
    questions[0] = _replace(q, options_zh=tuple(options))
    (problem,) = check_absolute_cue(questions, FILE)
    assert problem.message.startswith("quiz (zh): absolute words are in 0% of keys but 12%")
    assert ids_in(problem.message) == sorted(questions[i].id for i in flagged | {0})


def test_absolute_words_in_keys_are_a_cue_too() -> None:
    questions = [
        _replace(q, options_en=_with_key(q, "only " + q.options_en[q.answer])) if i % 2 else q
        for i, q in enumerate(bank(BALANCED))
    ]
    (problem,) = check_absolute_cue(questions, FILE)
    assert problem.message.startswith("quiz (en): absolute words are in 50% of keys but 0%")
    assert ids_in(problem.message) == [q.id for i, q in enumerate(questions) if i % 2]


# --- per-question rules ------------------------------------------------------------------------


def test_option_repeating_the_stem_is_flagged() -> None:
    assert stem_repeat("把同盟视为基轴", "日本为何把同盟视为基轴？", "zh")
    assert not stem_repeat("印太", "作者为何提到日本的周边？", "zh")
    assert stem_repeat(
        "the alliance as its axis", "Why does Japan treat the alliance as its axis?", "en"
    )
    assert not stem_repeat("18 years", "The first US president in how many years?", "en")
    q = question(
        "q007",
        answer=1,
        stem_zh="日本为何把同盟视为外交基轴？",
        zh_options=("安全依赖", "把同盟视为外交基轴", "经济利益", "历史传统"),
    )
    found = [(p.line, p.message) for p in check_stem_repeats([q], FILE)]
    assert found == [(0, "question q007 (zh): option B repeats the stem's wording")]


def test_options_identical_apart_from_case_and_punctuation_are_flagged() -> None:
    q = question("q017", en_options=("'Drift'", "Hovering", "drift.", "Derailment"))
    found = [p.message for p in check_identical_options([q], FILE)]
    assert found == [
        "question q017 (en): options A and C are the same apart from case, spacing or punctuation"
    ]
    exact = question("q018", en_options=("Drift", "Drift", "Hovering", "Derailment"))
    assert check_identical_options([exact], FILE) == []  # validate.check_quiz reports these


# --- attribution -------------------------------------------------------------------------------


def test_english_explanation_dropping_the_authors_attribution_is_flagged() -> None:
    questions = [
        question(
            "q025",
            explanation_zh="作者指出，安倍以价值观为纽带。",
            explanation_en="Abe used values.",
        ),
        question(
            "q026",
            explanation_zh="作者指出，安倍以价值观为纽带。",
            explanation_en="The author says so.",
        ),
        question(
            "q027", explanation_zh="安倍认为同盟出现裂痕。", explanation_en="The alliance cracked."
        ),
        question(
            "q028",
            explanation_zh="安倍认为同盟出现裂痕。",
            explanation_en="Abe believed it cracked.",
        ),
        question(
            "q029", explanation_zh="同盟出现裂痕。", explanation_en="The author argues it cracked."
        ),
    ]
    found = [p.message.split(":")[0] for p in lint_quiz(questions, FILE)]
    assert found == [
        "question q025 explanation",
        "question q027 explanation",
        "question q029 explanation",
    ]


def test_facts_keep_attribution_in_both_languages() -> None:
    facts = [
        KeyFact(
            "f41",
            "s1",
            "作者认为日本成功诱导美国作出承诺。",
            "Japan got the US to commit.",
            "基轴",
            "p01",
        ),
        KeyFact(
            "f42",
            "s1",
            "作者认为日本成功诱导美国作出承诺。",
            "The author argues Japan induced it.",
            "基轴",
            "p01",
        ),
        KeyFact("f43", "s1", "1952年和约生效。", "The treaty took effect in 1952.", "基轴", "p01"),
    ]
    assert [p.message.split(":")[0] for p in lint_facts(facts, "facts.yaml")] == ["fact f41"]
    assert len(check_attribution(fact_items(facts), "facts.yaml")) == 1


# --- the real bank -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_article() -> Article:
    library = load_library(DEFAULT_CONTENT_DIR)
    return library.article(REAL_SLUG)


def test_real_bank_passes_the_lint(real_article: Article) -> None:
    assert lint_quiz(real_article.questions, FILE) == []
    assert lint_facts(real_article.facts, "facts.yaml") == []


@pytest.mark.parametrize("measure", [option_length, raw_length])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_real_bank_length_cue_is_gone_by_either_measure(
    real_article: Article, measure, language: str
) -> None:
    """The review counted raw characters; the lint strips punctuation. Both must pass."""
    stats = length_stats(real_article.questions, language, measure)
    assert stats.longest_share <= MAX_KEY_LONGEST
    assert stats.shortest_share >= MIN_KEY_SHORTEST
    assert stats.guess_longest <= 0.30 and stats.guess_shortest <= 0.30


def test_real_bank_keeps_the_answer_letters_balanced(real_article: Article) -> None:
    letters = [q.answer_letter for q in real_article.questions]
    assert all(20 <= letters.count(letter) <= 30 for letter in "ABCD")


def test_report_prints_the_statistics(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    assert main(["content", "check", "--report", "--content-dir", str(DEFAULT_CONTENT_DIR)]) == 0
    out = capsys.readouterr().out
    assert f"{REAL_SLUG}: quiz statistics (101 questions)" in out
    for text in (
        "answer letters: A ",
        "zh raw characters",
        "absolute words (en)",
        "attribution (facts",
    ):
        assert text in out
    assert "\nOK\n" in out
    assert main(["content", "check", "--report", "--content-dir", str(content_dir)]) == 0
    assert "mini-article: quiz statistics (5 questions)" in capsys.readouterr().out


def _replace(q: QuizQuestion, **changes: object) -> QuizQuestion:
    return dataclasses.replace(q, **changes)  # type: ignore[arg-type]


def _with_key(q: QuizQuestion, text: str) -> tuple[str, str, str, str]:
    options = list(q.options_en)
    options[q.answer] = text
    return (options[0], options[1], options[2], options[3])
