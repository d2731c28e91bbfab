"""Texts for /outline, /fact and /section."""

MESSAGES: dict[str, dict[str, str]] = {
    "library.title": {"zh-CN": "文库：{count} 篇文章", "en": "Library: {count} articles"},
    "library.article": {
        "zh-CN": "{author}，《{journal}》{year}年第{issue}期 · {sections} 个章节 · {questions} 道问答题 · {prompts} 个讨论题",
        "en": "{author}, 《{journal}》 {year} no. {issue} · {sections} sections · {questions} quiz questions · {prompts} prompts",
    },
    "library.history": {
        "zh-CN": "本服务器：{discussions} 次讨论，{quizzes} 次问答",
        "en": "This server: {discussions} discussions, {quizzes} quizzes",
    },
    "library.current": {"zh-CN": "▶ 本服务器正在读这一篇", "en": "▶ This server is reading it now"},
    "library.footer": {
        "zh-CN": "管理员可以用 /config article 换一篇；历史记录不会丢失。",
        "en": "Server managers switch articles with /config article; history is kept.",
    },
    "outline.title": {"zh-CN": "文章结构", "en": "Outline of the article"},
    "outline.paragraphs": {"zh-CN": "{count}段", "en": "{count} ¶"},
    "outline.hint": {
        "zh-CN": "用 `/section` 打开某一章节，用 `/excerpt` 查找原文段落。",
        "en": "Use `/section` to open a section and `/excerpt` to look up a passage.",
    },
    "fact.title": {"zh-CN": "要点", "en": "Key fact"},
    "fact.source": {"zh-CN": "原文", "en": "From the text"},
    "fact.paragraph": {"zh-CN": "¶{ordinal}", "en": "¶{ordinal}"},
    "fact.none": {
        "zh-CN": "这一节还没有整理要点。不选章节直接用 `/fact`，可以随机看一条全文的要点。",
        "en": "No key facts are recorded for that section yet. Run `/fact` without a section for one from the whole article.",
    },
    "section.unknown": {
        "zh-CN": "找不到章节“{name}”。请从输入时弹出的列表中选择（例如 `引言` 或 `二/第三`），或用 `/outline` 查看全部章节。",
        "en": "There is no section “{name}”. Pick one from the list that appears as you type (e.g. `引言` or `二/第三`), or see them all with `/outline`.",
    },
    "section.summary": {"zh-CN": "概要", "en": "Summary"},
    "section.facts": {"zh-CN": "要点", "en": "Key facts"},
    "section.children": {"zh-CN": "小节", "en": "Sub-sections"},
    "section.no_paragraphs": {
        "zh-CN": "本节没有单独的段落，内容见下面各小节。",
        "en": "This section has no paragraphs of its own; see its sub-sections.",
    },
}

COMMANDS_ZH: dict[str, str] = {
    "The articles in the library, and which one we read now": "文库中的文章，以及我们正在读哪一篇",
    "Show the article's sections as a tree": "显示文章的章节结构",
    "A key fact from the article, with its source": "随机显示文章中的一个要点及出处",
    "A section of the article, e.g. 二/第三 or 结语 (optional for /fact)": "文章的章节，例如 二/第三 或 结语",
    "A section: heading, summary, key facts and sub-sections": "章节：标题、概要、要点与下分各点",
    "The section: type a number path like 二/第三, or words of its heading": "章节：输入编号如 二/第三，或标题中的词",
}
