//! The words of topics (接诉即办 to 未诉先办), in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of topics (接诉即办 to 未诉先办) say.
    pub struct TopicTexts {
        topics_title = "每月一题", "Monthly topics";
        topics_intro =
            "每个月，全市从上月群众反映最多、最不满意的问题中，按区选出题目，由牵头单位带着协办单位集中解决，并在这里公开进展。同区同类的诉求都会链接到本题。",
            "Each month the city takes up, district by district, the problems residents raised most or were least satisfied with last month. A lead unit works on each with its partner units, and the progress is published here. Requests of that kind in that district link to the topic.";
        topics_publish_link = "发布本月题目", "Publish this month's topic";
        topics_empty = "还没有发布题目。", "No topic has been published yet.";
        topic_month: fn(&dyn std::fmt::Display) -> String =
            |month| format!("{month} 题目"),
            |month| format!("Topic of {month}");
        topic_lead_label = "牵头：", "Lead: ";
        topic_percent: fn(&dyn std::fmt::Display) -> String =
            |n| format!("已完成 {n}%"),
            |n| format!("{n}% done");
        topic_progress_label = "进展", "Progress";
        topic_deadline_label = "完成期限 ", "Deadline ";
        topic_overdue = "已超期", "Overdue";
        topic_published = "题目已发布。", "The topic is published.";
        topic_progress_posted = "进展已发布。", "The progress update is published.";
        topic_no_co_units = "无", "None";
        topic_month_label = "月份", "Month";
        topic_lead_heading = "牵头单位", "Lead unit";
        topic_co_units_heading = "协办单位", "Partner units";
        topic_co_units_hint: fn(&dyn std::fmt::Display) -> String =
            |n| format!("可多选（按住 Ctrl 或 ⌘ 点选），最多 {n} 个，可不选。"),
            |n| format!("Choose any number up to {n} (hold Ctrl or ⌘ to choose several), or none.");
        topic_target_heading = "目标", "Target";
        topic_published_label = "发布时间", "Published";
        topic_description_heading = "问题说明", "Description";
        topic_requests_link = "查看本区这一类的诉求", "See the requests of this kind in this district";
        topic_measures_link = "本区三率", "This district's performance";
        topic_requests_link_city = "查看全市这一类的诉求", "See the requests of this kind in the city";
        topic_measures_link_city = "全市三率", "The city's performance";
        topic_updates_heading = "工作进展", "Progress updates";
        topic_no_updates = "尚无进展。", "No progress update yet.";
        topic_post_heading = "发布进展", "Post a progress update";
        topic_post_hint =
            "牵头单位和协办单位（专班）的工作人员都可以报送进展，页面注明报送单位。",
            "Staff of the lead unit and of every partner unit (the task force) may post progress; the page says which unit posted it.";
        topic_posted_by_city = "市级管理员", "City administrators";
        topic_citywide = "全市（跨区）", "City-wide (across districts)";
        topic_target_count_label = "数量目标（选填，如 200000）", "A countable target (optional, such as 200000)";
        topic_target_unit_label = "计数单位（如“户”“处”）", "What is counted (homes, sites)";
        topic_reached: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |done, of, unit, percent| format!("已完成 {done} / {of} {unit}（{percent}）"),
            |done, of, unit, percent| format!("{done} of {of} {unit} done ({percent})");
        topic_chart_title: fn(&dyn std::fmt::Display) -> String =
            |unit| format!("目标与每次报送的完成数（{unit}）"),
            |unit| format!("The target and the count at each update ({unit})");
        topic_chart_desc =
            "第一条是目标，其后按时间先后是每次进展报送时的完成数（横条）。",
            "The first bar is the target; then the count reached at each update, oldest first.";
        topic_chart_target = "目标", "Target";
        topic_result_label: fn(&dyn std::fmt::Display) -> String =
            |unit| format!("目前已完成多少（{unit}，选填）"),
            |unit| format!("Reached so far ({unit}, optional)");
        topic_documents_heading = "政策文件", "Policy documents";
        topic_no_documents = "尚未列出文件。", "No document listed yet.";
        topic_document_text = "全文", "Full text";
        topic_add_document_heading = "添加政策文件", "List a policy document";
        topic_doc_title_label = "文件标题", "Title";
        topic_doc_issuer_label = "发文单位", "Issued by";
        topic_doc_date_label = "发文日期", "Date of issue";
        topic_doc_link_label = "链接（https://…，选填）", "Link (https://…, optional)";
        topic_doc_text_label = "正文或摘要（没有链接时必填）", "Text or summary (required without a link)";
        topic_add_document_button = "添加文件", "List the document";
        topic_document_added = "文件已列出。", "The document is listed.";
        topic_percent_label = "完成比例（0–100）", "Done, in per cent (0–100)";
        topic_update_label = "进展说明", "What was done";
        topic_post_button = "发布进展", "Post the update";
        topic_title_label = "题目", "Title";
        topic_deadline_heading = "完成期限", "Deadline";
        topics_new_title = "发布每月一题", "Publish a monthly topic";
        topics_new_intro: fn(&dyn std::fmt::Display) -> String =
            |month| format!("以下候选来自 {month} 的三率数据，按区和分类统计：诉求最多的，和满意率最低的（至少 5 件评价）。点“以此立题”把区和分类填进表单。"),
            |month| format!("The candidates come from the measures of {month}, by district and category: the most requests, and the lowest satisfaction (among those rated 5 times or more). \"Take it up\" fills the district and category into the form.");
        topics_most_filed = "诉求最多", "Most requests";
        topics_least_satisfied = "满意率最低", "Lowest satisfaction";
        topics_no_candidates = "上月没有可作候选的数据。", "Last month has nothing to propose.";
        topics_filed = "诉求量", "Requests";
        topics_rated = "评价数", "Rated";
        topics_satisfaction = "满意率", "Satisfaction";
        topics_taken = "本月已立题", "Taken up this month";
        topics_choose = "以此立题", "Take it up";
        topics_form_heading = "题目内容", "The topic";
        topics_publish_button = "发布题目", "Publish the topic";
        topic_of_request = "每月一题", "Monthly topic";
    }
}

