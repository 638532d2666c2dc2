//! The words of the home page, in both languages.

crate::catalogue! {
    /// What the pages of the home page say.
    pub struct HomeTexts {
        home_title = "有事找12345，接诉即办", "Call 12345, and it gets done";
        home_intro =
            "在这里提出诉求、反映问题、提出建议，跟踪办理进度直到解决，并对办理结果作出评价。",
            "File a request or a complaint, follow it until it is resolved, and say how well it was handled.";
        home_hotline_title = "一拨就灵的热线，搬到网上", "The hotline that works, now in your browser";
        home_hotline_text =
            "每一件诉求都会派给负责的街乡或部门，在规定时限内响应和办结；办得好不好，由您说了算。",
            "Every request goes to the street office or department responsible, which must answer and resolve it by a deadline. Whether it was done well is for you to say.";
        home_steps_title = "怎么办理", "How it works";
        home_steps: [&'static str; 4] =
            [
                "提出诉求：说明事情、地点，可附照片",
                "派单：12345 把诉求派给负责的单位",
                "办理：单位在时限内联系您并解决问题",
                "评价：您评价是否解决、是否满意，不满意可以重办",
            ],
            [
                "File: say what happened and where, with photos if you like",
                "Dispatch: 12345 sends it to the unit responsible",
                "Handle: the unit contacts you and fixes it within the deadline",
                "Rate: say whether it was resolved and how satisfied you are; reopen it if not",
            ];
        home_browse_areas = "查看北京市各区、街道和社区", "Browse Beijing's districts, streets and communities";
        /// The home page's lookup card and, for a signed-in resident, their open requests.
        home_lookup_title = "查询办理进度", "Track a request";
        home_mine_title = "我正在办理的诉求", "My open requests";
        home_mine_empty = "您没有正在办理的诉求。", "You have no open requests.";
        home_mine_all = "查看我的全部诉求", "All my requests";
        home_unread = "未读消息", "Unread messages";
    }
}
