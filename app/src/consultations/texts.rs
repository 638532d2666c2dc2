//! The words of consultations (议事厅), in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of consultations (议事厅) say.
    pub struct ConsultationTexts {
        /// Results are followed live but fewer than {n} residents have voted.
        consultation_results_withheld: fn(&dyn std::fmt::Display) -> String =
            |n| format!("投票进行中：至少 {n} 位居民投票后才显示结果，之后每新增或改动 {n} 张选票更新一次，这样谁也看不出某一位邻居投了什么。"),
            |n| format!("Voting is under way: results show once at least {n} residents have voted, and then move each time {n} more ballots are cast or changed, so nobody can tell how one neighbour voted.");
        consultations_title = "议事厅", "Consultations";
        consultations_intro =
            "群众的事商量着办。社区、街乡、区和市里的工作人员把大家关心的事拿出来商量；经过居住认证的本区域居民可以投票，投票截止前可以改票。每次议事都会公布结果和落实情况。",
            "Residents decide together. Area staff put questions to the residents of their community, street, district or the city; residents verified there may vote and change their ballot until it closes. Every consultation ends with a published outcome.";
        consultations_new_link = "发起议事（工作人员）", "Start a consultation (staff)";
        consultations_empty = "还没有议事。", "No consultation yet.";
        consultations_new_title = "发起议事", "Start a consultation";
        consultation_abstain = "弃权", "Abstain";
        consultation_abstain_label = "提供“弃权”选项", "Offer \"abstain\"";
        consultation_area_label = "议事范围（区域代码）", "Area (its code)";
        consultation_area_hint =
            "您负责的区域，或其中的街道、社区。",
            "Your area, or a street or community within it.";
        consultation_background = "背景", "Background";
        consultation_title_label = "标题", "Title";
        consultation_question_label = "要商量的问题", "The question";
        consultation_options_label = "选项（每行一个，2–20 个）", "Options (one per line, 2 to 20)";
        consultation_options_hint = "“弃权”不必写在这里，下面勾选即可。", "Leave \"abstain\" out: tick it below.";
        consultation_max_label = "每人最多选几项（1 为单选）", "Choices per resident (1: a single choice)";
        consultation_results_label = "结果何时公布", "When results show";
        consultation_opens_label = "开始时间（北京时间）", "Opens (Beijing time)";
        consultation_closes_label = "截止时间（北京时间）", "Closes (Beijing time)";
        consultation_create_button = "保存为草稿", "Save as a draft";
        consultation_created =
            "已保存为草稿。检查无误后点“发布”。",
            "Saved as a draft. Publish it once it is right.";
        consultation_step_done = "已完成。", "Done.";
        consultation_voted =
            "您的投票已记录。截止前可以改票。",
            "Your ballot is counted. You may change it until it closes.";
        consultation_decided = "结果已公布。", "The outcome is published.";
        consultation_single = "单选", "One choice";
        consultation_multiple: fn(&dyn std::fmt::Display) -> String =
            |n| format!("多选，最多 {n} 项"),
            |n| format!("Up to {n} choices");
        consultation_results_heading = "投票结果", "Results";
        consultation_option = "选项", "Option";
        consultation_votes = "票数", "Ballots";
        consultation_turnout =
            "已投 {ballots} 票，本区域可投票居民 {eligible} 人，参与率 {share}。",
            "{ballots} ballots of {eligible} residents who may vote in the area: {share} turnout.";
        consultation_your_ballot = "您的选择：", "Your ballot: ";
        consultation_vote_heading = "投票", "Vote";
        consultation_change_heading = "改票", "Change your ballot";
        consultation_vote_button = "提交投票", "Cast the ballot";
        consultation_outcome_heading = "议事结果", "Outcome";
        consultation_outcome_what = "决定做什么", "What will be done";
        consultation_outcome_by = "由谁负责", "By whom";
        consultation_outcome_due = "何时完成", "By when";
        consultation_outcome_form = "公布议事结果", "Publish the outcome";
        consultation_decide_button = "公布结果", "Publish the outcome";
        consultation_staff_heading = "工作人员操作", "Staff";
        consultation_publish = "发布", "Publish";
        consultation_close = "立即截止", "Close now";
        consultation_awaiting: fn(&dyn std::fmt::Display) -> String =
            |days| format!("已截止，待公布结果（已过 {days} 天）"),
            |days| format!("Closed, awaiting decision ({days} days)");
        consultation_requests_heading = "由这些诉求发起", "Opened from these requests";
        discussion_heading = "讨论", "Discussion";
        discussion_who =
            "本区域经过认证的居民和工作人员可以发表意见、回复。",
            "Residents verified in this area, and its staff, may comment and reply.";
        discussion_empty = "还没有人发言。", "Nobody has commented yet.";
        discussion_comment_label = "您的意见", "Your comment";
        comment_button = "发表", "Post";
        comment_reply = "回复", "Reply";
        comment_reply_button = "发表回复", "Post reply";
        comment_staff_badge = "工作人员", "Staff";
        comment_hidden: fn(&dyn std::fmt::Display) -> String =
            |reason| format!("该评论已被社区工作人员隐藏。理由：{reason}"),
            |reason| format!("Hidden by the community's staff. Reason: {reason}");
        comment_report = "举报", "Report";
        comment_reported = "已举报", "Reported";
        comment_reports: fn(&dyn std::fmt::Display) -> String =
            |n| format!("被举报 {n} 次"),
            |n| format!("Reported {n} times");
        comment_hide = "隐藏", "Hide";
        comment_hide_reason = "隐藏理由（会公开显示）", "Reason (shown to everyone)";
        consultation_commented = "已发表。", "Posted.";
        consultation_comment_reported = "已举报，工作人员会查看。", "Reported. Staff will look at it.";
        consultation_comment_hidden = "已隐藏该评论。", "The comment is hidden.";
        consultation_updated = "进展已发布。", "Progress posted.";
        consultation_progress_heading = "落实进展", "Progress";
        consultation_no_updates = "还没有进展。", "No progress posted yet.";
        consultation_update_label = "最新进展", "What has been done";
        consultation_update_button = "发布进展", "Post progress";
        consultation_live = "实时更新", "Updating live";
        consultation_closed_early = "提前截止", "closed early";
        /// Why an open consultation shows no ballot to this viewer, and where to go about it.
        no_ballot_sign_in =
            "本区域通过认证的居民登录后可以在这里投票。",
            "Residents verified in this area can vote here once signed in.";
        no_ballot_staff = "只有居民可以投票，工作人员账号不能投票。", "Only residents vote: staff accounts cannot.";
        no_ballot_unverified =
            "只有在本区域通过居民认证的居民可以投票，您还没有通过这里的认证。",
            "Only residents verified in this area can vote, and you are not verified here yet.";
        no_ballot_verify_link = "申请居民认证", "Ask to be verified";
        consultation_sources_heading = "从诉求发起议事", "Start from residents' requests";
        consultation_sources_intro =
            "本区域未办结的诉求，按社区和类别分组。选一组，下面的表单会预先填好。",
            "Open requests in your area, by community and category. Choose one and the form below is filled in.";
        consultation_sources_empty = "本区域暂无未办结的诉求。", "No open requests in your area.";
        consultation_source_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, category, n| format!("{community} · {category}：{n} 件未办结"),
            |community, category, n| format!("{community} · {category}: {n} open");
        consultation_source_choose = "以此发起", "Start from these";
        hot_spot_badge = "热点", "Hot spot";
        /// A draft's title, opened from a hot spot: (community, category, open requests).
        consultation_prefill_title: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, category, _| format!("关于{community}“{category}”问题的议事"),
            |community, category, _| format!("{category} in {community}: what should we do?");
        consultation_prefill_background: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, category, n| {
                format!("近期{community}有 {n} 件“{category}”诉求尚未办结。请大家一起商量解决办法。")
            },
            |community, category, n| {
                format!("{community} has {n} open requests about {category}. Let us decide together what to do.")
            };
        consultation_requests_label =
            "关联的诉求（取消勾选即不关联）",
            "Linked requests (untick to leave one out)";
        consultation_reported_badge: fn(&dyn std::fmt::Display) -> String =
            |n| format!("{n} 条评论被举报，待处理"),
            |n| format!("{n} reported comments to review");
        request_consultation = "议事厅", "Consultation";
        request_consultation_outcome = "议事结果：", "Outcome: ";
    }
}

