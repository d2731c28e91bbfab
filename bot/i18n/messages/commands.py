"""zh-CN names and descriptions of slash commands and their options, keyed by the English text.

Command and option names must be lowercase and at most 32 characters; descriptions at most 100.
"""

ZH: dict[str, str] = {
    "about": "关于",
    "What this bot is, the article it serves, version and uptime": "关于本机器人、所读文章、版本与运行时间",
}
