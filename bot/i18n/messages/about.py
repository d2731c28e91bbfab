"""/about."""

MESSAGES: dict[str, dict[str, str]] = {
    "about.title": {"zh-CN": "读书会机器人 Reading Circle", "en": "Reading Circle"},
    "about.description": {
        "zh-CN": "帮助读书会一起精读一篇长文：随时查找原文段落（支持错别字、繁体、英文关键词），每周问答，按章节开设讨论帖。",
        "en": "Helps the group read one long Chinese article together: look up any passage (typos, traditional characters and English terms welcome), a weekly quiz, and discussion threads per section.",
    },
    "about.article": {"zh-CN": "本期文章", "en": "Article"},
    "about.article_value": {
        "zh-CN": "《{title}》\n作者：{author}\n《{journal}》{year}年第{issue}期",
        "en": "《{title}》\nby {author}{author_en}\n《{journal}》{journal_en}, {year}, no. {issue}",
    },
    "about.no_article": {"zh-CN": "尚未加载文章。", "en": "No article loaded yet."},
    "about.commands": {"zh-CN": "常用命令", "en": "Commands"},
    "about.commands_value": {
        "zh-CN": "`/excerpt` 查找原文段落\n`/section` 查看章节概要\n`/outline` 文章结构\n`/fact` 随机看一条要点\n`/quiz` 每周问答与练习\n`/discuss` 章节讨论帖",
        "en": "`/excerpt` find a passage\n`/section` a section's summary\n`/outline` the article's structure\n`/fact` a key fact\n`/quiz` weekly quiz and practice\n`/discuss` discussion threads",
    },
    "about.version": {"zh-CN": "版本", "en": "Version"},
    "about.uptime": {"zh-CN": "已运行", "en": "Uptime"},
    "about.uptime_value": {
        "zh-CN": "{days}天{hours}小时{minutes}分",
        "en": "{days}d {hours}h {minutes}m",
    },
}

# zh-CN names/descriptions of the command and its options, keyed by the English text.
COMMANDS_ZH: dict[str, str] = {
    "What this bot is, the article it serves, version and uptime": "关于本机器人、所读文章、版本与运行时间",
}
