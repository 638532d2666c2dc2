//! The words of handling requests (the staff workspace), in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of handling requests (the staff workspace) say.
    pub struct HandlingTexts {
        /// A private request in a staff queue.
        private_badge = "不公开", "Private";
        staff_title = "工作台", "Workspace";
        intake_title = "待派单", "Intake queue";
        intake_intro =
            "新提交和被退回的诉求，最早的在前。点开一件，确认承办单位后派单。",
            "New and returned requests, oldest first. Open one, confirm the unit and dispatch it.";
        unit_queue_title = "本单位待办", "Our unit's queue";
        unit_queue_intro =
            "先是等待本单位报到的吹哨，然后是派给本单位的诉求，时限最近的在前。",
            "First the whistles waiting for our check-in, then the requests dispatched to us, nearest deadline first.";
        queue_empty = "现在没有待办的诉求。", "Nothing is waiting.";
        staff_only =
            "工作台只对派单员和承办单位的工作人员开放。",
            "The workspace is for dispatchers and handling units.";
        proposed_label = "建议承办单位", "Proposed unit";
        rule_reason: fn(&dyn std::fmt::Display) -> String =
            |area| format!("按派单规则（{area}）"),
            |area| format!("By routing rule ({area})");
        rule_fallback = "按属地：所在街道", "By place: the street office";
        returns_label: fn(&dyn std::fmt::Display) -> String =
            |n| format!("退回{n}次"),
            |n| format!("Returned {n}×");
        summons_from: fn(&dyn std::fmt::Display) -> String =
            |unit| format!("{unit}吹哨召集"),
            |unit| format!("Summoned by {unit}");
        check_in_deadline_label = "报到截止", "Check in by";
        passed_from: fn(&dyn std::fmt::Display) -> String =
            |unit| format!("{unit}转来"),
            |unit| format!("Passed on by {unit}");
        staff_heading = "办理", "Handle it";
        urgent_label = "紧急（按紧急时限办理）", "Urgent (the shorter deadlines apply)";
        reason_label = "退回原因（不属于本单位职责的理由）", "Why it is returned (why it is not our remit)";
        respond_note_label =
            "联系市民的情况（市民可见）",
            "How the resident was contacted (the resident sees this)";
        progress_note_label = "进展", "Progress";
        progress_public_label = "市民可见（不勾选则只有工作人员可见）", "The resident sees it (unticked: staff only)";
        closure_label = "办结类型", "How it was closed";
        explanation_label = "办结说明（公开，市民会看到）", "Explanation (public: the resident reads it)";
        units_label = "召集哪些单位", "Units to summon";
        whistle_reason_label = "吹哨事由", "Why they are summoned";
        check_in_note_label = "报到说明（选填）", "Note (optional)";
        contribution_label = "本单位的办理情况", "What our unit did";
        into_label = "合并到哪件诉求（编号）", "Merge into (tracking number)";
        new_category_label = "新类别（时限随之重新计算）", "New category (the deadlines follow it)";
        summons_heading = "吹哨报到", "Whistle and check-in";
        checked_in_label = "已报到", "Checked in";
        check_in_pending = "等待报到", "Waiting for check-in";
        late_badge = "超时", "Late";
        passes_heading = "街道与社区之间的流转", "Between the street office and the community";
        passed_down_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |from, to| format!("{from} 下派给 {to}"),
            |from, to| format!("{from} passed it down to {to}");
        passed_up_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |from, to| format!("{from} 上报给 {to}"),
            |from, to| format!("{from} passed it up to {to}");
        taken_label = "已签收", "Taken";
        take_pending = "等待签收", "Waiting to be taken";
        take_deadline_label = "签收时限", "Take by";
        community_choice_label = "下派给哪个社区", "Pass down to which community";
        pass_down_note_label = "交办说明（选填）", "Note for the community (optional)";
        pass_up_reason_label = "上报原因（社区为什么办不了）", "Why the community cannot settle it";
        confirm_note_label = "确认说明（选填，如现场核实情况）", "Note (optional: what you saw on site)";
        send_back_reason_label = "哪里还没解决", "What is still not fixed";
        found_case_link = "立案主动治理", "Open a case";
        hot_spot_case = "已立案：", "Case opened:";
        record_found_link = "登记主动发现的问题", "Record a problem you found";
        summoned_label = "评价哪个单位", "Which unit";
        arrived_label = "到位（是否按时到场）", "Arrived (on time, in person)";
        cooperation_label = "配合", "Co-operation";
        result_label = "效果", "Result";
        rating_comment_label = "评语（选填，仅工作人员可见）", "Comment (optional, staff only)";
        score_choose = "请打分", "Score";
        score_labels: [&'static str; 5] =
            ["1 很差", "2 较差", "3 一般", "4 较好", "5 很好"],
            ["1 very poor", "2 poor", "3 fair", "4 good", "5 very good"];
        summons_rating_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |a, c, r| format!("街道评价：到位 {a} · 配合 {c} · 效果 {r}"),
            |a, c, r| format!("Rated: arrived {a} · co-operation {c} · result {r}");
        back_to_queue = "返回工作台", "Back to the workspace";
        evidence_label = "办理结果照片（可选，最多 4 张）", "Photos of the result (optional, up to 4)";
        previous_page = "上一页", "Previous page";
        pages_label = "分页", "Pages";
        hot_spots_heading = "热点：未诉先办", "Hot spots: act before they call";
        hot_spots_intro =
            "同一社区 7 天内已有多件同类诉求未办结。建议主动上门排查、统一处理，不必等更多居民来电。",
            "Several open requests of one kind in one community this week. Go and look, and deal with them together, before more residents have to call.";
        hot_spot_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, street, category, n| format!("{community}（{street}）· {category}：7 天内 {n} 件未办结"),
            |community, street, category, n| format!("{community} ({street}) · {category}: {n} open requests in 7 days");
        hot_spot_link = "查看这些诉求", "See them";
        answer_label =
            "答复内容（市民会看到；公开的诉求，答复也公开）",
            "The answer (the resident reads it; on a public request, so does everyone)";
        answer_hint =
            "无需单位办理的（多为咨询），由热线直接答复办结；市民评价不满意可申请重办，重办回到派单员。",
            "When no unit needs to act (most inquiries), the hotline answers and closes it; if the resident reopens it, it comes back to the dispatchers.";
        standard_answer_label = "从标准答复库选用", "Start from a standard answer";
        standard_answer_use = "填入这条答复", "Use this answer";
    }
}

