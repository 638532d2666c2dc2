//! The words of the inbox, in both languages.

crate::catalogue! {
    /// What the pages of the inbox say.
    pub struct InboxTexts {
        inbox_empty =
            "还没有消息。诉求有进展时，这里会告诉您。",
            "Nothing yet. When something happens to a request, you will find it here.";
        mark_all_read = "全部标为已读", "Mark all as read";
        unread_label = "未读", "Unread";
        /// A hot-spot notification's label, and its line ({community}, {category}, {n}).
        hot_spot_label = "热点预警", "Hot spot";
        hot_spot_notice: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, category, n| format!("{community}「{category}」7 天内 {n} 件未办结"),
            |community, category, n| format!("{category} in {community}: {n} open requests in 7 days");
    }
}
