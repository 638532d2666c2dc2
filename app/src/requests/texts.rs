//! The words of requests, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of requests say.
    pub struct RequestTexts {
        /// Whose word a closed request's closure code is (the unit's, not the resident's rating).
        closure_by_unit = "承办单位认定：", "The unit's finding: ";
        /// On the timeline, a closing by the resident's rating, before its outcome.
        closed_by_rating = "市民评价：", "the resident's rating: ";
        file_title = "提出诉求", "File a request";
        file_intro =
            "说清楚是什么事、在哪里。提交后会得到受理编号，可以随时查询办理进度。",
            "Say what happened and where. You get a tracking number to follow it at any time.";
        file_place_step = "第一步：事情发生在哪个社区", "Step 1: the community where it happens";
        file_details_step = "第二步：诉求内容", "Step 2: your request";
        kind_label = "类型", "Type";
        category_label = "分类", "Category";
        address_label = "详细地址或地标（选填）", "Address or landmark (optional)";
        description_label = "请描述事情经过（10–2000字）", "Describe what happened (10–2,000 characters)";
        public_label =
            "公开这件诉求（其他居民能看到内容，电话和身份证号会被遮盖）",
            "Make this request public (others can read it; phone and ID numbers are masked)";
        show_name_label = "公开显示我的称呼", "Show my name publicly";
        submit_request = "提交诉求", "Submit the request";
        staff_cannot_file =
            "工作人员请在派单工作台为来电市民登记诉求。",
            "Staff file requests for callers in the dispatcher workspace.";
        filed_notice =
            "已收到您的诉求。请记下受理编号：",
            "Your request has been received. Please note its tracking number:";
        filed_deadline = "承办单位会在这个时间以前联系您：", "The unit handling it will contact you by:";
        request_title = "诉求", "Request";
        status_label = "状态", "Status";
        respond_by_label = "回复期限", "Respond by";
        resolve_by_label = "办结期限", "Resolve by";
        filed_at_label = "提交时间", "Filed";
        unit_label = "承办单位", "Handled by";
        unit_pending = "等待派单", "Waiting to be dispatched";
        place_label = "地点", "Place";
        visibility_label = "是否公开", "Visibility";
        public_yes = "公开", "Public";
        public_no = "不公开", "Private";
        resident_label = "提出人", "Filed by";
        seconds_label = "附议人数", "Seconded by";
        description_heading = "诉求内容", "What it is about";
        timeline_heading = "办理过程", "What has happened";
        private_request =
            "这是一件不公开的诉求：只有提出人和办理人员能看到内容。",
            "This request is private: only the resident who filed it and the staff handling it can read it.";
        add_info_heading = "补充信息", "Add information";
        note_label = "补充内容", "What to add";
        add_info_submit = "提交补充", "Add it";
        withdraw_heading = "撤回诉求", "Withdraw the request";
        withdraw_text =
            "在承办单位接单以前，您可以撤回这件诉求。",
            "You can withdraw the request until a unit accepts it.";
        withdraw_button = "撤回这件诉求", "Withdraw this request";
        hours_left: fn(&dyn std::fmt::Display) -> String =
            |n| format!("还剩 {n} 小时"),
            |n| format!("{n} hours left");
        overdue = "已超时", "Overdue";
        mine_title = "我的诉求", "My requests";
        mine_empty = "这里还没有诉求。", "No requests here yet.";
        status_filter_label = "按状态筛选", "Filter by status";
        all_statuses = "全部", "All";
        older = "更早的诉求", "Older requests";
        lookup_title = "查询诉求进度", "Track a request";
        lookup_intro = "输入受理编号，不用登录也能查询办理进度。", "Enter the tracking number: no need to sign in.";
        number_label = "受理编号（例如 20261126-000123）", "Tracking number (e.g. 20261126-000123)";
        tail_label =
            "手机号后4位（不公开的诉求才需要）",
            "Last 4 digits of the phone number (private requests only)";
        tail_hint =
            "不公开的诉求，要填提交时所用手机号的后4位才能查询。",
            "A private request can be looked up only with the last 4 digits of the phone number it was filed with.";
        /// A request page found nothing: the number is wrong, or the request is private.
        request_not_found_hint =
            "没有找到这个编号的诉求。请核对编号；如果是不公开的诉求，请在“查询进度”页同时填写手机号后4位。",
            "No request with this number was found. Please check the number; for a private request, give the last 4 digits of the phone number as well on the look-up page.";
        lookup_submit = "查询", "Look it up";
        public_title = "大家的诉求", "Public requests";
        public_intro =
            "公开的诉求和办理进度。遇到同样的事，点进去附议，不用重复提交。",
            "Requests made public, and how they are going. If the same happens to you, second it instead of filing again.";
        any_district = "全部区", "All districts";
        any_street = "全部街道", "All streets";
        any_category = "全部分类", "All categories";
        public_empty = "没有符合条件的诉求。", "No requests match.";
        second_button = "我也遇到了（附议）", "Me too (second it)";
        seconded_notice = "您已附议这件诉求。", "You have seconded this request.";
        similar_title = "是不是其中一件？", "Is it one of these?";
        similar_intro =
            "同一社区最近有这些同类诉求还在办理。如果是同一件事，附议就可以，不用重复提交。",
            "These requests of the same kind in the same community are still open. If it is the same matter, second it instead of filing again.";
        not_duplicate_label = "都不是，我要提交新的诉求", "None of these: file mine";
        photos_label =
            "照片（选填，最多4张，每张不超过8MB，JPEG、PNG或WebP）",
            "Photos (optional: up to 4, 8 MB each, JPEG, PNG or WebP)";
        photos_heading = "照片", "Photos";
        photo_alt = "诉求照片", "Photo of the request";
        photos_choose_again = "如有照片，请重新选择。", "If you had chosen photos, please choose them again.";
        upload_too_large_title = "上传的内容太大", "Upload too large";
        /// The way back from the page that says a post was too large.
        back = "返回", "Go back";
        upload_too_large =
            "每张照片不能超过8MB，一次最多4张。请返回，换小一点的照片再提交。",
            "Each photo can be 8 MB at most, and 4 at a time. Please go back and choose smaller photos.";
        draft_restored = "已恢复您上次没有提交完的内容。", "What you had typed but not submitted is back.";
        urgent_badge = "紧急", "Urgent";
        step_done: fn(&dyn std::fmt::Display) -> String =
            |step| format!("已完成：{step}"),
            |step| format!("Done: {step}");
        internal_badge = "内部", "Internal";
        merged_notice =
            "这件诉求和另一件是同一件事，已合并办理。请关注：",
            "This request is the same matter as another and was merged into it. Follow:";
        category_search_label = "搜索类别", "Search categories";
        category_search_placeholder =
            "输入关键词查找类别，如：噪音",
            "Type a word to find a category, e.g. noise";
        category_no_match =
            "没有找到匹配的类别，请换个词，或直接在下面的列表中选择。",
            "No category matches. Try another word, or choose from the list below.";
        locate_button = "使用我现在的位置", "Use my current position";
        locating = "正在定位……", "Finding your position…";
        /// "{m}": metres.
        located = "已附上您的位置（误差约{m}米）。", "Your position is attached (within about {m} m).";
        locate_failed =
            "没能获取您的位置。不要紧，填写地址就可以。",
            "Your position could not be found. That's fine: the address is enough.";
        uploading = "正在上传", "Uploading";
        upload_failed =
            "网络中断，诉求还没有提交。您填写的内容都还在，请再提交一次。",
            "The connection dropped and the request was not filed. Everything you typed is still here; please submit again.";
        found_title = "登记主动发现的问题", "Record a problem you found";
        steward_report_title = "小巷管家上报", "Report from your patch";
        steward_report_hint =
            "作为小巷管家上报巡查中发现的问题，直接进入社区居委会的待办，办理的每一步都会通知您。",
            "As lane steward, report a problem you found on patrol: it goes straight to the community committee's queue, and you hear of each step.";
        found_intro =
            "街道、社区在巡查、热点研判、议事协商中发现的问题，或群众当面反映的问题，在这里立案，按同一流程办理：可以自己办结、下派或上报，也可以吹哨召集相关部门。不需要市民评价，办结后由街道确认。",
            "Problems street and community staff found on patrol, from a hot spot, in a consultation, or heard in person are recorded here and handled the same way: settle it yourselves, pass it down or up, or blow the whistle on departments. No resident rates it: the street office confirms the fix.";
        found_heading = "发现情况", "How it was found";
        more_units: fn(&dyn std::fmt::Display) -> String =
            |n| format!("区政府、街道办事处（{n} 个）"),
            |n| format!("District governments and street offices ({n})");
        found_notice = "已立案，编号", "Case recorded. Its number:";
        found_deadline = "办结时限：", "To be settled by:";
        source_label = "怎么发现的", "How it was found";
        summon_label = "同时召集这些部门（吹哨，可不选）", "Summon these departments now (whistle; optional)";
        summon_hint =
            "被召集的单位会收到通知，须在时限内报到。",
            "The units summoned are told and must check in in time.";
        submit_found = "立案", "Record the case";
        source_fact = "来源", "Source";
        linked_heading = "关联诉求", "Requests it answers";
        caller_heading = "来电人", "The caller";
        caller_intro =
            "代来电市民登记：按号码找到（或建立）其记录，市民用这个号码注册后即可查看办理进度。",
            "Filing for a hotline caller: their number finds their record (or makes one), and they can follow the request by registering with it.";
        caller_phone_label = "来电号码", "Caller's mobile number";
        caller_name_label = "来电人称呼", "How to address the caller";
    }
}

