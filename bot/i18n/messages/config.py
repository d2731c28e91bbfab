"""Texts for the /config commands and the log channel."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- the log channel ----------------------------------------------------------------------------
    "config.log.kind.quiz": {"zh-CN": "每周问答", "en": "Weekly quiz"},
    "config.log.kind.discussion": {"zh-CN": "讨论", "en": "Discussion"},
    "config.log.failed": {
        "zh-CN": "⚠️ {kind} {id}{what}（{channel}，原定 {due}）未能完成：{reason}",
        "en": "⚠️ {kind} {id}{what} ({channel}, due {due}) did not happen: {reason}",
    },
    "config.reason.missed_grace": {
        "zh-CN": "机器人当时离线，恢复时已超过补发时限，因此没有补发。",
        "en": "the bot was offline then and came back too late to post it.",
    },
    "config.reason.missed_offline": {
        "zh-CN": "机器人当时离线，之后又有更新的一次，因此跳过了这一次。",
        "en": "the bot was offline then, and a later run replaced this one.",
    },
    "config.reason.interrupted": {
        "zh-CN": "发布时被中断（机器人重启），恢复时已太晚。",
        "en": "it was interrupted by a restart and it was too late to finish it.",
    },
    "config.reason.missing_permissions": {
        "zh-CN": "机器人在 #{channel} 缺少权限：{permissions}。",
        "en": "the bot is missing permissions in #{channel}: {permissions}.",
    },
    "config.reason.channel_gone": {
        "zh-CN": "频道已被删除，或机器人已看不到它。",
        "en": "the channel was deleted or the bot can no longer see it.",
    },
    "config.reason.left_guild": {
        "zh-CN": "机器人已不在这个服务器中。",
        "en": "the bot is no longer in this server.",
    },
    "config.reason.no_questions": {
        "zh-CN": "本服务器正在读的文章还没有问答题目。",
        "en": "the article this server reads has no quiz questions yet.",
    },
    "config.reason.no_article": {
        "zh-CN": "没有加载任何文章。",
        "en": "no article is loaded.",
    },
    "config.reason.section_gone": {
        "zh-CN": "章节 {section} 已不在文章中（内容更新过）。",
        "en": "section {section} is no longer in the article (the content was updated).",
    },
    "config.reason.discord_refused": {
        "zh-CN": "Discord 拒绝了这次发布（{what}，{status}）：{detail}",
        "en": "Discord refused the {what} ({status}): {detail}",
    },
    "config.reason.unexpected": {
        "zh-CN": "意外错误（{error}），详见机器人日志。",
        "en": "an unexpected error ({error}); see the bot's log.",
    },
    "config.log_hello": {
        "zh-CN": "📋 这里将记录读书会机器人未能完成的定时发布（问答、讨论帖）及原因。",
        "en": "📋 Reading Circle will note here every scheduled post (quiz, discussion) that could not be made, and why.",
    },
    # -- replies ------------------------------------------------------------------------------------
    "config.bad_timezone": {
        "zh-CN": "“{name}”不是有效的 IANA 时区名称。请从输入时弹出的列表中选择，例如 {suggestions}。",
        "en": "“{name}” is not an IANA time zone name. Pick one from the list that appears as you type, e.g. {suggestions}.",
    },
    "config.timezone_set": {
        "zh-CN": "时区已设为 {zone}。之后新建的日程按这个时区计算，已有的日程时间不变。",
        "en": "Time zone set to {zone}. New schedules are read in this zone; those already scheduled keep their times.",
    },
    "config.role_everyone": {
        "zh-CN": "不能把 @everyone 设为版主身份组：那样所有人都能使用版主命令。",
        "en": "@everyone can't be the moderator role: everyone could then use moderator commands.",
    },
    "config.role_set": {
        "zh-CN": "版主身份组已设为 {role}。拥有“管理服务器”或“管理子区”权限的成员仍然是版主。",
        "en": "Moderator role set to {role}. Members with Manage Server or Manage Threads remain moderators too.",
    },
    "config.role_cleared": {
        "zh-CN": "已取消版主身份组。现在只有拥有“管理服务器”或“管理子区”权限的成员是版主。",
        "en": "Moderator role removed. Only members with Manage Server or Manage Threads are moderators now.",
    },
    "config.log_missing_permissions": {
        "zh-CN": "我在 {channel} 缺少这些权限，无法写日志：{permissions}。",
        "en": "I'm missing these permissions in {channel} to write the log: {permissions}.",
    },
    "config.log_unwritable": {
        "zh-CN": "我无法在 {channel} 发消息（{detail}），日志频道没有更改。",
        "en": "I couldn't post in {channel} ({detail}); the log channel was not changed.",
    },
    "config.log_set": {
        "zh-CN": "日志频道已设为 {channel}，未能完成的定时发布会报告在那里。",
        "en": "Log channel set to {channel}; failed scheduled posts will be reported there.",
    },
    "config.log_cleared": {
        "zh-CN": "已取消日志频道，之后不再报告失败的定时发布。",
        "en": "Logging stopped: no log channel is set.",
    },
    "config.archive_set": {
        "zh-CN": "新的讨论帖在 {duration}无新消息后自动归档。",
        "en": "New discussion threads archive after {duration} without messages.",
    },
    "config.archive.60": {"zh-CN": "1 小时", "en": "1 hour"},
    "config.archive.1440": {"zh-CN": "1 天", "en": "1 day"},
    "config.archive.4320": {"zh-CN": "3 天", "en": "3 days"},
    "config.archive.10080": {"zh-CN": "1 周", "en": "1 week"},
    "config.show.title": {"zh-CN": "服务器设置", "en": "Server settings"},
    "config.show.timezone": {"zh-CN": "时区", "en": "Time zone"},
    "config.show.moderator_role": {"zh-CN": "版主身份组", "en": "Moderator role"},
    "config.show.no_role": {
        "zh-CN": "未设置（拥有“管理服务器”或“管理子区”权限的成员是版主）",
        "en": "Not set (members with Manage Server or Manage Threads are moderators)",
    },
    "config.show.log_channel": {"zh-CN": "日志频道", "en": "Log channel"},
    "config.show.lookup_channel": {"zh-CN": "公开查询频道", "en": "Public lookup channel"},
    "config.show.no_lookup_channel": {
        "zh-CN": "未设置：查询结果只给提问者看，可用“分享到频道”按钮公开",
        "en": "none: lookups answer privately, with a “Share to channel” button",
    },
    "config.article_set": {
        "zh-CN": "本服务器现在读《{title}》。问答、讨论和查询都以这篇为准；以前的成绩和讨论记录都保留。",
        "en": "This server now reads 《{title}》. Quizzes, discussions and lookups follow it; earlier scores and discussions are kept.",
    },
    "config.article_unknown": {
        "zh-CN": "文库里没有“{name}”。输入时从列表里选一篇，或用 `/library` 查看。",
        "en": "There is no “{name}” in the library. Pick one from the list as you type, or see `/library`.",
    },
    "config.show.article": {"zh-CN": "正在读的文章", "en": "Article being read"},
    "config.lookup_set": {
        "zh-CN": "在 {channel} 中，查询结果（/excerpt、/section、/fact、/outline、/about）会公开显示；在其他频道只给提问者看。",
        "en": "Lookups (/excerpt, /section, /fact, /outline, /about) now answer publicly in {channel}; elsewhere they answer privately.",
    },
    "config.lookup_cleared": {
        "zh-CN": "查询结果现在在所有频道都只给提问者看，可用“分享到频道”按钮公开。",
        "en": "Lookups now answer privately everywhere, with a “Share to channel” button.",
    },
    "config.show.no_log": {"zh-CN": "未设置", "en": "Not set"},
    # -- the announcement role ----------------------------------------------------------------------
    "config.announce_set": {
        "zh-CN": "之后的问答和讨论开场会提醒 {role}（只提醒这个身份组）。要关闭，再用一次 `/config announce-role`，不选身份组。",
        "en": "Quiz posts and discussion openings will now ping {role} (and only that role). To turn it off, run `/config announce-role` again without a role.",
    },
    "config.announce_cleared": {
        "zh-CN": "已关闭提醒：问答和讨论开场照常发布，但不提醒任何人。",
        "en": "Announcement pings are off: quiz posts and discussion openings go out without pinging anyone.",
    },
    "config.announce_everyone": {
        "zh-CN": "不能用 @everyone 或 @here 作提醒身份组：那会打扰服务器里的每一个人。请建一个成员自愿加入的身份组（例如“读书会提醒”）再选它。设置没有更改。",
        "en": "@everyone and @here can't be the announcement role: they would ping the whole server. Create a role members can opt into (e.g. “Reading pings”) and pick that. Nothing was changed.",
    },
    "config.announce_managed": {
        "zh-CN": "{role} 由 Discord 或某个集成（机器人、服务器加成）管理，成员无法自愿加入，不能作提醒身份组。设置没有更改。",
        "en": "{role} is managed by Discord or an integration (a bot, Server Boosting), so members can't opt into it; it can't be the announcement role. Nothing was changed.",
    },
    "config.announce_not_mentionable": {
        "zh-CN": "我无法提醒 {role}：这个身份组不允许被 @提及，而我没有“提及 @everyone、@here 和所有身份组”权限。请在身份组设置里打开“允许任何人 @提及此身份组”，或给我这个权限，然后再试。设置没有更改。",
        "en": "I can't ping {role}: it isn't mentionable and I don't have “Mention @everyone, @here, and All Roles”. Turn on “Allow anyone to @mention this role” in the role's settings, or give me that permission, then try again. Nothing was changed.",
    },
    "config.show.announce_role": {"zh-CN": "提醒身份组", "en": "Announcement role"},
    "config.show.no_announce_role": {
        "zh-CN": "未设置：问答和讨论开场不提醒任何人",
        "en": "Not set: quiz posts and discussion openings ping nobody",
    },
    "config.show.announce_role_gone": {
        "zh-CN": "身份组已被删除（ID {role_id}）：不提醒任何人",
        "en": "the role was deleted (id {role_id}): nobody is pinged",
    },
    "config.log.announce_role_gone": {
        "zh-CN": "📣 提醒身份组（ID {role_id}）已被删除：问答和讨论照常发布，但不再提醒任何人。用 `/config announce-role` 另选一个，或不选以关闭提醒。",
        "en": "📣 The announcement role (id {role_id}) was deleted: quizzes and discussions still go out, but ping nobody. Pick another with `/config announce-role`, or none to turn pings off.",
    },
    "config.log.announce_role_muted": {
        "zh-CN": "📣 无法在 {channel} 提醒 {role}：身份组不允许被 @提及，而我在那里没有“提及 @everyone、@here 和所有身份组”权限。发布照常进行，但没有提醒。",
        "en": "📣 I can't ping {role} in {channel}: the role isn't mentionable and I lack “Mention @everyone, @here, and All Roles” there. Posts still go out, without the ping.",
    },
    "config.show.archive": {"zh-CN": "讨论帖自动归档", "en": "Discussion threads archive after"},
    "config.show.grace": {"zh-CN": "离线补发时限", "en": "Catch-up after downtime"},
    "config.show.grace_value": {
        "zh-CN": "机器人离线期间错过的发布，如果在 {hours} 小时内恢复，会补发",
        "en": "Posts missed while offline are still made if the bot is back within {hours} hours",
    },
}

# zh-CN names/descriptions of the commands and options, keyed by the English text.
COMMANDS_ZH: dict[str, str] = {
    "Server settings for the reading circle": "读书会的服务器设置",
    "Time zone for schedules on this server": "本服务器日程所用的时区",
    "IANA time zone name, e.g. Asia/Shanghai": "IANA 时区名称，例如 Asia/Shanghai",
    "Role whose members may run moderator commands": "成员可以使用版主命令的身份组",
    "The moderator role (leave empty to remove it)": "版主身份组（留空则取消）",
    "Choose the article this server reads now": "选择本服务器正在读的文章",
    "Pick from the library (leave empty for the library's default)": "从文库中选择（留空：使用文库默认的文章）",
    "Channel where lookups answer publicly (elsewhere they answer privately)": "查询结果公开显示的频道（其他频道只给提问者看）",
    "The channel (leave empty: lookups are private everywhere)": "频道（留空：所有频道都只给提问者看）",
    "Channel told about scheduled posts that failed": "接收定时发布失败通知的频道",
    "The log channel (leave empty to stop logging)": "日志频道（留空则停止记录）",
    "How long discussion threads stay open without new messages": "讨论帖无新消息多久后自动归档",
    "Hide the thread after this long without messages": "无新消息多久后归档讨论帖",
    "1 hour": "1 小时",
    "1 day": "1 天",
    "3 days": "3 天",
    "1 week": "1 周",
    "Show this server's settings": "查看本服务器的设置",
    "Role pinged by quiz posts and discussion openings (opt-in)": "问答和讨论开场时提醒的身份组（成员自愿加入）",
    "The role to ping (leave empty: ping nobody)": "要提醒的身份组（留空：不提醒任何人）",
}
