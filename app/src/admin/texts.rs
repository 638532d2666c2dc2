//! The words of administration, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of administration say.
    pub struct AdminTexts {
        admin_title = "系统管理", "Administration";
        admin_intro =
            "修改只对今后受理的诉求生效；已受理的诉求保留原有时限和承办单位。",
            "Changes apply to requests filed from now on; requests already filed keep their deadlines and units.";
        admin_answers_link =
            "标准答复库：派单员直接答复咨询时选用 →",
            "Standard answers: what dispatchers start from when they answer at intake →";
        admin_saved: fn(&dyn std::fmt::Display) -> String =
            |change| format!("已完成：{change}"),
            |change| format!("Done: {change}.");
        admin_staff_heading = "工作人员账号", "Staff accounts";
        admin_staff_intro =
            "工作人员不能自行注册，账号在这里开设。填写已有号码即修改该账号；密码留空则保持不变。设置新密码后，该账号在所有设备上退出登录。",
            "Nobody registers as staff: accounts are made here. Enter an existing number to change that account; leave the password empty to keep it. A new password signs the account out everywhere.";
        role_label = "角色", "Role";
        staff_unit_label = "所属单位（仅承办人员）", "Unit (handlers only)";
        staff_area_label = "负责区域代码（仅区域工作人员）", "Area code (area staff only)";
        staff_password_label =
            "密码（至少 8 位；新账号必填）",
            "Password (at least 8 characters; required for a new account)";
        staff_place_heading = "单位或区域", "Unit or area";
        admin_categories_heading = "诉求类别：办理时限和默认承办单位", "Categories: deadlines and default unit";
        admin_categories_intro =
            "分别填写常规和紧急情况下的响应时限、办结时限（小时）。没有派单规则时，该类别由默认承办单位办理；未设默认单位的，由所在街道（乡镇）办理。",
            "Hours to respond and to resolve, normally and when urgent. The default unit takes the category anywhere no routing rule applies; without one, the street office of the place does.";
        hours_heading = "响应 / 办结（小时）", "Respond / resolve (h)";
        urgent_hours_heading = "紧急：响应 / 办结（小时）", "Urgent: respond / resolve (h)";
        respond_hours_label = "响应时限（小时）", "Respond within (hours)";
        resolve_hours_label = "办结时限（小时）", "Resolve within (hours)";
        urgent_respond_hours_label = "紧急：响应时限（小时）", "Urgent: respond within (hours)";
        urgent_resolve_hours_label = "紧急：办结时限（小时）", "Urgent: resolve within (hours)";
        default_unit_label = "默认承办单位", "Default unit";
        default_unit_street = "所在街道（乡镇）", "The street office of the place";
        own_community = "所在社区居（村）委会", "The committee of the place's community";
        admin_rules_heading = "派单规则", "Routing rules";
        admin_rules_intro =
            "规则把某一区域内某类诉求（含其子类）派给指定单位。最具体的规则优先：先看具体类别再看大类，先看社区再看街道、区。",
            "A rule sends a category (and its sub-categories) in one area to one unit. The most specific rule wins: the category before its group, then the community before the street and the district.";
        rule_area_label = "区域代码", "Area code";
        remove_rule_button = "删除", "Remove";
        admin_units_heading = "承办单位", "Units";
        admin_units_all: fn(&dyn std::fmt::Display) -> String =
            |n| format!("全部单位（{n} 个）"),
            |n| format!("All units ({n})");
        unit_code_label = "单位代码（填写已有代码即修改该单位）", "Unit code (an existing code changes that unit)";
        unit_kind_label = "类型", "Kind";
        name_zh_label = "中文名称", "Name in Chinese";
        name_en_label = "英文名称", "Name in English";
        unit_area_label = "负责区域（区域代码）", "Area it answers for (area code)";
        admin_accounts_heading = "停用账号", "Disable an account";
        admin_accounts_intro =
            "停用后，这个账号（工作人员或居民）的所有登录立即失效，不能再登录，也不能用短信重设密码。请写明原因，原因会记入管理日志。",
            "A disabled account (staff or resident) is signed out everywhere at once, cannot sign in and cannot reset its password by text. Give the reason: it is kept in the admin log.";
        disable_reason_label = "停用原因", "Reason";
        /// Before a disabled account's reason in the list ("原因：").
        disabled_reason_prefix = "停用原因：", "Reason: ";
        disabled_since_heading = "停用时间", "Disabled since";
        admin_none_disabled = "目前没有停用的账号。", "No account is disabled.";
        admin_audit_heading = "管理日志", "Admin log";
        admin_audit_intro =
            "管理员的每一项改动（账号、停用、类别、规则、单位）都记在这里，最新的在前。",
            "Every change an admin made (accounts, disabling, categories, rules, units), newest first.";
    }
}

