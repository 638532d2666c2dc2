//! The words of the standard answers library, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the library's page says.
    pub struct AnswerTexts {
        answers_title = "标准答复库", "Standard answers";
        answers_intro =
            "派单员直接答复咨询时，可以从这里选一条再修改。每条可以指定适用的类别；不指定就适用于所有类别。已发出的答复各自保存，修改或删除这里的条目不影响它们。",
            "When a dispatcher answers an inquiry at intake, they can start from one of these and edit it. Each may name the categories it answers; naming none makes it fit every category. Answers already sent keep their own text: editing or removing an entry here does not change them.";
        answers_only = "标准答复库只对系统管理员开放。", "The library is for administrators.";
        answers_empty = "库里还没有答复。", "The library is empty.";
        answers_new = "新增一条", "Add an answer";
        answers_edit = "修改", "Edit";
        answers_title_label = "标题（派单员选用时看到）", "Title (what the dispatcher picks by)";
        answers_body_label = "答复内容（市民会看到）", "The answer (the resident reads it)";
        answers_categories_label = "适用类别（可多选；不选则适用于所有类别）", "Categories it answers (any number; none: every category)";
        answers_any_category = "适用于所有类别", "Every category";
        answers_save = "保存", "Save";
        answers_remove = "删除这条", "Remove it";
        answers_saved = "已保存。", "Saved.";
        answers_removed = "已删除。", "Removed.";
        answers_updated: fn(&dyn std::fmt::Display) -> String =
            |at| format!("更新于 {at}"),
            |at| format!("Updated {at}");
        answers_back = "返回系统管理", "Back to administration";
    }
}

crate::refusals! {
    /// Why a form of the library is refused.
    pub enum AnswerRefusal {
        EditUnknown = "edit", "unknown" => "这个操作不存在。", "There is no such change.";
        IdInvalid = "id", "invalid" => "没有指明是哪一条答复。", "Which answer is it? The form does not say.";
        EntryUnknown = "id", "unknown" => "这条答复已不存在（可能已被删除）。", "That answer no longer exists (it may have been removed).";
        TitleRequired = "title", "required" => "请填写标题。", "Please give it a title.";
        TitleTooLong = "title", "too_long" => "标题只能一行，最多100字。", "The title is one line of 100 characters at most.";
        BodyRequired = "body", "required" => "请填写答复内容。", "Please write the answer.";
        BodyTooLong = "body", "too_long" => "答复不能超过2000字。", "The answer can be 2,000 characters at most.";
        CategoriesTooMany = "categories", "too_many" => "最多选择40个类别。", "Up to 40 categories.";
        CategoriesInvalid = "categories", "invalid" => "所选类别不存在。", "A chosen category does not exist.";
    }
}
