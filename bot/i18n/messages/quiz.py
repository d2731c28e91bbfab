"""Texts for the quiz: commands, the public post (shown in both languages), replies to one member."""

MESSAGES: dict[str, dict[str, str]] = {
    "quiz.board.article": {"zh-CN": "《{title}》的问答", "en": "Quizzes on 《{title}》"},
    "quiz.board.every_article": {"zh-CN": "所有文章的问答", "en": "Quizzes on every article"},
    "quiz.stats.per_article": {"zh-CN": "按文章", "en": "Per article"},
    "quiz.stats.article_line": {
        "zh-CN": "《{title}》：{answered} 题中答对 {right} 题",
        "en": "《{title}》: {right} of {answered} right",
    },
    # -- the public post and its results (labels "中文 · English", sentences with English subtext) --
    "quiz.post.title": {"zh-CN": "📝 每周问答 #{id}", "en": "Weekly quiz #{id}"},
    "quiz.post.closes": {"zh-CN": "截止", "en": "Closes"},
    "quiz.post.answered": {"zh-CN": "{count} 人已作答", "en": "{count} answered"},
    "quiz.post.no_answers": {"zh-CN": "还没有人作答", "en": "no answers yet"},
    "quiz.post.footer": {"zh-CN": "以第一次作答为准", "en": "Your first answer counts"},
    "quiz.results.title": {
        "zh-CN": "📝 每周问答 #{id}（已结束）",
        "en": "Weekly quiz #{id} (closed)",
    },
    "quiz.results.answer": {"zh-CN": "答案", "en": "Answer"},
    "quiz.results.explanation": {"zh-CN": "解析", "en": "Explanation"},
    "quiz.results.source": {"zh-CN": "原文出处", "en": "Source"},
    "quiz.results.distribution": {"zh-CN": "作答分布", "en": "How people answered"},
    "quiz.results.total": {"zh-CN": "共 {count} 人作答", "en": "{count} answered"},
    "quiz.results.correct_members": {"zh-CN": "答对（{count}）", "en": "Got it right ({count})"},
    "quiz.results.nobody_correct": {"zh-CN": "这次没有人答对", "en": "Nobody this time"},
    "quiz.results.more": {"zh-CN": "另有 {count} 人", "en": "and {count} more"},
    "quiz.results.missing_question": {
        "zh-CN": "这道题已不在题库中；正确答案是 {letter}",
        "en": "This question is no longer in the question bank; the answer was {letter}",
    },
    "quiz.results.notice": {
        "zh-CN": "📝 问答 #{id} 已结束：{total} 人中 {right} 人答对。答案和解析见上方问答。",
        "en": "Quiz #{id} has closed: {right} of {total} right. The answer and explanation are in the post above.",
    },
    "quiz.results.notice_nobody": {
        "zh-CN": "📝 问答 #{id} 已结束，这次没有人作答。答案和解析见上方问答。",
        "en": "Quiz #{id} has closed; nobody answered this time. The answer and explanation are in the post above.",
    },
    # -- clicks on the answer buttons (the option is echoed, not only its letter) --
    "quiz.answer.recorded": {
        "zh-CN": "已记录你的答案 **{letter}**：\n> {option}\n问答将于 {closes} 结束并公布结果。",
        "en": "Your answer **{letter}** is recorded:\n> {option}\nThe quiz closes and shows its results on {closes}.",
    },
    "quiz.answer.already": {
        "zh-CN": "你已经选择了 **{letter}**：\n> {option}\n以第一次作答为准，不能更改。",
        "en": "You already answered **{letter}**:\n> {option}\nYour first answer is final.",
    },
    "quiz.answer.closed": {
        "zh-CN": "抱歉，这次问答已于 {closed} 结束，不再接受作答。答案和解析见问答消息。",
        "en": "Sorry, this quiz closed on {closed} and no longer takes answers. The answer and explanation are in the quiz post.",
    },
    "quiz.answer.unknown": {
        "zh-CN": "抱歉，这次问答已不存在。",
        "en": "Sorry, this quiz no longer exists.",
    },
    # -- moderator commands --
    "quiz.scheduled": {
        "zh-CN": "已创建每周问答日程 {id}：每{weekday} {time}（{timezone}）在 {channel} 发布，每题开放 {hours} 小时。下一次：{next}。",
        "en": "Quiz schedule {id} created: every {weekday} at {time} ({timezone}) in {channel}; each quiz stays open {hours} h. Next quiz: {next}.",
    },
    "quiz.schedule_duplicate": {
        "zh-CN": "问答日程 {id} 已经在同一频道、同一时间发布问答，无需重复创建。",
        "en": "Quiz schedule {id} already posts a quiz in that channel at that time.",
    },
    "quiz.too_many_schedules": {
        "zh-CN": "每个服务器最多 {max} 个问答日程。请先用 `/quiz-mod unschedule` 删除一个。",
        "en": "A server can have at most {max} quiz schedules. Remove one with `/quiz-mod unschedule` first.",
    },
    "quiz.bot_missing_permissions": {
        "zh-CN": "我无法在 {channel} 发布问答，缺少以下权限：{permissions}。请在该频道授予这些权限后再试。",
        "en": "I can't post quizzes in {channel}: I'm missing {permissions}. Grant these in that channel and try again.",
    },
    "quiz.schedules.event": {"zh-CN": "📅 服务器活动", "en": "📅 server event"},
    "quiz.schedules.title": {"zh-CN": "每周问答日程", "en": "Weekly quiz schedules"},
    "quiz.schedules.line": {
        "zh-CN": "**问答日程 {id}** · 每{weekday} {time}（{timezone}）· {channel} · 开放 {hours} 小时\n　下一次：{next}",
        "en": "**Quiz schedule {id}** · every {weekday} at {time} ({timezone}) · {channel} · open {hours} h\n　next: {next}",
    },
    "quiz.schedules.none": {
        "zh-CN": "还没有问答日程。版主可以用 `/quiz-mod schedule` 创建。",
        "en": "There are no quiz schedules yet. Moderators can add one with `/quiz-mod schedule`.",
    },
    "quiz.unscheduled": {
        "zh-CN": "已删除问答日程 {id}，之后不会再按它发布问答。已发布的问答照常到点结束。",
        "en": "Quiz schedule {id} removed; it will post no more quizzes. Quizzes already posted close as planned.",
    },
    "quiz.schedule_not_found": {
        "zh-CN": "本服务器没有问答日程 {id}。用 `/quiz schedules` 查看现有日程。",
        "en": "There is no quiz schedule {id} in this server. `/quiz schedules` lists them.",
    },
    "quiz.posted": {
        "zh-CN": "问答 #{id} 已发布到 {channel}（[查看问答]({link})），将于 {closes} 截止。",
        "en": "Quiz #{id} is posted in {channel} ([open it]({link})); it closes on {closes}.",
    },
    "quiz.already_open": {
        "zh-CN": "{channel} 已有一道进行中的问答 #{id}，将于 {closes} 截止。如需提前结束，请用 `/quiz-mod close`。",
        "en": "Quiz #{id} is already open in {channel} until {closes}. Use `/quiz-mod close` to end it early.",
    },
    "quiz.no_questions": {
        "zh-CN": "《{title}》还没有问答题目：可以先用 `/excerpt`、`/section` 和讨论帖读它，题目写好后就能开始问答。",
        "en": "《{title}》 has no quiz questions yet: read it with `/excerpt`, `/section` and the discussion threads meanwhile; the quiz starts once its questions are written.",
    },
    "quiz.no_questions_in_section": {
        "zh-CN": "“{section}”还没有问答题目。请从列表中选择其他章节。",
        "en": "There are no quiz questions for “{section}”. Pick another section from the list.",
    },
    "quiz.bad_channel": {
        "zh-CN": "问答只能发布在文字频道或子区中。",
        "en": "Quizzes can only be posted in a text channel or a thread.",
    },
    "quiz.post_failed": {
        "zh-CN": "Discord 拒绝了问答消息：{detail}",
        "en": "Discord refused the quiz post: {detail}",
    },
    "quiz.none_open": {
        "zh-CN": "{channel} 目前没有进行中的问答。",
        "en": "There is no open quiz in {channel}.",
    },
    "quiz.closed_now": {
        "zh-CN": "已提前结束 {channel} 的问答 {ids}，答案和结果已公布在问答消息中。",
        "en": "Closed quiz {ids} in {channel}; the answer and results are now in the post.",
    },
    # -- weekdays and periods --
    "quiz.weekday.mon": {"zh-CN": "周一", "en": "Monday"},
    "quiz.weekday.tue": {"zh-CN": "周二", "en": "Tuesday"},
    "quiz.weekday.wed": {"zh-CN": "周三", "en": "Wednesday"},
    "quiz.weekday.thu": {"zh-CN": "周四", "en": "Thursday"},
    "quiz.weekday.fri": {"zh-CN": "周五", "en": "Friday"},
    "quiz.weekday.sat": {"zh-CN": "周六", "en": "Saturday"},
    "quiz.weekday.sun": {"zh-CN": "周日", "en": "Sunday"},
    "quiz.period.week": {"zh-CN": "本周", "en": "this week"},
    "quiz.period.month": {"zh-CN": "本月", "en": "this month"},
    "quiz.period.all": {"zh-CN": "累计", "en": "all time"},
    # -- scores (the board lists members with at least one right answer) --
    "quiz.leaderboard.title": {
        "zh-CN": "🏆 问答排行榜（{period}）",
        "en": "🏆 Quiz leaderboard ({period})",
    },
    "quiz.leaderboard.line": {
        "zh-CN": "{rank} {member} · 答对 {correct}/{answered}（{accuracy}）",
        "en": "{rank} {member} · {correct}/{answered} correct ({accuracy})",
    },
    "quiz.leaderboard.tied": {"zh-CN": " · 并列", "en": " · tied"},
    "quiz.leaderboard.empty": {
        "zh-CN": "还没有人答对过已结束的问答。",
        "en": "Nobody has got a closed quiz right yet.",
    },
    "quiz.leaderboard.empty_period": {
        "zh-CN": "{period}还没有人答对过已结束的问答。",
        "en": "Nobody has got a closed quiz right {period} yet.",
    },
    "quiz.leaderboard.footer": {
        "zh-CN": "列出至少答对一题的成员，只计算已结束的问答；答对数相同时，作答次数少者居前",
        "en": "Members with at least one right answer, closed quizzes only; on equal right answers, fewer attempts ranks higher",
    },
    "quiz.leaderboard.you": {
        "zh-CN": "你排第 {place} 名（答对 {correct}/{answered}）。",
        "en": "You're {place} ({correct} of {answered} right).",
    },
    "quiz.leaderboard.you_tied_one": {
        "zh-CN": "你与另外 1 人并列第 {place} 名（答对 {correct}/{answered}）。",
        "en": "You're tied for {place} with one other member ({correct} of {answered} right).",
    },
    "quiz.leaderboard.you_tied": {
        "zh-CN": "你与另外 {others} 人并列第 {place} 名（答对 {correct}/{answered}）。",
        "en": "You're tied for {place} with {others} others ({correct} of {answered} right).",
    },
    "quiz.leaderboard.you_none": {
        "zh-CN": "你还没有上榜：答对一题就能上榜。",
        "en": "You're not on this board yet: one right answer puts you on it.",
    },
    "quiz.stats.title": {"zh-CN": "{member} 的问答统计", "en": "Quiz stats for {member}"},
    "quiz.stats.title_you": {"zh-CN": "你的问答统计", "en": "Your quiz stats"},
    "quiz.stats.none": {
        "zh-CN": "{member} 还没有已结束问答的作答记录。",
        "en": "{member} has no answers to closed quizzes yet.",
    },
    "quiz.stats.none_you": {
        "zh-CN": "你还没有答过已结束的问答。",
        "en": "You haven't answered a closed quiz yet.",
    },
    "quiz.stats.answered": {"zh-CN": "作答", "en": "Answered"},
    "quiz.stats.correct": {"zh-CN": "答对", "en": "Correct"},
    "quiz.stats.accuracy": {"zh-CN": "正确率", "en": "Accuracy"},
    "quiz.stats.current_streak": {"zh-CN": "当前连对", "en": "Current streak"},
    "quiz.stats.best_streak": {"zh-CN": "最长连对", "en": "Best streak"},
    "quiz.stats.rank": {"zh-CN": "总排名", "en": "Rank"},
    "quiz.stats.place": {"zh-CN": "第 {place} 名", "en": "{place}"},
    "quiz.stats.place_tied": {
        "zh-CN": "并列第 {place} 名（{count} 人）",
        "en": "tied for {place} ({count} members)",
    },
    "quiz.stats.unranked": {
        "zh-CN": "未上榜",
        "en": "not on the board yet",
    },
    "quiz.stats.awaiting": {
        "zh-CN": "另有 {count} 个答案等问答结束后计分",
        "en": "Answers waiting for their quiz to close: {count}",
    },
    "quiz.stats.awaiting_you": {
        "zh-CN": "你还有 {count} 个答案等问答结束后计分",
        "en": "Your answers waiting for their quiz to close: {count}",
    },
    # -- practice --
    "quiz.practice.title": {"zh-CN": "📖 练习题", "en": "📖 Practice question"},
    "quiz.practice.section": {"zh-CN": "章节", "en": "Section"},
    "quiz.practice.footer": {
        "zh-CN": "练习不计分，只有你能看到",
        "en": "Practice is private and not scored",
    },
    "quiz.section_choice": {
        "zh-CN": "{section}（{count} 题）",
        "en": "{section} ({count} questions)",
    },
    "quiz.practice.right": {"zh-CN": "✅ 答对了：{letter}", "en": "✅ Correct: {letter}"},
    "quiz.practice.wrong": {
        "zh-CN": "❌ 你选了 {chosen}，正确答案是 {letter}",
        "en": "❌ You chose {chosen}; the answer is {letter}",
    },
    "quiz.practice.explanation": {"zh-CN": "解析", "en": "Explanation"},
    "quiz.practice.source": {"zh-CN": "原文出处", "en": "Source"},
    "quiz.practice.next": {"zh-CN": "下一题", "en": "Next question"},
    "quiz.practice.not_yours": {
        "zh-CN": "这是别人的练习题。用 `/quiz practice` 开始你自己的练习。",
        "en": "This practice question belongs to someone else. Start your own with `/quiz practice`.",
    },
}

