//! The words of volunteering, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the volunteering pages say.
    pub struct VolunteerTexts {
        volunteers_title = "志愿服务", "Volunteering";
        volunteers_intro =
            "小巷管家、社区志愿者和到社区报到的在职党员，一起守护家门口的事。加入后可以报名社区的值守班次。您的手机号不会公开。",
            "Lane stewards, community volunteers and working party members who report to their community look after what happens at home. Once you serve, you can sign up for the community's duty shifts. Your phone number is never shown.";
        volunteers_signed_out =
            "登录后可以加入本社区志愿者队伍、到社区报到，并报名值守班次。",
            "Sign in to join your community's volunteers, report to it as a party member and sign up for duty shifts.";
        volunteers_staff_only =
            "此页面供居民和社区、街乡、区级工作人员使用。",
            "This page is for residents and area staff.";
        my_roles_heading = "我的志愿身份", "How I serve";
        my_roles_none = "您还没有加入志愿服务。", "You do not serve yet.";
        role_patch = "负责片区：", "Patch: ";
        role_starts_on = "起始日期：", "From: ";
        role_organisation = "所在党组织：", "Party organisation: ";
        role_reason = "原因：", "Reason: ";
        join_heading = "加入社区志愿者队伍", "Join the community's volunteers";
        join_hint =
            "提交后由您所在社区的工作人员确认。",
            "Your community's staff confirm it.";
        join_button = "申请加入", "Ask to join";
        report_heading = "在职党员到社区报到（双报到）", "Report to your community as a working party member (双报到)";
        report_hint =
            "写明您工作单位的党组织，社区确认后即可认领社区需求和值守班次。",
            "Name your employer's party organisation. Once your community confirms, you can take on its needs and duty shifts.";
        organisation_label = "工作单位党组织名称", "Your employer's party organisation";
        report_button = "到社区报到", "Report to the community";
        shifts_heading = "值守班次（未来两周）", "Duty shifts (the next two weeks)";
        shifts_none = "暂无值守班次。", "No duty shifts.";
        shifts_serve_first =
            "社区确认您的志愿身份后，可以在这里报名值守班次。",
            "Once your community confirms how you serve, you can sign up for its duty shifts here.";
        shift_places: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |taken, places| format!("已报名 {taken}/{places} 人"),
            |taken, places| format!("{taken} of {places} places taken");
        shift_covered = "已满员", "Covered";
        shift_short: fn(&dyn std::fmt::Display) -> String =
            |n| format!("还差 {n} 人"),
            |n| format!("{n} more needed");
        shift_mine = "我已报名", "I am signed up";
        shift_sign_up = "报名", "Sign up";
        shift_cancel = "取消报名", "Cancel";
        shift_who = "报名人：", "Signed up: ";
        shift_check_in = "到岗签到", "Check in";
        shift_check_out = "离岗签退", "Check out";
        shift_checked_in = "已签到", "Checked in";
        shift_checked_out = "已签退", "Checked out";
        done_checked_in = "已签到，辛苦了！", "Checked in. Thank you!";
        done_checked_out = "已签退，服务时长已记录。", "Checked out. Your hours are counted.";
        served_heading = "我的服务记录", "What I have served";
        steward_heading = "小巷管家", "Lane steward";
        figures_heading: fn(&dyn std::fmt::Display) -> String =
            |month| format!("本月概况（{month}）"),
            |month| format!("This month ({month})");
        figures_hint =
            "班次在结束后计入；覆盖指到岗人数达到每班所需人数。管家上报按上报月份统计，已办结指街道已确认结案。",
            "A shift counts once it is over; covered means as many people came as it needed. Stewards' cases count in the month reported; settled means the street office closed them.";
        figures_label = "各社区志愿服务概况", "Volunteering by community";
        col_community = "社区", "Community";
        col_stewards = "小巷管家", "Stewards";
        col_volunteers = "志愿者", "Volunteers";
        col_party = "报到党员", "Party members";
        col_covered = "班次覆盖", "Shifts covered";
        col_hours = "服务小时", "Hours served";
        col_no_shows = "缺岗", "No-shows";
        col_cases = "管家上报 / 已办结", "Stewards' cases / settled";
        steward_report_link = "上报巡查发现的问题", "Report a problem found on patrol";
        to_confirm_heading = "片区内已办结、待确认的诉求", "Resolved requests in your community, to confirm";
        to_confirm_hint =
            "到现场看过、确实解决了，拍一张照片确认。确认会显示在诉求的进展中；是否满意仍由市民评价。",
            "Go and look; when it is fixed, confirm with a photo. Your confirmation shows on the request's timeline; the resident's rating still decides.";
        to_confirm_none = "暂无待确认的诉求。", "Nothing to confirm.";
        confirm_photo_label = "现场照片", "Photo taken on site";
        confirm_note_label = "说明（选填）", "Note (optional)";
        confirm_fix_button = "现场确认已解决", "Confirm it is fixed";
        confirmed_already = "已确认", "Confirmed";
        done_confirmed = "已确认，谢谢您的巡查。", "Confirmed. Thank you for looking.";
        served_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |shifts, hours, no_shows| format!("值守 {shifts} 次，共 {hours} 小时；缺岗 {no_shows} 次。"),
            |shifts, hours, no_shows| format!("{shifts} shifts, {hours} hours in all; {no_shows} missed.");
        done_asked = "已提交，请等待社区确认。", "Sent. Your community's staff will confirm it.";
        done_signed = "报名成功。请按时到岗。", "Signed up. Please be there on time.";
        done_cancelled = "已取消报名。", "Cancelled.";
        done_decided = "已处理。", "Done.";
        done_appointed = "已任命小巷管家。", "Steward appointed.";
        done_roster = "值守排班已发布。", "Roster posted.";
        staff_intro: fn(&dyn std::fmt::Display) -> String =
            |area| format!("{area}的小巷管家、志愿者和报到党员，以及值守排班。"),
            |area| format!("Stewards, volunteers and reporting party members of {area}, and its duty rosters.");
        pending_heading: fn(&dyn std::fmt::Display) -> String =
            |n| format!("待确认（{n}）"),
            |n| format!("Waiting ({n})");
        serving_heading: fn(&dyn std::fmt::Display) -> String =
            |n| format!("在岗（{n}）"),
            |n| format!("Serving ({n})");
        none = "暂无。", "None.";
        confirm_button = "确认", "Confirm";
        decline_button = "不通过", "Decline";
        decline_reason = "不通过的原因", "Why it is declined";
        end_button = "结束服务", "End";
        end_reason = "结束的原因", "Why it ends";
        appoint_heading = "任命小巷管家", "Appoint a lane steward";
        appoint_hint =
            "小巷管家须是本社区经过居住认证的居民。",
            "A steward must be a resident verified in the community.";
        community_label = "社区", "Community";
        phone_label = "居民手机号", "The resident's mobile number";
        patch_label = "负责片区（楼栋或街巷）", "Patch (buildings or a lane)";
        starts_on_label = "起始日期", "First day";
        appoint_button = "任命", "Appoint";
        roster_heading = "发布值守排班", "Post a duty roster";
        roster_hint =
            "例如：垃圾分类桶前值守，工作日 07:00–09:00，每班 2 人。每个符合的日子生成一个班次。",
            "For example: waste-sorting duty at a bin station, weekdays 07:00–09:00, 2 people a shift. Each matching day gets a shift.";
        title_label = "值守内容", "Duty";
        place_label = "地点", "Place";
        weekdays_label = "每周哪几天", "Which weekdays";
        starts_label = "开始时间", "Starts";
        ends_label = "结束时间", "Ends";
        places_label = "每班人数", "People a shift";
        first_day_label = "第一天", "First day";
        last_day_label = "最后一天（最长 92 天）", "Last day (92 days at most)";
        roster_button = "发布排班", "Post the roster";
        area_title: fn(&dyn std::fmt::Display) -> String =
            |area| format!("{area} · 志愿服务"),
            |area| format!("{area} · Who serves");
        area_hint =
            "谁在为这里服务：数字来自每月统计；小巷管家、志愿者只有本人选择上榜后才显示姓名，电话从不公开。",
            "Who serves here: the figures come from the monthly counts; a steward's or volunteer's name shows only when they choose the board, and phones never do.";
        area_page_link = "公示页：谁在为这里服务", "The public page of who serves here";
        col_organisations = "报到单位", "Organisations";
        patches_heading = "小巷管家和负责片区", "Lane stewards and their patches";
        organisations_heading = "报到单位和资源清单", "Organisations reporting, and what they offer";
        board_heading = "志愿服务光荣榜", "Recognition board";
        board_hint =
            "只列出本人选择上榜的志愿者，按服务时长排序。",
            "Only those who chose to be listed, most hours first.";
        board_none = "还没有人上榜。", "Nobody is listed yet.";
        board_served: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |shifts, hours| format!("值守 {shifts} 次，{hours} 小时"),
            |shifts, hours| format!("{shifts} shifts, {hours} hours");
        board_mine_on =
            "您在本社区的志愿服务光荣榜上（显示您的昵称和服务时长）。",
            "You are on your community's recognition board (your display name and hours).";
        board_mine_off =
            "愿意的话，可以在本社区的志愿服务光荣榜上显示您的昵称和服务时长。",
            "If you like, your display name and hours can show on your community's recognition board.";
        board_join_button = "上榜", "Show me on the board";
        board_leave_button = "不再上榜", "Take me off the board";
        done_board_on = "已上榜。", "You are on the board.";
        done_board_off = "已从光荣榜撤下。", "You are off the board.";
        needs_heading = "社区需求（未来两周）", "The community's needs (the next two weeks)";
        needs_none = "暂无社区需求。", "No needs posted.";
        need_heading = "发布社区需求", "Post a need";
        need_hint =
            "例如：帮三位独居老人买菜，周六 09:00–11:00，需要 2 人。志愿者和报到党员可以认领。",
            "For example: shopping for three elderly neighbours who live alone, Saturday 09:00–11:00, 2 people. Volunteers and reporting party members take it on.";
        need_title_label = "标题", "Title";
        details_label = "需要做什么", "What is needed";
        day_label = "日期", "Day";
        need_places_label = "需要几人", "How many people";
        need_button = "发布需求", "Post the need";
        done_need = "社区需求已发布。", "Need posted.";
        weekday_names: fn(usize) -> &'static str =
            |d| ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"].get(d).copied().unwrap_or(""),
            |d| ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].get(d).copied().unwrap_or("");
    }
}