crate::refusals! {
    /// Why a form of consultations (议事厅) is refused.
    pub enum ConsultationRefusal {
        ReasonRequired = "reason", "required" => "请写明原因。", "Please give the reason.";
        ReasonTooLong = "reason", "too_long" =>
            "原因不能超过2000字。", "The reason can be 2,000 characters at most.";
        StepUnknown = "step", "unknown" => "这个操作不存在。", "There is no such step.";
        AreaRequired = "area", "required" =>
            "请填写区域代码（见“区域”页面）。", "Please give an area code (see Areas).";
        AreaUnknown = "area", "unknown" => "没有这个代码的区域。", "No area has that code.";
        OptionsTooFew = "options", "too_few" => "至少要有 2 个选项。", "Give at least 2 options.";
        OptionsTooMany = "options", "too_many" => "最多 20 个选项。", "20 options at most.";
        OptionsTooLong = "options", "too_long" =>
            "每个选项最多 200 字。", "An option can have 200 characters at most.";
        OptionsRepeated = "options", "repeated" => "有重复的选项。", "An option is there twice.";
        OptionsRequired = "options", "required" => "请至少选一项。", "Please choose at least one option.";
        OptionsTooManyChosen = "options", "too_many_chosen" =>
            "选的项数超过了上限。", "That is more choices than allowed.";
        OptionsUnknown = "options", "unknown" =>
            "所选选项不属于这次议事。", "A chosen option is not one of this consultation's.";
        OptionsAbstainAlone = "options", "abstain_alone" =>
            "选择“弃权”时不能再选其他项。", "Abstaining cannot go with another choice.";
        MaxChoicesFormat = "max_choices", "format" =>
            "请填写 1 到选项个数之间的整数。", "Give a whole number from 1 to the number of options.";
        ResultsShownRequired = "results_shown", "required" =>
            "请选择结果何时公布。", "Please choose when the results show.";
        OpensAtFormat = "opens_at", "format" => "请填写日期和时间。", "Please give a date and time.";
        ClosesAtFormat = "closes_at", "format" => "请填写日期和时间。", "Please give a date and time.";
        ClosesAtBeforeOpen = "closes_at", "before_open" =>
            "截止时间要晚于开始时间。", "It must close after it opens.";
        ClosesAtPast = "closes_at", "past" => "截止时间已经过去了。", "That closing time has passed.";
        AreaOutside = "area", "outside" =>
            "只能在您负责的区域内发起议事。", "You may only consult within your own area.";
        QuestionRequired = "question", "required" => "请写明要商量的问题。", "Please write the question.";
        QuestionTooLong = "question", "too_long" =>
            "问题最多 200 字。", "The question can have 200 characters at most.";
        QuestionFormat = "question", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        BackgroundRequired = "background", "required" => "请写明背景。", "Please give the background.";
        BackgroundTooLong = "background", "too_long" =>
            "背景最多 4000 字。", "The background can have 4,000 characters at most.";
        BallotNotOpen = "ballot", "not_open" => "现在不在投票时间内。", "Voting is not open now.";
        BallotNotVerified = "ballot", "not_verified" =>
            "只有经过居住认证的本区域居民可以投票。请先在“我的账号”页面申请认证。",
            "Only residents verified in this area may vote. Ask to be verified on “My account”.";
        StatusNotNow = "status", "not_now" =>
            "现在不能这样操作，请刷新页面看看最新情况。",
            "That cannot be done now. Reload the page to see where it stands.";
        PlanRequired = "plan", "required" => "请写明决定做什么。", "Please say what will be done.";
        PlanTooLong = "plan", "too_long" => "最多 4000 字。", "4,000 characters at most.";
        ByRequired = "by", "required" => "请写明由谁负责。", "Please say who will do it.";
        ByTooLong = "by", "too_long" => "最多 200 字。", "200 characters at most.";
        ByFormat = "by", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        DueFormat = "due", "format" => "请填写完成日期。", "Please give the date.";
        BodyRequired = "body", "required" => "请写下您的意见。", "Write your comment.";
        BodyTooLong = "body", "too_long" => "最多 1000 字。", "At most 1,000 characters.";
        BodyNotVerified = "body", "not_verified" =>
            "只有本区域经过认证的居民和工作人员可以参与讨论。",
            "Only residents verified in this area, and its staff, may take part.";
        ParentUnknown = "parent", "unknown" =>
            "只能回复本议事中的评论，且只能回复一层。",
            "You can only reply to a comment of this consultation, one level deep.";
        RequestsUnknown = "requests", "unknown" => "关联的诉求有误。", "A linked request is not valid.";
        RequestsOutside = "requests", "outside" =>
            "关联的诉求须尚未办结，且在议事范围内。",
            "Linked requests must be open and within the consultation's area.";
        TitleRequired = "title", "required" => "请填写题目。", "Please give the topic a title.";
        TitleTooLong = "title", "too_long" =>
            "题目最多 60 字。", "The title can have 60 characters at most.";
        TitleFormat = "title", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        UpdateRequired = "update", "required" => "请写明进展。", "Please say what was done.";
        UpdateTooLong = "update", "too_long" =>
            "进展说明最多 2000 字。", "The update can have 2,000 characters at most.";
    }
}
