//! The words of ratings, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of ratings say.
    pub struct RatingTexts {
        rate_heading = "评价办理结果", "Rate how it was handled";
        rate_intro =
            "承办单位说已办结。问题真的解决了吗？只有您说解决了，才算“已解决”。",
            "The unit says it is resolved. Is it? Only your word makes it count as resolved.";
        outcome_label = "问题解决了吗？", "Was it resolved?";
        satisfaction_label = "您满意吗？", "How satisfied are you?";
        reasons_label = "主要看哪方面（可选，可多选）", "What mattered most (optional)";
        comment_label = "想说的话（可选，最多 500 字）", "Anything to add (optional, up to 500 characters)";
        rate_button = "提交评价", "Send my rating";
        your_rating_heading = "您的评价", "Your rating";
        reopen_heading = "没解决？申请重办", "Not fixed? Ask for it to be handled again";
        reopen_intro =
            "诉求会退回原承办单位重新办理。可申请至",
            "It goes back to the same unit, which must resolve it again. You can ask until";
        reopen_reason_label = "还有什么问题没解决", "What is still wrong";
        reopen_button = "申请重办", "Ask for it to be handled again";
    }
}

crate::refusals! {
    /// Why a form of ratings is refused.
    pub enum RatingRefusal {
        OutcomeRequired = "outcome", "required" =>
            "请选择问题是否解决。", "Please say whether it was resolved.";
        SatisfactionRequired = "satisfaction", "required" =>
            "请选择满意程度。", "Please say how satisfied you are.";
        ReasonsUnknown = "reasons", "unknown" => "没有这个选项。", "There is no such choice.";
        CommentTooLong = "comment", "too_long" =>
            "最多 500 字。", "The comment can be 500 characters at most.";
        ReopenSatisfied = "reopen", "satisfied" =>
            "您评价的是已解决且满意，不能重办。如有新问题，请重新提交诉求。",
            "You said it was resolved and you were satisfied, so it cannot be reopened. If something new came up, please file a new request.";
        ReopenTooLate = "reopen", "too_late" =>
            "结案已超过 7 天，不能再申请重办。请重新提交诉求。",
            "It closed more than 7 days ago and can no longer be reopened. Please file a new request.";
        ReopenUnrated = "reopen", "unrated" =>
            "这件诉求未评价已自动结案，不能重办。请重新提交诉求。",
            "It closed without a rating and cannot be reopened. Please file a new request.";
    }
}