crate::refusals! {
    /// Why a form of requests is refused.
    pub enum RequestRefusal {
        KindRequired = "kind", "required" => "请选择诉求类型。", "Please choose the type.";
        CategoryRequired = "category", "required" => "请选择分类。", "Please choose a category.";
        CategoryUnknown = "category", "unknown" =>
            "没有这个分类，请重新选择。", "There is no such category. Please choose again.";
        CategoryNotALeaf = "category", "not_a_leaf" =>
            "请选择具体的小类，不能只选大类。", "Please choose a specific category, not just its group.";
        AddressTooLong = "address", "too_long" =>
            "地址最多200个字。", "The address can have 200 characters at most.";
        DescriptionTooShort = "description", "too_short" =>
            "请至少写10个字，说明是什么事、在哪里。",
            "Please write at least 10 characters: what happened, and where.";
        DescriptionTooLong = "description", "too_long" =>
            "内容最多2000字。", "The description can have 2,000 characters at most.";
        PositionInvalid = "position", "invalid" =>
            "位置信息不对，请清除后重新获取。", "The position is not valid. Please clear it and try again.";
        IdempotencyKeyMissing = "idempotency_key", "missing" =>
            "这张表单已失效，请刷新页面后重新提交。",
            "This form has expired. Please reload the page and submit again.";
        NoteRequired = "note", "required" => "请填写内容。", "Please write something here.";
        NoteTooLong = "note", "too_long" =>
            "补充内容最多2000字。", "What you add can have 2,000 characters at most.";
        NumberFormat = "number", "format" =>
            "受理编号是8位日期、一条横线和6位数字，例如 20261126-000123。",
            "A tracking number is an 8-digit date, a dash and 6 digits, e.g. 20261126-000123.";
        TailFormat = "tail", "format" =>
            "请填手机号的最后4位数字。", "Please give the last 4 digits of the phone number.";
        StatusNotAllowed = "status", "not_allowed" =>
            "这件诉求现在不能这样操作。", "This cannot be done to the request now.";
        SimilarFound = "similar", "found" =>
            "同一社区最近已有同类诉求，请先看看下面是不是同一件事。",
            "Similar requests were filed in this community recently: please check below whether yours is one of them.";
        PhotosType = "photos", "type" =>
            "只能上传 JPEG、PNG 或 WebP 格式的照片。", "Only JPEG, PNG or WebP photos can be uploaded.";
        PhotosTooManyPixels = "photos", "too_many_pixels" =>
            "照片尺寸太大（长和宽都不能超过8000像素）。",
            "The photo is too large (8,000 pixels at most on each side).";
        PhotosUnreadable = "photos", "unreadable" =>
            "这张照片打不开，请换一张。", "This photo cannot be read. Please choose another.";
        PhotosTooLarge = "photos", "too_large" => "每张照片不能超过8MB。", "Each photo can be 8 MB at most.";
        PhotosTooMany = "photos", "too_many" => "最多上传4张照片。", "Up to 4 photos.";
        SecondOwn = "second", "own" => "这是您自己的诉求。", "This is your own request.";
        SecondClosed = "second", "closed" =>
            "这件诉求已经办结或撤回，不能再附议。", "This request is resolved or withdrawn and cannot be seconded.";
        SecondAlready = "second", "already" =>
            "您已经附议过这件诉求。", "You have seconded this request already.";
        CommunityRequired = "community", "required" =>
            "请选择您所在的社区。", "Please choose your community.";
        CommunityNotACommunity = "community", "not_a_community" =>
            "请选择一个社区（村），不能选街道或区。",
            "Please choose a community or village, not a street or district.";
        CallerPhoneFormat = "caller_phone", "format" =>
            "请填写来电人的 11 位手机号码。", "Please enter the caller's 11-digit mobile number.";
        CallerPhoneRequired = "caller_phone", "required" =>
            "请填写来电号码：热线是代来电市民登记。",
            "Please enter the caller's number: the hotline files for a caller.";
        CallerPhoneStaff = "caller_phone", "staff" =>
            "这个号码是工作人员账号，请填写来电人本人的号码。",
            "That number is a staff account's; please use the caller's own number.";
        CallerNameRequired = "caller_name", "required" =>
            "请填写来电人称呼（如：王女士）。", "Please say how to address the caller (e.g. 王女士).";
        CallerNameTooLong = "caller_name", "too_long" => "最多 20 个字。", "At most 20 characters.";
        SourceUnknown = "source", "unknown" => "请选择问题是怎么发现的。", "Please choose how the problem was found.";
        SourceNotFinder = "source", "not_a_finder" =>
            "只有街道和社区的工作人员可以登记主动发现的问题。",
            "Only street and community staff record problems they found.";
        CommunityNotOurs = "community", "not_ours" =>
            "这个社区不在你们的辖区，请选择本辖区的社区。",
            "That community is not in your area; please choose one of yours.";
        SummonTooMany = "summon", "too_many" => "一次最多召集 10 个单位。", "At most 10 units at once.";
        SummonInvalid = "summon", "invalid" => "请从列表中选择要召集的单位。", "Please choose the units from the list.";
        SummonUnknown = "summon", "unknown" => "没有这个单位，请从列表中选择。", "No such unit; please choose from the list.";
        SummonOwn = "summon", "own" => "不能召集本单位。", "You cannot summon your own unit.";
    }
}