crate::refusals! {
    /// Why a form of administration is refused.
    pub enum AdminRefusal {
        PasswordRequired = "password", "required" => "请输入密码。", "Enter your password.";
        CategoryRequired = "category", "required" => "请选择分类。", "Please choose a category.";
        UnitRequired = "unit", "required" => "请选择承办单位。", "Please choose a unit.";
        UnitUnknown = "unit", "unknown" => "没有这个承办单位。", "That unit does not exist.";
        ReasonRequired = "reason", "required" => "请写明原因。", "Please give the reason.";
        ReasonTooLong = "reason", "too_long" =>
            "原因不能超过2000字。", "The reason can be 2,000 characters at most.";
        ChangeUnknown = "change", "unknown" => "没有这种操作。", "There is no such change.";
        UnitCodeRequired = "unit_code", "required" =>
            "请填写单位代码：字母、数字或 . _ : -。", "Please give a code: letters, digits, '.', '_', ':' or '-'.";
        UnitKindRequired = "unit_kind", "required" => "请选择单位类型。", "Please choose the kind of unit.";
        NameZhRequired = "name_zh", "required" => "请填写名称。", "Please give the name.";
        NameZhTooLong = "name_zh", "too_long" =>
            "名称最多 100 个字。", "The name can be 100 characters at most.";
        NameEnRequired = "name_en", "required" => "请填写名称。", "Please give the name.";
        NameEnTooLong = "name_en", "too_long" =>
            "名称最多 100 个字。", "The name can be 100 characters at most.";
        AreaRequired = "area", "required" =>
            "请填写区域代码（见“区域”页面）。", "Please give an area code (see Areas).";
        AreaUnknown = "area", "unknown" => "没有这个代码的区域。", "No area has that code.";
        KindHotline = "unit_kind", "hotline" =>
            "热线中心只有一个（派单员所在），不能新建第二个，也不能改成或改出这一类。",
            "There is one hotline centre (the dispatchers'): no second one, and no unit changes to or from that kind.";
        RuleUnknown = "rule", "unknown" =>
            "没有这条规则（可能已被删除）。", "There is no such rule (it may have been removed already).";
        HoursInvalid = "hours", "invalid" =>
            "时限为 1 到 8760 之间的整数小时；办结时限不少于响应时限，紧急时限不长于常规时限。",
            "Hours are whole numbers from 1 to 8760; resolving takes no less than responding, and urgent deadlines are no longer than normal ones.";
        RoleRequired = "role", "required" => "请选择角色。", "Please choose a role.";
        RoleOwn = "role", "own" =>
            "不能取消自己的管理员角色。", "You cannot take away your own administrator role.";
        PhoneResident = "phone", "resident" =>
            "这个号码是居民账号，工作人员请使用单独的号码。",
            "This number belongs to a resident's account; staff need a number of their own.";
        PhoneUnknown = "phone", "unknown" => "没有用这个手机号的账号。", "No account has this number.";
        PhoneOwn = "phone", "own" =>
            "不能停用或恢复您自己的账号。", "You cannot disable or enable your own account.";
    }
}
