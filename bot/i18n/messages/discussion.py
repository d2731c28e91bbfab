"""Texts for the discussion commands and the discussion threads."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- the starter message and the thread (public: rendered in both languages) ------------------
    "discussion.starter.author_session": {
        "zh-CN": "读书会讨论 · 第 {session} 次",
        "en": "Session {session}",
    },
    "discussion.starter.reading": {"zh-CN": "阅读", "en": "Reading"},
    "discussion.starter.join": {
        "zh-CN": "👇 {count} 个问题见下方帖子，一条一问",
        "en": "All {count} prompts are in the thread below.",
    },
    "discussion.starter.join_one": {
        "zh-CN": "👇 这个问题也在下方帖子里",
        "en": "It is in the thread below too.",
    },
    "discussion.generic.1": {
        "zh-CN": "这一节最核心的论断是什么？你被说服了吗，为什么？",
        "en": "What is this section's central claim? Are you persuaded, and why?",
    },
    "discussion.generic.2": {
        "zh-CN": "作者用了哪些证据？有没有哪条证据你想核实，或者觉得可以有另一种解读？",
        "en": "What evidence does the author use? Is there a piece you would check, or read differently?",
    },
    "discussion.generic.3": {
        "zh-CN": "如果站在另一方（美国、中国或日本国内的反对者）的立场，会怎样回应这一节？",
        "en": "How would the other side (Washington, Beijing, or critics within Japan) answer this section?",
    },
    "discussion.generic.marker": {
        "zh-CN": "通用讨论题：这篇文章还没有为本节写讨论题",
        "en": "A generic prompt: this article has none of its own for this section yet",
    },
    "discussion.starter.no_prompts": {
        "zh-CN": "👇 这一节还没有准备讨论问题：欢迎在下方帖子里分享你的理解和疑问。",
        "en": "No prompts for this section yet: share what you made of it and what puzzled you in the thread below.",
    },
    "discussion.starter.join_button": {"zh-CN": "加入讨论", "en": "Join the thread"},
    "discussion.thread.passage": {"zh-CN": "关键段落", "en": "Key passage"},
    "discussion.thread.hint": {
        "zh-CN": "回复下面任意一个问题即可参与讨论。想引用原文？试试 `/excerpt query:{example}`。",
        "en": "Reply to any prompt below to take part. To quote the article, try `/excerpt query:{example}`.",
    },
    "discussion.thread.hint_open": {
        "zh-CN": "欢迎在这里分享你的理解和疑问。想引用原文？试试 `/excerpt query:{example}`。",
        "en": "Share what you made of it and what puzzled you here. To quote the article, try `/excerpt query:{example}`.",
    },
    "discussion.join.joined": {
        "zh-CN": "你已加入 {thread}，它会出现在你的帖子列表里。回复其中任意一个问题即可参与讨论。",
        "en": "You've joined {thread}; it now shows in your thread list. Reply to any prompt there to take part.",
    },
    "discussion.join.open_it": {
        "zh-CN": "讨论帖在这里：{thread}。在帖子里发言就会加入讨论。",
        "en": "Here is the discussion thread: {thread}. Posting in it makes you part of it.",
    },
    "discussion.join.gone": {
        "zh-CN": "这个讨论帖已经不在了。",
        "en": "This discussion thread no longer exists.",
    },
    # -- replies to moderators --------------------------------------------------------------------
    "discussion.bad_channel": {
        "zh-CN": "讨论只能开在普通文字频道（作为子区）或论坛频道（作为帖子）里。请在这样的频道中使用，或用 `channel` 选项选择一个。",
        "en": "Discussions can only be opened in a regular text channel (as a thread) or a forum (as a post). Run this in one, or choose one with the `channel` option.",
    },
    "discussion.forum_needs_tags": {
        "zh-CN": "{forum} 要求每个帖子都带标签，但那里还没有标签 {tags}，而我没有“{permission}”权限来添加。请给我这个权限，或自己在论坛里建好这些标签，然后再试。没有安排任何讨论。",
        "en": "{forum} requires a tag on every post, but it has no tag {tags} and I don't have {permission} to add it. Give me that permission, or create the tags in the forum yourself, then try again. Nothing was scheduled.",
    },
    "discussion.forum_untagged": {
        "zh-CN": "ℹ️ {forum} 里还没有标签 {tags}，而我没有“{permission}”权限来添加，所以这些帖子不会带章节标签。给我这个权限，或自己在论坛里建好这些标签，之后的帖子就会带上。",
        "en": "ℹ️ {forum} has no tag {tags} yet and I don't have {permission} to add it, so these posts will go out without their part's tag. Give me that permission, or create the tags in the forum yourself, and later posts will carry them.",
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
        "zh-CN": "本服务器已有 {active} 个预定的讨论，上限是 {max} 个。请先用 `/discuss-mod cancel` 取消一些。",
        "en": "This server already has {active} scheduled discussions; the limit is {max}. Cancel some with `/discuss-mod cancel` first.",
    },
    "discussion.duplicate": {
        "zh-CN": "同一章节已经预定在同一时间、同一频道开设（{ref}）。",
        "en": "That section is already scheduled in that channel at that time ({ref}).",
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
        "zh-CN": "已预定{ref}：“{section}”，将于 {when}（{zone} 时间 {local}）在 {channel} 开设。",
        "en": "Scheduled {ref}: “{section}” opens in {channel} on {when} ({local} {zone} time).",
    },
    "discussion.plan_empty": {
        "zh-CN": "从这个章节开始已经没有可讨论的章节了。",
        "en": "There are no sections left to discuss from that section on.",
    },
    "discussion.plan_exists": {
        "zh-CN": "{channel} 已经有一个进行中的阅读计划（计划 {plan}）。如需重新安排，请先用 `/discuss-mod cancel-plan plan:{plan}` 取消它。",
        "en": "{channel} already has a reading plan under way (plan {plan}). To plan again, cancel it first with `/discuss-mod cancel-plan plan:{plan}`.",
    },
    "discussion.plan.title": {
        "zh-CN": "阅读计划 {plan}：共 {count} 次讨论",
        "en": "Reading plan {plan}: {count} sessions",
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
        "zh-CN": "跳过一次：/discuss-mod cancel · 取消整个计划：/discuss-mod cancel-plan plan:{plan}",
        "en": "Skip one session: /discuss-mod cancel · cancel the whole plan: /discuss-mod cancel-plan plan:{plan}",
    },
    "discussion.list.title": {"zh-CN": "即将开设的讨论", "en": "Upcoming discussions"},
    "discussion.list.none": {
        "zh-CN": "目前没有预定的讨论。版主可以用 `/discuss-mod schedule` 或 `/discuss-mod plan` 安排。",
        "en": "No discussions are scheduled. Moderators can add some with `/discuss-mod schedule` or `/discuss-mod plan`.",
    },
    "discussion.list.line": {
        "zh-CN": "**{ref}** · {when} · {channel} · {section}",
        "en": "**{ref}** · {when} · {channel} · {section}",
    },
    "discussion.list.more": {"zh-CN": "……还有 {count} 个", "en": "…and {count} more"},
    "discussion.list.recent": {"zh-CN": "最近的讨论帖", "en": "Latest threads"},
    "discussion.list.recent_line": {
        "zh-CN": "{thread} · {when}",
        "en": "{thread} · {when}",
    },
    "discussion.cancel_unknown": {
        "zh-CN": "找不到“{text}”这个预定的讨论。输入时从列表里选一个，或用 `/discuss list` 查看。",
        "en": "There is no scheduled discussion “{text}”. Pick one from the list as you type, or see `/discuss list`.",
    },
    "discussion.cancel_inactive": {
        "zh-CN": "{ref} 已经开设过或已被取消，没有做任何更改。",
        "en": "{ref} has already been opened or cancelled; nothing was changed.",
    },
    "discussion.cancelled": {
        "zh-CN": "已取消{ref}：“{section}”（原定于 {when}）。",
        "en": "Cancelled {ref}: “{section}” (was due {when}).",
    },
    "discussion.cancelled_plan": {
        "zh-CN": "已取消阅读计划 {plan} 余下的 {count} 次讨论。",
        "en": "Cancelled the remaining {count} sessions of reading plan {plan}.",
    },
    "discussion.ref.plan_session": {
        "zh-CN": "计划 {plan} · 第 {number}/{total} 次",
        "en": "Plan {plan} · session {number}/{total}",
    },
    "discussion.ref.single": {"zh-CN": "讨论 {number}", "en": "Discussion {number}"},
    "discussion.cancel.plan_continues": {
        "zh-CN": "计划 {plan} 的其余 {left} 次讨论照常进行。要取消整个计划：`/discuss-mod cancel-plan plan:{plan}`。",
        "en": "The other {left} sessions of plan {plan} stay scheduled. To cancel the whole plan: `/discuss-mod cancel-plan plan:{plan}`.",
    },
    "discussion.cancel.whole_plan": {
        "zh-CN": "这里要选一次讨论（如 `{plan}.1` = 计划 {plan} 的第 1 次），不是整个计划。要取消计划 {plan} 的全部讨论，请用 `/discuss-mod cancel-plan plan:{plan}`（会先请你确认）。",
        "en": "Pick one session here (e.g. `{plan}.1` = plan {plan}, session 1), not a whole plan. To cancel every session of plan {plan}, use `/discuss-mod cancel-plan plan:{plan}` (it asks you to confirm first).",
    },
    "discussion.cancel_plan.unknown": {
        "zh-CN": "本服务器没有阅读计划 {plan}。`/discuss list` 列出了所有预定的讨论。",
        "en": "There is no reading plan {plan} in this server. `/discuss list` shows every scheduled discussion.",
    },
    "discussion.cancel_plan.nothing_left": {
        "zh-CN": "阅读计划 {plan} 已经没有待开设的讨论了，没有做任何更改。",
        "en": "Reading plan {plan} has no sessions left to open; nothing was changed.",
    },
    "discussion.cancel_plan.confirm": {
        "zh-CN": "要取消阅读计划 {plan} 余下的全部 **{count}** 次讨论吗？（下一次：{next}；最后一次：{last}）\n取消后无法恢复。只想跳过一次，请用 `/discuss-mod cancel`。",
        "en": "Cancel all **{count}** remaining sessions of reading plan {plan}? (next: {next}; last: {last})\nThis cannot be undone. To skip one session only, use `/discuss-mod cancel`.",
    },
    "discussion.cancel_plan.yes": {
        "zh-CN": "取消这 {count} 次讨论",
        "en": "Cancel {count} sessions",
    },
    "discussion.cancel_plan.no": {"zh-CN": "保留计划", "en": "Keep the plan"},
    "discussion.cancel_plan.kept": {
        "zh-CN": "没有取消任何讨论，阅读计划 {plan} 照常进行。",
        "en": "Nothing was cancelled; reading plan {plan} goes on.",
    },
    "discussion.cancel.plan_choice": {
        "zh-CN": "整个计划 {plan} · 余 {left} 次 · 下次 {local} · {section}",
        "en": "Whole plan {plan} · {left} left · next {local} · {section}",
    },
}

# zh-CN names/descriptions of the commands and options, keyed by the English text.
COMMANDS_ZH: dict[str, str] = {
    "Moderators: open, schedule, plan and cancel discussions": "版主：开设、预定、安排和取消讨论",
    "Discussion threads on the article's sections": "按章节开设的讨论帖",
    "Open a discussion thread on a section now": "立即为一个章节开设讨论帖",
    "Section to discuss": "要讨论的章节",
    "Text channel or forum to open in (default: this one)": "在哪个文字频道或论坛开设（默认：当前频道）",
    "Open a discussion thread on a section at a set time": "在指定时间为一个章节开设讨论帖",
    "Date and time as YYYY-MM-DD HH:MM, in the server's time zone": "日期和时间，格式 YYYY-MM-DD HH:MM，按服务器时区",
    "Schedule the whole article, one section per session": "为整篇文章排期，每次讨论一个章节",
    "First session as YYYY-MM-DD HH:MM, in the server's time zone": "第一次讨论的日期和时间，格式 YYYY-MM-DD HH:MM，按服务器时区",
    "Days between sessions": "两次讨论之间相隔的天数",
    "Start the plan at this section (default: the beginning)": "从这个章节开始（默认：从头开始）",
    "Upcoming discussions and the latest threads": "即将开设的讨论和最近的讨论帖",
    "Cancel one scheduled discussion (one session of a plan, never the whole plan)": "取消一次预定的讨论（计划中的一次，不会取消整个计划）",
    "The discussion to cancel: pick it from the list (e.g. 1.3 = plan 1, session 3)": "要取消的讨论：从列表中选择（例如 1.3 = 计划 1 的第 3 次）",
    "Cancel every remaining session of a reading plan (asks you to confirm)": "取消阅读计划余下的全部讨论（会先请你确认）",
    "The reading plan's number, as shown by /discuss list": "阅读计划的编号，见 /discuss list",
}