crate::refusals! {
    /// Why a form of topics (接诉即办 to 未诉先办) is refused.
    pub enum TopicRefusal {
        CategoryRequired = "category", "required" => "请选择分类。", "Please choose a category.";
        ChangeUnknown = "change", "unknown" => "没有这种操作。", "There is no such change.";
        TitleRequired = "title", "required" => "请填写题目。", "Please give the topic a title.";
        TitleTooLong = "title", "too_long" =>
            "题目最多 60 字。", "The title can have 60 characters at most.";
        TitleFormat = "title", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        DescriptionRequired = "description", "required" =>
            "请写明问题说明。", "Please describe the problem.";
        TargetRequired = "target", "required" => "请写明要达到的目标。", "Please say what the target is.";
        TargetTooLong = "target", "too_long" =>
            "目标最多 200 字。", "The target can have 200 characters at most.";
        TargetFormat = "target", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        DistrictRequired = "district", "required" => "请选择区。", "Please choose a district.";
        DistrictUnknown = "district", "unknown" => "没有这个区。", "That district does not exist.";
        CategoryTaken = "category", "taken" =>
            "本区本月已有这一分类的题目。", "This district already has this month's topic for that category.";
        LeadUnitRequired = "lead_unit", "required" => "请选择牵头单位。", "Please choose the lead unit.";
        LeadUnitUnknown = "lead_unit", "unknown" => "没有这个承办单位。", "That unit does not exist.";
        CoUnitsRequired = "co_units", "required" =>
            "协办单位代码不对，请从列表里选。", "A partner unit's code is wrong: please choose from the list.";
        CoUnitsUnknown = "co_units", "unknown" => "所选单位不存在。", "A chosen unit does not exist.";
        CoUnitsLead = "co_units", "lead" =>
            "牵头单位不必再列为协办单位。", "The lead unit cannot also be a partner unit.";
        CoUnitsTooMany = "co_units", "too_many" =>
            "协办单位最多 10 个。", "A topic can have 10 partner units at most.";
        DeadlineFormat = "deadline", "format" =>
            "请填写完成期限（年-月-日）。", "Please give the deadline as a date (year-month-day).";
        DeadlinePast = "deadline", "past" => "完成期限不能早于今天。", "The deadline cannot be before today.";
        TopicRequired = "topic", "required" => "没有指明是哪个题目。", "The form does not say which topic.";
        PercentFormat = "percent", "format" =>
            "请填写 0 到 100 之间的整数。", "Please give a whole number from 0 to 100.";
        DescriptionTooLong = "description", "too_long" =>
            "内容最多2000字。", "The description can have 2,000 characters at most.";
        UpdateRequired = "update", "required" => "请写明进展。", "Please say what was done.";
        TargetCountFormat = "target_count", "format" =>
            "数量目标请填写正整数（如 200000），没有可不填。", "Give the target as a whole number above 0 (such as 200000), or leave it empty.";
        TargetUnitRequired = "target_unit", "required" =>
            "请写明数的是什么（如“户”“处”）。", "Please say what is counted (homes, sites).";
        TargetUnitTooLong = "target_unit", "too_long" =>
            "单位最多 10 字，写成一行。", "The unit is one line of 10 characters at most.";
        ResultFormat = "result", "format" =>
            "已完成数量请填写整数，没有可不填。", "Give the count reached as a whole number, or leave it empty.";
        DocTitleRequired = "doc_title", "required" => "请填写文件标题。", "Please give the document's title.";
        DocTitleTooLong = "doc_title", "too_long" =>
            "文件标题最多 100 字，写成一行。", "The title is one line of 100 characters at most.";
        DocIssuerRequired = "doc_issuer", "required" => "请填写发文单位。", "Please say who issued it.";
        DocIssuerTooLong = "doc_issuer", "too_long" =>
            "发文单位最多 60 字，写成一行。", "The issuer is one line of 60 characters at most.";
        DocDateFormat = "doc_date", "format" =>
            "请填写发文日期（年-月-日）。", "Please give the date of issue (year-month-day).";
        DocLinkFormat = "doc_link", "format" =>
            "链接应以 http:// 或 https:// 开头，不含空格，最多 500 字符。", "A link starts with http:// or https://, has no spaces, and is 500 characters at most.";
        DocTextRequired = "doc_text", "required" =>
            "请填写链接或正文，至少一项。", "Please give a link or the text, at least one.";
        DocTextTooLong = "doc_text", "too_long" =>
            "正文最多 2000 字。", "The text can have 2,000 characters at most.";
        UpdateTooLong = "update", "too_long" =>
            "进展说明最多 2000 字。", "The update can have 2,000 characters at most.";
    }
}
