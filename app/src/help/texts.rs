//! The words of the help page, in both languages.

/// A question and its answer.
pub type Answer = (&'static str, &'static str);

crate::catalogue! {
    /// What the help page says.
    pub struct HelpTexts {
        help_title = "使用帮助", "Help";
        help_intro =
            "常见问题的简短回答。找不到答案，可以随时拨打 12345。",
            "Short answers to what people ask most. If yours is not here, call 12345 at any time.";
        help_answers: [Answer; 5] =
            [
                (
                    "怎样提出诉求？",
                    "登录后点“提出诉求”：先选社区，再说明是什么事、在哪里，可以附上照片。提交后会得到一个受理编号。",
                ),
                (
                    "受理编号有什么用？",
                    "凭受理编号可以随时在“查询进度”里查看办理情况。不公开的诉求，还需要输入您手机号的后 4 位。",
                ),
                (
                    "多久会有人联系我？",
                    "诉求页面上写着回复期限和办结期限。承办单位要在回复期限前联系您；超过期限会标成红色，并记录在案。",
                ),
                (
                    "我的电话号码会被别人看到吗？",
                    "不会。公开的诉求里，电话号码和身份证号都会被遮盖；您也可以选择不公开这件诉求。",
                ),
                (
                    "办得不满意怎么办？",
                    "办结后请您评价是否解决、是否满意。如果没有解决或不满意，结案后 7 天内可以申请重办。",
                ),
            ],
            [
                (
                    "How do I file a request?",
                    "Sign in and choose \"File a request\": first your community, then what happened and where, with photos if you like. You get a tracking number.",
                ),
                (
                    "What is the tracking number for?",
                    "With it you can follow your request at any time under \"Track a request\". For a private request you also give the last 4 digits of your phone number.",
                ),
                (
                    "When will somebody contact me?",
                    "The request's page shows a respond-by and a resolve-by deadline. The unit must contact you before the first; a missed deadline turns red and is on record.",
                ),
                (
                    "Will others see my phone number?",
                    "No. In a public request, phone and ID numbers are masked, and you may also keep a request private.",
                ),
                (
                    "What if I am not satisfied?",
                    "Once it is resolved, say whether it was and how satisfied you are. If it was not resolved or you are dissatisfied, you may reopen it within 7 days of its closing.",
                ),
            ];
        help_large_text =
            "字太小？点页面顶部的“长辈模式”，字会变大，颜色更清楚。",
            "Text too small? Choose \"Large text\" at the top of the page: the text grows and the colours get stronger.";
        help_phone =
            "不方便上网，也可以直接拨打 12345 热线，接线员会帮您登记。",
            "If the web is not for you, call the 12345 hotline: the operator files the request for you.";
    }
}
