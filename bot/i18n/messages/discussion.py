"""Texts for the discussion commands and the discussion threads."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- the starter message and the thread (public: rendered in both languages) ------------------
    "discussion.starter.author": {"zh-CN": "读书会讨论", "en": "Reading circle discussion"},
    "discussion.starter.reading": {
        "zh-CN": "阅读：第 {first}–{last} 段",
        "en": "Reading: paragraphs {first}–{last}",
    },
    "discussion.starter.reading_one": {
        "zh-CN": "阅读：第 {first} 段",
        "en": "Reading: paragraph {first}",
    },
    "discussion.starter.passage": {"zh-CN": "关键段落", "en": "Key passage"},
    "discussion.starter.paragraph": {"zh-CN": "第 {number} 段", "en": "para. {number}"},
    "discussion.starter.prompt": {"zh-CN": "讨论问题 {number}", "en": "Prompt {number}"},
    "discussion.starter.prompts": {"zh-CN": "讨论问题", "en": "Prompts"},
    "discussion.starter.no_prompts": {
        "zh-CN": "这一节还没有准备讨论问题：欢迎分享你的理解和疑问。",
        "en": "No prompts for this section yet: share what you made of it and what puzzled you.",
    },
    "discussion.starter.lookup": {"zh-CN": "查找原文", "en": "Look it up"},
    "discussion.starter.lookup_value": {
        "zh-CN": "用 `/excerpt` 查找原文段落，例如 `/excerpt query:{example}`",
        "en": "Look up any passage with `/excerpt`, e.g. `/excerpt query:{example}`",
    },
    "discussion.thread.title": {"zh-CN": "讨论问题", "en": "Discussion prompts"},
    "discussion.thread.intro": {
        "zh-CN": "请在本帖中回复；想引用原文时，可以用 `/excerpt` 查找段落。",
        "en": "Reply in this thread; use `/excerpt` to find a passage you want to quote.",
    },
    # -- replies to moderators --------------------------------------------------------------------
    "discussion.bad_channel": {
        "zh-CN": "讨论帖只能开在普通文字频道里。请在文字频道中使用，或用 `channel` 选项选择一个。",
        "en": "Discussion threads can only be opened in a regular text channel. Run this in one, or choose one with the `channel` option.",
    },
    "discussion.bot_missing_permissions": {
        "zh-CN": "我在 {channel} 缺少这些权限，无法开设讨论帖：{permissions}。请在频道设置中授予后再试。",
        "en": "I'm missing these permissions in {channel} to open a discussion thread: {permissions}. Grant them in the channel settings and try again.",
    },
    "discussion.bad_time": {
        "zh-CN": "{problem}\n例如：`{example}`（按 {zone} 时间）。",
        "en": "{problem}\nFor example: `{example}` ({zone} time).",
    },
    "discussion.too_far": {
        "zh-CN": "这个时间距今超过 {days} 天，请检查年份是否写错。例如：`{example}`。",
        "en": "That is more than {days} days ahead; please check the year. For example: `{example}`.",
    },
    "discussion.too_many": {
        "zh-CN": "本服务器已有 {active} 个预定的讨论，上限是 {max} 个。请先用 `/discuss cancel` 取消一些。",
        "en": "This server already has {active} scheduled discussions; the limit is {max}. Cancel some with `/discuss cancel` first.",
    },
    "discussion.duplicate": {
        "zh-CN": "同一章节已经预定在同一时间、同一频道开设（编号 #{id}）。",
        "en": "That section is already scheduled in that channel at that time (#{id}).",
    },
    "discussion.opening": {
        "zh-CN": "这个讨论正在开设中，稍后会出现在频道里。",
        "en": "That discussion is being opened right now; it will appear in the channel shortly.",
    },
    "discussion.open_failed": {
        "zh-CN": "无法开设讨论帖：{reason}",
        "en": "Couldn't open the discussion thread: {reason}",
    },
    "discussion.opened": {
        "zh-CN": "已开设讨论帖 {thread}（[查看起始消息]({link})）。",
        "en": "Opened the discussion thread {thread} ([see the starter message]({link})).",
    },
    "discussion.scheduled": {
        "zh-CN": "已预定讨论 #{id}：“{section}”，将于 {when}（{zone} 时间 {local}）在 {channel} 开设。",
        "en": "Scheduled discussion #{id}: “{section}” opens in {channel} on {when} ({local} {zone} time).",
    },
    "discussion.plan_empty": {
        "zh-CN": "从这个章节开始已经没有可讨论的章节了。",
        "en": "There are no sections left to discuss from that section on.",
    },
    "discussion.plan_exists": {
        "zh-CN": "{channel} 已经有一个进行中的阅读计划（#{plan}）。如需重新安排，请先用 `/discuss cancel id:{plan}` 取消它。",
        "en": "{channel} already has a reading plan under way (#{plan}). To plan again, cancel it first with `/discuss cancel id:{plan}`.",
    },
    "discussion.plan.title": {
        "zh-CN": "阅读计划 #{plan}：共 {count} 次讨论",
        "en": "Reading plan #{plan}: {count} sessions",
    },
    "discussion.plan.line": {
        "zh-CN": "**{number}.** {when} · {section}",
        "en": "**{number}.** {when} · {section}",
    },
    "discussion.plan.where": {"zh-CN": "时间和地点", "en": "Where and when"},
    "discussion.plan.where_value": {
        "zh-CN": "在 {channel}，每 {days} 天一次，{zone} 时间 {local}。",
        "en": "In {channel}, every {days} days at {local} ({zone} time).",
    },
    "discussion.plan.cancel_hint": {
        "zh-CN": "取消整个计划：/discuss cancel id:{plan}",
        "en": "To cancel the whole plan: /discuss cancel id:{plan}",
    },
    "discussion.list.title": {"zh-CN": "即将开设的讨论", "en": "Upcoming discussions"},
    "discussion.list.none": {
        "zh-CN": "目前没有预定的讨论。版主可以用 `/discuss schedule` 或 `/discuss plan` 安排。",
        "en": "No discussions are scheduled. Moderators can add some with `/discuss schedule` or `/discuss plan`.",
    },
    "discussion.list.line": {
        "zh-CN": "**#{id}** · {when} · {channel} · {section}",
        "en": "**#{id}** · {when} · {channel} · {section}",
    },
    "discussion.list.plan_line": {
        "zh-CN": "**#{id}** · {when} · {channel} · {section} · 计划 #{plan}（{number}/{total}）",
        "en": "**#{id}** · {when} · {channel} · {section} · plan #{plan} ({number}/{total})",
    },
    "discussion.list.more": {"zh-CN": "……还有 {count} 个", "en": "…and {count} more"},
    "discussion.list.recent": {"zh-CN": "最近的讨论帖", "en": "Latest threads"},
    "discussion.list.recent_line": {
        "zh-CN": "{thread} · {when}",
        "en": "{thread} · {when}",
    },
    "discussion.cancel_unknown": {
        "zh-CN": "找不到编号为 #{id} 的讨论。`/discuss list` 列出了所有预定的讨论。",
        "en": "There is no discussion #{id}. `/discuss list` shows every scheduled discussion.",
    },
    "discussion.cancel_inactive": {
        "zh-CN": "讨论 #{id} 已经开设过或已被取消，没有可以取消的了。",
        "en": "Discussion #{id} has already been opened or cancelled; there is nothing left to cancel.",
    },
    "discussion.cancelled": {
        "zh-CN": "已取消讨论 #{id}：“{section}”（原定于 {when}）。",
        "en": "Cancelled discussion #{id}: “{section}” (was due {when}).",
    },
    "discussion.cancelled_plan": {
        "zh-CN": "已取消阅读计划 #{plan} 余下的 {count} 次讨论。",
        "en": "Cancelled the remaining {count} sessions of reading plan #{plan}.",
    },
    "discussion.cancel.plan_choice": {
        "zh-CN": "计划 #{plan} · 余 {left} 次 · 下次 {local} · {section}",
        "en": "Plan #{plan} · {left} left · next {local} · {section}",
    },
}

# zh-CN names/descriptions of the commands and options, keyed by the English text.
COMMANDS_ZH: dict[str, str] = {
    "discuss": "讨论",
    "Discussion threads on the article's sections": "按章节开设的讨论帖",
    "now": "立即",
    "Open a discussion thread on a section now": "立即为一个章节开设讨论帖",
    "section": "章节",
    "Section to discuss": "要讨论的章节",
    "channel": "频道",
    "Channel to post in (default: this one)": "发布到哪个频道（默认：当前频道）",
    "schedule": "日程",
    "Open a discussion thread on a section at a set time": "在指定时间为一个章节开设讨论帖",
    "when": "时间",
    "Date and time as YYYY-MM-DD HH:MM, in the server's time zone": "日期和时间，格式 YYYY-MM-DD HH:MM，按服务器时区",
    "plan": "计划",
    "Schedule the whole article, one section per session": "为整篇文章排期，每次讨论一个章节",
    "start": "开始",
    "First session as YYYY-MM-DD HH:MM, in the server's time zone": "第一次讨论的日期和时间，格式 YYYY-MM-DD HH:MM，按服务器时区",
    "every_days": "间隔天数",
    "Days between sessions": "两次讨论之间相隔的天数",
    "from_section": "起始章节",
    "Start the plan at this section (default: the beginning)": "从这个章节开始（默认：从头开始）",
    "list": "列表",
    "Upcoming discussions and the latest threads": "即将开设的讨论和最近的讨论帖",
    "cancel": "取消",
    "Cancel a scheduled discussion, or the rest of a plan": "取消一次预定的讨论，或计划中余下的讨论",
    "id": "编号",
    "Number shown by /discuss list, or a plan's number": "编号，见 /discuss list，或阅读计划的编号",
}