# zh-CN names and descriptions of the commands, options and choices, keyed by the English text.
COMMANDS_ZH: dict[str, str] = {
    "Also add each week's quiz as a server event members can mark as interested (default off)": "同时把每周的问答添加为服务器活动，成员可以点“感兴趣”（默认关闭）",
    "Moderators: schedule, post and close quizzes": "版主：安排、发布和结束问答",
    "Count every article's quizzes (default: the article we read now)": "统计所有文章的问答（默认：只统计正在读的文章）",
    "Weekly quiz on the article": "关于文章的每周问答",
    "Post a quiz every week in a channel": "每周在某个频道发布问答",
    "List the weekly quiz schedules": "列出每周问答日程",
    "Remove a weekly quiz-mod schedule": "删除一个每周问答日程",
    "Post a quiz question right away": "立即发布一道问答题",
    "Close the open quiz in a channel now": "提前结束频道中进行中的问答",
    "Who answered the most quiz questions correctly": "答对问答最多的成员",
    "Quiz answers, accuracy and streaks of a member": "成员的问答作答数、正确率与连对纪录",
    "A private practice question, not scored": "一道只有你能看到的练习题，不计分",
    "Channel the quiz is posted in": "发布问答的频道",
    "Day of the week": "星期几",
    "Time of day as HH:MM, in the server's time zone": "时间，格式 HH:MM，按服务器时区",
    "Hours each quiz stays open (default 24)": "每道题开放的小时数（默认 24）",
    "Number of the schedule, as listed by /quiz schedules": "日程编号，见 /quiz schedules",
    "Channel to post in (default: this one)": "发布到哪个频道（默认：当前频道）",
    "Ask about this section": "出自这个章节的题目",
    "Channel of the quiz (default: this one)": "问答所在频道（默认：当前频道）",
    "Time span (default: all time)": "时间范围（默认：全部）",
    "Whose statistics (default: yours)": "查看谁的统计（默认：你自己）",
    "Practise on this section": "练习这个章节",
    "Monday": "星期一",
    "Tuesday": "星期二",
    "Wednesday": "星期三",
    "Thursday": "星期四",
    "Friday": "星期五",
    "Saturday": "星期六",
    "Sunday": "星期日",
    "This week": "本周",
    "This month": "本月",
    "All time": "全部",
}