crate::refusals! {
    /// Why a volunteering form is refused.
    pub enum VolunteerRefusal {
        CommunityRequired = "community", "required" => "请选择社区。", "Please choose the community.";
        CommunityOutside = "community", "outside" =>
            "只能在您负责的社区内操作。", "That community is outside your area.";
        PhoneNotVerified = "phone", "not_verified" =>
            "这个手机号不是本社区经过认证的居民。",
            "That number is not a resident verified in this community.";
        PhoneAlready = "phone", "already" =>
            "这位居民已经是小巷管家了。", "That resident is a steward already.";
        PatchRequired = "patch", "required" => "请写明负责片区。", "Please give the patch.";
        PatchTooLong = "patch", "too_long" => "最多 100 字。", "100 characters at most.";
        PatchFormat = "patch", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        StartsOnFormat = "starts_on", "format" => "请填写日期。", "Please give the date.";
        KindUnknown = "kind", "unknown" => "没有这种志愿身份。", "There is no such way to serve.";
        KindLive = "kind", "live" =>
            "您已经提交过，或已在岗。", "You have asked already, or you serve already.";
        OrganisationRequired = "organisation", "required" =>
            "请写明党组织名称。", "Please name the party organisation.";
        OrganisationTooLong = "organisation", "too_long" => "最多 100 字。", "100 characters at most.";
        OrganisationFormat = "organisation", "format" =>
            "请写成一行，不要换行。", "Please write it on one line.";
        DecisionUnknown = "decision", "unknown" => "没有这种处理方式。", "There is no such decision.";
        ReasonRequired = "reason", "required" => "请写明原因。", "Please give the reason.";
        ReasonTooLong = "reason", "too_long" =>
            "原因不能超过2000字。", "The reason can be 2,000 characters at most.";
        StatusNotNow = "status", "not_now" =>
            "现在不能这样操作，请刷新页面看看最新情况。",
            "That cannot be done now. Reload the page to see where it stands.";
        TitleRequired = "title", "required" => "请写明标题。", "Please give it a title.";
        TitleTooLong = "title", "too_long" => "最多 100 字。", "100 characters at most.";
        TitleFormat = "title", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        PlaceRequired = "place", "required" => "请写明地点。", "Please give the place.";
        PlaceTooLong = "place", "too_long" => "最多 100 字。", "100 characters at most.";
        PlaceFormat = "place", "format" => "请写成一行，不要换行。", "Please write it on one line.";
        WeekdaysRequired = "weekdays", "required" => "请至少选一天。", "Please choose at least one day.";
        WeekdaysUnknown = "weekdays", "unknown" => "所选日子有误。", "A chosen day is not a weekday.";
        StartsFormat = "starts", "format" => "请填写开始时间。", "Please give the start time.";
        EndsFormat = "ends", "format" => "请填写结束时间。", "Please give the end time.";
        EndsBeforeStart = "ends", "before_start" =>
            "结束时间要晚于开始时间（不跨夜）。", "It must end after it starts (on the same day).";
        PlacesFormat = "places", "format" =>
            "请填写 1 到 100 之间的整数。", "Give a whole number from 1 to 100.";
        FirstDayFormat = "first_day", "format" => "请填写日期。", "Please give the date.";
        LastDayFormat = "last_day", "format" => "请填写日期。", "Please give the date.";
        LastDayBeforeFirst = "last_day", "before_first" =>
            "最后一天不能早于第一天。", "The last day cannot come before the first.";
        LastDayTooLong = "last_day", "too_long" =>
            "一次最多排 92 天。", "A roster covers 92 days at most.";
        LastDayPast = "last_day", "past" =>
            "这些日子的班次都已开始或过去了。", "Every shift of those days has begun or passed.";
        ShiftFull = "shift", "full" =>
            "这个班次已经满员了，请选择其他班次。", "Every place of that shift is taken. Please choose another.";
        ShiftPast = "shift", "past" =>
            "这个班次已经开始或结束了。", "That shift has begun or is over.";
        ShiftAlready = "shift", "already" => "您已经报名了这个班次。", "You are signed up already.";
        ShiftNotServing = "shift", "not_serving" =>
            "只有本社区在岗的志愿者、小巷管家和报到党员可以报名。",
            "Only the community's stewards, volunteers and reporting party members may sign up.";
        DetailsRequired = "details", "required" => "请写明需要做什么。", "Please say what is needed.";
        DetailsTooLong = "details", "too_long" => "最多 500 字。", "500 characters at most.";
        DayFormat = "day", "format" => "请填写日期。", "Please give the date.";
        DayPast = "day", "past" => "这个时间已经开始或过去了。", "That time has begun or passed.";
        NoteTooLong = "note", "too_long" =>
            "说明不能超过2000字。", "The note can be 2,000 characters at most.";
        PhotosRequired = "photos", "required" =>
            "请拍一张现场照片。", "Please add a photo taken on site.";
        FixNotSteward = "fix", "not_steward" =>
            "只有本社区在岗的小巷管家可以现场确认。",
            "Only the community's serving lane stewards confirm on site.";
        FixAlready = "fix", "already" =>
            "您已经确认过这件诉求了。", "You have confirmed this request already.";
        ShiftNotNow = "shift", "not_now" =>
            "签到从班次开始前 30 分钟到结束；签退到结束后 2 小时内。",
            "Check in from 30 minutes before the shift to its end; check out until 2 hours after it.";
        ShiftChecked = "shift", "checked" =>
            "已经签到（或签退）过了。", "You have checked in (or out) already.";
        ShiftNotSigned = "shift", "not_signed" =>
            "您没有报名这个班次，或它已经开始。", "You are not signed up for that shift, or it has begun.";
    }
}
