"""A small hand-made article that satisfies every content rule, and a writer for content folders.

The tree has the same shapes as the real article (unnumbered abstract/intro/conclusion, a numbered
part with a sub-section and a point, an `@resume`, footnotes with and without a place) so each rule
is exercised without depending on the real content files.
"""

from __future__ import annotations

from pathlib import Path

SLUG = "mini-article"

ARTICLE_MD = """\
---
slug: mini-article
title: 小文章
subtitle: 副标题
author: 作者甲
journal: 测试期刊
year: 2021
issue: 5
keywords: [日本, 同盟]
source: source-extracted.txt
---

# 内容提要 {#abstract}

{#abs} 这是摘要，讲日美同盟。

# 引言 {#intro}

{#p01} 2012年底，安倍晋三再次就任日本首相后，日本调整战略。[^fn01]

# 一、同盟定位 {#s1}

{#p02} 本部分讨论同盟定位。

## （一）同盟是基轴 {#s1-1}

{#p03} 日美同盟是日本外交与安全相关政策的基轴。[^fn02]

{#p04} 基轴的说法多次出现在官方文件中。

@resume s1

{#p05} 综上所述，同盟定位清楚。

# 结语 {#conclusion}

{#p06} 结语：同盟仍然重要。

[^fn01]: 「記者会見」、http://www.kantei.go.jp/。
[^fn02]: 《国家安全保障战略》，2013年。
[^fn03]: 位置丢失的注释。
"""

FACTS_YAML = """\
- id: f01
  section: intro
  zh: 2012年底安倍晋三再次出任日本首相。
  en: Abe Shinzo returned as Prime Minister at the end of 2012.
  quote: 2012年底，安倍晋三再次就任日本首相后
- id: f02
  section: s1
  zh: 日美同盟是基轴。
  en: The alliance is the cornerstone.
  quote: 日美同盟是日本外交与安全相关政策的基轴
"""

GLOSSARY_YAML = """\
- id: abe-shinzo
  term: 安倍晋三
  english: Abe Shinzo
  kind: person
  aliases: [Shinzo Abe, 安倍]
  japanese: 安倍晋三（あべ しんぞう）
- id: japan-us-alliance
  term: 日美同盟
  english: Japan-US alliance
  kind: concept
  aliases: [US-Japan alliance]
  note: The alliance under the 1960 treaty.
"""

# (section, quote) for each question: 3 per leaf sub-section, 1 for intro and conclusion.
QUIZ_TARGETS = [
    ("intro", "安倍晋三再次就任日本首相"),
    ("s1-1", "政策的基轴"),
    ("s1-1", "官方文件"),
    ("s1-1", "日本外交与安全"),
    ("conclusion", "同盟仍然重要"),
]

PROMPT_TARGETS = {
    "intro": "日本调整战略",
    "s1": "同盟定位清楚",
    "s1-1": "多次出现",
    "conclusion": "同盟仍然重要",
}


def quiz_yaml() -> str:
    parts = []
    for number, (section, quote) in enumerate(QUIZ_TARGETS, start=1):
        parts.append(
            f"""\
- id: q{number:03d}
  section: {section}
  difficulty: medium
  answer: B
  zh:
    question: 问题{number}？
    options: [甲{number}, 乙{number}, 丙{number}, 丁{number}]
    explanation: 解释{number}。
  en:
    question: Question {number}?
    options: [A{number}, B{number}, C{number}, D{number}]
    explanation: Explanation {number}.
  quote: {quote}
"""
        )
    return "".join(parts)


def prompts_yaml() -> str:
    parts = []
    number = 0
    for section, quote in PROMPT_TARGETS.items():
        for _ in range(3):
            number += 1
            parts.append(
                f"""\
- id: d{number:03d}
  section: {section}
  zh: 讨论{number}？
  en: Discuss {number}?
  quote: {quote}
"""
            )
    return "".join(parts)


def write_article(content_dir: Path, files: dict[str, str], slug: str = SLUG) -> Path:
    folder = content_dir / "articles" / slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


DESCRIPTIONS_YAML = """\
- para: p01
  summary_zh: 安倍再次执政后调整战略。
  summary_en: After returning to office Abe changed course.
  terms_zh: [安倍回归]
  terms_en: ["Abe's return", second Abe cabinet]
  questions_zh: [安倍什么时候再次上台？]
  questions_en: ["When did Abe come back?"]
- para: p03
  summary_zh: 同盟是外交与安全的基轴。
  summary_en: The alliance is the axis of foreign and security policy.
"""


def mini_files() -> dict[str, str]:
    return {
        "descriptions.yaml": DESCRIPTIONS_YAML,
        "article.md": ARTICLE_MD,
        "facts.yaml": FACTS_YAML,
        "glossary.yaml": GLOSSARY_YAML,
        "quiz.yaml": quiz_yaml(),
        "prompts.yaml": prompts_yaml(),
    }
