"""Texts for /excerpt and its buttons."""

MESSAGES: dict[str, dict[str, str]] = {
    "excerpt.position": {
        "zh-CN": "¶{ordinal}（共 {total} 段）",
        "en": "¶{ordinal} of {total}",
    },
    "excerpt.position_abstract": {"zh-CN": "内容提要", "en": "Abstract"},
    "excerpt.paragraph": {"zh-CN": "位置", "en": "Position"},
    "excerpt.sources": {"zh-CN": "注释来源", "en": "Footnote sources"},
    "excerpt.sources_lost": {
        "zh-CN": "（原注释在提取时丢失）",
        "en": "(the footnote text was lost in extraction)",
    },
    "excerpt.previous": {"zh-CN": "上一段", "en": "Previous"},
    "excerpt.next": {"zh-CN": "下一段", "en": "Next"},
    "excerpt.full": {"zh-CN": "查看全段", "en": "Full paragraph"},
    "excerpt.other_hits": {"zh-CN": "其他相关段落…", "en": "Other matching passages…"},
    "excerpt.empty_query": {
        "zh-CN": "请输入要查找的词句，例如 `安倍 特朗普 高尔夫` 或 `Indo-Pacific`。",
        "en": "Type something to look up, for example `安倍 特朗普 高尔夫` or `Indo-Pacific`.",
    },
    "excerpt.other_article": {
        "zh-CN": "出自另一篇文章：《{title}》",
        "en": "From another article in the library: 《{title}》",
    },
    "excerpt.closest": {
        "zh-CN": "没有与“{query}”确切对应的段落。最相近的几段：",
        "en": "No passage matches “{query}” for sure. The closest passages:",
    },
    "excerpt.closest_pick": {
        "zh-CN": "在下面选一段查看全文，或换个说法再找。",
        "en": "Pick one below to read it, or try other words.",
    },
    "excerpt.open_one": {"zh-CN": "打开其中一段…", "en": "Open one of them…"},
    "excerpt.no_hit": {
        "zh-CN": "没有找到与“{query}”相关的段落。",
        "en": "No passage matches “{query}” closely enough.",
    },
    "excerpt.closest_sections": {
        "zh-CN": "可以从这些章节看起：\n{sections}\n用 `/section` 打开其中一节，或换几个关键词再试。",
        "en": "These sections may help:\n{sections}\nOpen one with `/section`, or try other keywords.",
    },
    "excerpt.no_sections": {
        "zh-CN": "可以换几个关键词再试，或用 `/outline` 浏览文章结构。",
        "en": "Try other keywords, or browse the article's structure with `/outline`.",
    },
    "excerpt.gone": {
        "zh-CN": "这个段落已不在当前内容中（内容可能已经更新），请重新查找。",
        "en": "That paragraph is no longer in the loaded content (it may have been updated). Please search again.",
    },
    "excerpt.no_neighbour": {
        "zh-CN": "已经是第一段或最后一段了。",
        "en": "This is already the first or the last paragraph.",
    },
}

COMMANDS_ZH: dict[str, str] = {
    "Find the passage of the article that matches what you type": "查找与输入内容最相符的原文段落",
    "Words, a phrase, keywords or English terms (typos and traditional characters are fine)": "词句、关键词或英文术语（错别字、繁体均可）",
    "Only you see the answer (default: yes, except in the server's lookup channel)": "只让自己看到结果（默认是；服务器的公开查询频道除外）",
}
