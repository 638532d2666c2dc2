//! The words of organisations' reports and resource asks, in both languages, and the refusals
//! of their forms.

crate::catalogue! {
    /// What the organisation parts of the volunteering pages say.
    pub struct OrganisationTexts {
        report_heading = "单位到社区报到", "Report an organisation";
        report_hint =
            "机关、企事业单位的党组织到社区或街道报到，写明联系人和能提供的资源（至少一项），由社区或街道确认。联系人的电话只有确认的工作人员能看到。",
            "A legal entity's party organisation reports to a community or a street with a contact and what it can offer (one thing at least); that area's staff confirm it. Only they see the contact's number.";
        area_label = "报到到", "Report to";
        name_label = "单位党组织名称", "The organisation";
        contact_name_label = "联系人", "Contact";
        contact_phone_label = "联系人手机号", "Contact's mobile number";
        resources_legend = "资源清单（填写能提供的）", "What it offers (fill in what applies)";
        resource_hint: fn(usize) -> &'static str =
            |i| ["例如：会议室一间，可容纳 30 人，周末可用", "例如：每月可派 5 名党员参加社区活动", "例如：法律咨询、家电维修", "例如：每年捐助物资 1 万元"].get(i).copied().unwrap_or(""),
            |i| ["For example: a meeting room for 30, free at weekends", "For example: 5 members a month for community events", "For example: legal advice, appliance repair", "For example: goods worth 10,000 yuan a year"].get(i).copied().unwrap_or("");
        report_button = "提交报到", "Report";
        mine_heading = "我联系的单位", "Organisations I am the contact for";
        asks_to_me_heading = "社区的资源需求", "What communities ask of them";
        staff_heading: fn(&dyn std::fmt::Display) -> String =
            |n| format!("报到单位（{n}）"),
            |n| format!("Organisations reporting ({n})");
        asks_heading = "资源需求与答复", "Asks for resources, and answers";
        contact = "联系人：", "Contact: ";
        reason = "原因：", "Reason: ";
        ask_summary = "提出需求", "Ask for this";
        what_label = "需要什么", "What is needed";
        needed_on_label = "哪天需要", "Needed on";
        ask_button = "提出需求", "Ask";
        asked_by: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |area, day| format!("{area}，{day} 需要：", ),
            |area, day| format!("{area}, needed on {day}: ");
        answer_label = "说明（选填）", "Note (optional)";
        agree_button = "同意提供", "Agree";
        decline_button = "无法提供", "Cannot provide";
        answer_hint = "无法提供的原因", "Why it cannot";
        answer_said = "答复：", "Answer: ";
        done_reported = "已提交，请等待社区或街道确认。", "Sent. The community's or street's staff will confirm it.";
        done_asked = "需求已发给单位联系人。", "The ask went to the organisation's contact.";
        done_answered = "已答复，社区会收到通知。", "Answered. The community is told.";
        none = "暂无。", "None.";
    }
}

crate::refusals! {
    /// Why an organisation's form is refused.
    pub enum OrganisationRefusal {
        AreaRequired = "area", "required" => "请选择报到到哪里。", "Please choose where it reports.";
        AreaOutside = "area", "outside" =>
            "只能报到到您所在的社区或街道。", "Report to your home community or its street.";
        NameRequired = "name", "required" => "请写明单位党组织名称。", "Please name the organisation.";
        NameTooLong = "name", "too_long" => "最多 100 字。", "100 characters at most.";
        NameFormat = "name", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        NameLive = "name", "live" =>
            "这个单位已经报到过，或正在等待确认。", "That organisation has reported there already.";
        ContactRequired = "contact_name", "required" => "请写明联系人。", "Please give the contact.";
        ContactTooLong = "contact_name", "too_long" => "最多 100 字。", "100 characters at most.";
        ContactFormat = "contact_name", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        ContactPhoneFormat = "contact_phone", "format" =>
            "请填写 11 位手机号。", "Please give an 11-digit mobile number.";
        RoomTooLong = "room", "too_long" => "最多 200 字。", "200 characters at most.";
        PeopleTooLong = "people", "too_long" => "最多 200 字。", "200 characters at most.";
        SkillTooLong = "skill", "too_long" => "最多 200 字。", "200 characters at most.";
        MoneyTooLong = "money", "too_long" => "最多 200 字。", "200 characters at most.";
        ResourcesRequired = "resources", "required" =>
            "请至少填写一项能提供的资源。", "Please say at least one thing it offers.";
        WhatRequired = "what", "required" => "请写明需要什么。", "Please say what is needed.";
        WhatTooLong = "what", "too_long" => "最多 200 字。", "200 characters at most.";
        NeededOnFormat = "needed_on", "format" => "请填写日期。", "Please give the date.";
        NeededOnPast = "needed_on", "past" => "日期不能早于今天。", "The day cannot be before today.";
        ResourceNotServing = "resource", "not_serving" =>
            "这个单位尚未确认或已结束报到。", "That organisation is not confirmed, or no longer reports.";
        ResourceOutside = "resource", "outside" =>
            "这个单位不在您负责的区域报到。", "That organisation reports outside your area.";
        AnswerUnknown = "answer", "unknown" => "没有这种答复。", "There is no such answer.";
        NoteRequired = "note", "required" => "请写明无法提供的原因。", "Please say why it cannot.";
        NoteTooLong = "note", "too_long" =>
            "说明不能超过2000字。", "The note can be 2,000 characters at most.";
        AskAnswered = "answer", "answered" =>
            "这项需求已经答复过了。", "That ask has been answered already.";
    }
}
