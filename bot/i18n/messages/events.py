"""Texts for Discord scheduled events of sessions, the wrap-up and /discuss-mod move."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- public: the event's description and the wrap-up (rendered in both languages) -------------
    "events.marker.discussion": {"zh-CN": "讨论 {ref}", "en": "Discussion {ref}"},
    "events.marker.quiz": {"zh-CN": "测验 {ref} · {date}", "en": "Quiz {ref} · {date}"},
    "events.quiz.name": {"zh-CN": "每周测验", "en": "Weekly quiz"},
    "events.quiz.about": {
        "zh-CN": "《{title}》每周测验：{channel} 里的一道选择题，开放 {hours} 小时。点按钮作答，截止后公布答案、原文出处和答对的成员。",
        "en": "Weekly quiz on 《{title}》: one multiple-choice question in {channel}, open {hours} h. Answer with the buttons; when it closes the answer, its source passage and who got it right are shown.",
    },
    "events.quiz.about_untitled": {
        "zh-CN": "每周测验：{channel} 里的一道选择题，开放 {hours} 小时。点按钮作答，截止后公布答案、原文出处和答对的成员。",
        "en": "Weekly quiz: one multiple-choice question in {channel}, open {hours} h. Answer with the buttons; when it closes the answer, its source passage and who got it right are shown.",
    },
    "events.quiz.post": {"zh-CN": "测验帖", "en": "Quiz post"},
    "events.thread": {"zh-CN": "讨论帖", "en": "Thread"},
    "events.wrapup.counts": {
        "zh-CN": "本次讨论告一段落：{members} 位成员加入，留下 {messages} 条回复。谢谢大家！",
        "en": "This session is over: {members} members joined and left {messages} replies. Thank you!",
    },
    "events.wrapup.next": {
        "zh-CN": "下一次：{ref}，{when}",
        "en": "Next: {ref}, {when}",
    },
    # -- to moderators (their language) and the log channel (both) ---------------------------------
    "events.added": {
        "zh-CN": "📅 同时添加了服务器活动，成员可以点“感兴趣”。",
        "en": "📅 A server event is added too, so members can mark themselves interested.",
    },
    "events.no_permission": {
        "zh-CN": "ℹ️ 没有添加服务器活动：机器人缺少“{permission}”权限。在服务器设置 → 角色中给机器人的角色加上它，之后的讨论和测验就会自动出现在活动里。",
        "en": "ℹ️ No server event was added: the bot lacks the {permission} permission. Grant it to the bot's role (Server Settings → Roles) and sessions and quizzes still to come get their events.",
    },
    "events.log.no_permission": {
        "zh-CN": "📅 机器人缺少“{permission}”权限：讨论和测验照常进行，但不会出现在服务器活动中；授予后，之后的讨论和测验会自动添加活动。",
        "en": "📅 The bot lacks {permission}: discussions and quizzes go ahead as usual but get no server events; once granted, sessions and quizzes still to come get theirs.",
    },
    "events.list.interested": {"zh-CN": "👥 {count} 人感兴趣", "en": "👥 {count} interested"},
    # -- /discuss-mod move -------------------------------------------------------------------------
    "discussion.moved": {
        "zh-CN": "已把{ref}（“{section}”）改到 {when}（{zone} 时间 {local}）。",
        "en": "Moved {ref} (“{section}”) to {when} ({local} {zone} time).",
    },
    "discussion.move_inactive": {
        "zh-CN": "{ref} 已经开设过或已被取消，不能再改时间。",
        "en": "{ref} has already been opened or cancelled; its time cannot change.",
    },
}

COMMANDS_ZH: dict[str, str] = {
    "Move one scheduled discussion to another time": "把一次预定的讨论改到另一个时间",
    "The discussion to move: pick it from the list (e.g. 1.3 = plan 1, session 3)": "要改期的讨论：从列表中选择（例如 1.3 = 计划 1 的第 3 次）",
    "New date and time as YYYY-MM-DD HH:MM, in the server's time zone": "新的日期和时间，格式 YYYY-MM-DD HH:MM，按服务器时区",
}
