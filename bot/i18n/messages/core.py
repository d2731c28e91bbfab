"""Errors, refusals and other replies shared by every command."""

MESSAGES: dict[str, dict[str, str]] = {
    "share.button": {"zh-CN": "分享到频道", "en": "Share to channel"},
    "share.nothing": {
        "zh-CN": "这条消息里没有可以分享的内容。",
        "en": "There is nothing in this message to share.",
    },
    "error.unexpected": {
        "zh-CN": "抱歉，处理这个请求时出了问题。请稍后再试；如果一再出现，请把错误编号 `{error_id}` 告诉管理员。",
        "en": "Sorry, something went wrong while handling that. Please try again later; if it keeps happening, give the moderators the error id `{error_id}`.",
    },
    "error.not_moderator": {
        "zh-CN": "这个命令只有版主可以使用（需要“管理服务器”或“管理子区”权限，或版主身份组）。",
        "en": "Only moderators can use this command (Manage Server or Manage Threads permission, or the moderator role).",
    },
    "error.missing_permissions": {
        "zh-CN": "使用这个命令需要以下权限：{permissions}。",
        "en": "You need these permissions for this command: {permissions}.",
    },
    "error.guild_only": {
        "zh-CN": "这个命令只能在服务器频道里使用，不能在私信中使用。",
        "en": "This command only works in a server channel, not in direct messages.",
    },
    "error.cooldown": {
        "zh-CN": "操作太快了，请在 {seconds} 秒后再试。",
        "en": "Slow down a little: try again in {seconds} seconds.",
    },
    "error.bad_input": {
        "zh-CN": "无法理解这个输入：{detail}",
        "en": "I couldn't understand that input: {detail}",
    },
    "error.database_busy": {
        "zh-CN": "数据库暂时无法写入（{detail}）。查询功能仍然可用；请稍后再试或联系管理员。",
        "en": "The database can't be written right now ({detail}). Lookups still work; please try again later or tell the moderators.",
    },
    "error.no_content": {
        "zh-CN": "还没有加载文章内容。请管理员运行 `python -m bot content load`。",
        "en": "No article content is loaded yet. A host should run `python -m bot content load`.",
    },
    # Times typed by people (bot.scheduling.recurrence.TimeInputError keys); no placeholders, so
    # any caller can show them as they are.
    "time.bad_hhmm": {
        "zh-CN": "时间格式不对：请用 24 小时制的 HH:MM，例如 20:00 或 09:30。",
        "en": "That time isn't valid: use 24-hour HH:MM, for example 20:00 or 09:30.",
    },
    "time.bad_datetime": {
        "zh-CN": "日期时间格式不对：请写成 YYYY-MM-DD HH:MM（24 小时制）。",
        "en": "That date and time isn't valid: write YYYY-MM-DD HH:MM (24-hour clock).",
    },
    "time.impossible_date": {
        "zh-CN": "这个日期不存在（请检查月份和日期）。",
        "en": "That date doesn't exist (check the month and the day).",
    },
    "time.past": {
        "zh-CN": "这个时间已经过去了，请选择将来的时间。",
        "en": "That time is already in the past; please choose a time in the future.",
    },
    # -- permission names, as Discord's settings show them ----------------------------------------
    "perm.view_channel": {"zh-CN": "查看频道", "en": "View Channel"},
    "perm.send_messages": {"zh-CN": "发送消息", "en": "Send Messages"},
    "perm.embed_links": {"zh-CN": "嵌入链接", "en": "Embed Links"},
    "perm.read_message_history": {"zh-CN": "读取消息历史记录", "en": "Read Message History"},
    "perm.create_public_threads": {"zh-CN": "创建公开子区", "en": "Create Public Threads"},
    "perm.send_messages_in_threads": {
        "zh-CN": "在子区中发送消息",
        "en": "Send Messages in Threads",
    },
    "perm.manage_guild": {"zh-CN": "管理服务器", "en": "Manage Server"},
    "perm.manage_threads": {"zh-CN": "管理子区", "en": "Manage Threads"},
    "perm.manage_messages": {"zh-CN": "管理消息", "en": "Manage Messages"},
    "perm.administrator": {"zh-CN": "管理员", "en": "Administrator"},
    "perm.manage_events": {"zh-CN": "管理活动", "en": "Manage Events"},
    "perm.create_events": {"zh-CN": "创建活动", "en": "Create Events"},
    "perm.manage_channels": {"zh-CN": "管理频道", "en": "Manage Channels"},
    "perm.mention_everyone": {
        "zh-CN": "提及 @everyone、@here 和所有身份组",
        "en": "Mention @everyone, @here, and All Roles",
    },
    "perm.create_posts": {"zh-CN": "创建帖子", "en": "Create Posts"},
    "perm.send_messages_in_posts": {"zh-CN": "在帖子中发送消息", "en": "Send Messages in Posts"},
}