crate::refusals! {
    /// Why a form of handling requests (the staff workspace) is refused.
    pub enum HandlingRefusal {
        CategoryRequired = "category", "required" => "请选择分类。", "Please choose a category.";
        NoteRequired = "note", "required" => "请填写内容。", "Please write something here.";
        UnitRequired = "unit", "required" => "请选择承办单位。", "Please choose a unit.";
        UnitUnknown = "unit", "unknown" => "没有这个承办单位。", "That unit does not exist.";
        UnitsRequired = "units", "required" => "请至少选择一个单位。", "Please choose at least one unit.";
        UnitsTooMany = "units", "too_many" => "一次最多召集10个单位。", "Up to 10 units at a time.";
        UnitsUnknown = "units", "unknown" => "所选单位不存在。", "A chosen unit does not exist.";
        UnitsOwn = "units", "own" => "不能召集本单位。", "You cannot summon your own unit.";
        ReasonTooLong = "reason", "too_long" =>
            "原因不能超过2000字。", "The reason can be 2,000 characters at most.";
        ExplanationRequired = "explanation", "required" =>
            "请写办结说明，市民会看到。", "Please write the explanation: the resident reads it.";
        ExplanationTooLong = "explanation", "too_long" =>
            "办结说明不能超过2000字。", "The explanation can be 2,000 characters at most.";
        ClosureRequired = "closure", "required" => "请选择办结类型。", "Please choose how it was closed.";
        IntoInvalid = "into", "invalid" =>
            "诉求编号的格式是：日期-序号，例如 20261126-000123。", "A tracking number looks like 20261126-000123.";
        IntoUnknown = "into", "unknown" => "没有这个编号的诉求。", "No request has that number.";
        IntoSame = "into", "same" => "不能合并到它自己。", "A request cannot be merged into itself.";
        IntoFinished = "into", "finished" =>
            "那件诉求已经结束，不能再合并进去。", "That request is finished; nothing can be merged into it.";
        StepUnknown = "step", "unknown" => "这个操作不存在。", "There is no such step.";
        ReasonRequired = "reason", "required" => "请写明原因。", "Please give the reason.";
        CommunityRequired = "community", "required" => "请选择社区。", "Please choose a community.";
        SummonedRequired = "summoned", "required" => "请选择要评价的单位。", "Please choose the unit to rate.";
        SummonedUnknown = "summoned", "unknown" =>
            "本单位没有召集这个单位。", "Your unit did not summon that unit.";
        SummonedNotContributed = "summoned", "not_contributed" =>
            "这个单位还没有报送协同办理情况，报送后才能评价。", "That unit has not posted its part yet; rate it once it has.";
        SummonedRatedAlready = "summoned", "rated_already" =>
            "已经评价过这个单位，每次召集只评价一次。", "You have rated that unit already: once per summons.";
        ArrivedRequired = "arrived", "required" => "请为“到位”打 1–5 分。", "Please score “arrived” from 1 to 5.";
        CooperationRequired = "cooperation", "required" => "请为“配合”打 1–5 分。", "Please score “co-operation” from 1 to 5.";
        ResultRequired = "result", "required" => "请为“效果”打 1–5 分。", "Please score “result” from 1 to 5.";
        CommentTooLong = "comment", "too_long" =>
            "评语不能超过2000字。", "The comment can be 2,000 characters at most.";
        AnswerRequired = "answer", "required" =>
            "请写答复内容，市民会看到。", "Please write the answer: the resident reads it.";
        AnswerTooLong = "answer", "too_long" =>
            "答复不能超过2000字。", "The answer can be 2,000 characters at most.";
        CommunityNotOurs = "community", "not_ours" =>
            "只能下派给本街道（乡镇）的社区。", "You can pass it down only to a community of your own street.";
    }
}
