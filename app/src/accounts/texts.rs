//! The words of accounts, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of accounts say.
    pub struct AccountTexts {
        sign_in_title = "登录接诉即办", "Sign in to Jiesu";
        phone_label = "手机号", "Mobile number";
        password_label = "密码", "Password";
        register_title = "注册接诉即办", "Register with Jiesu";
        register_place_step =
            "第一步：选择您居住的街道（乡镇）",
            "Step 1: choose the street or town where you live";
        register_details_step = "第二步：填写您的信息", "Step 2: your details";
        display_name_label = "称呼（别人看到的名字）", "Name (as others will see it)";
        password_new_label = "设置密码（至少8位）", "Choose a password (8 characters or more)";
        send_code = "发送验证码", "Send the code";
        confirm_title = "输入短信验证码", "Enter the code from the text message";
        confirm_intro = "验证码已发送到", "We sent a code to";
        code_label = "6位验证码", "6-digit code";
        confirm = "确认", "Confirm";
        forgot_password = "忘记密码？", "Forgot your password?";
        reset_title = "重设密码", "Reset your password";
        reset_intro =
            "输入注册时用的手机号，我们会发送一个验证码。",
            "Enter the number you registered with and we will text you a code.";
        reset_confirm_title = "设置新密码", "Choose a new password";
        reset_confirm_intro =
            "如果这个号码已经注册，验证码已发送到",
            "If this number is registered, we sent a code to";
        reset_submit = "设置新密码并登录", "Set the new password and sign in";
        reset_start_again = "重新获取验证码", "Get a new code";
        profile_title = "我的账号", "My account";
        profile_role = "身份", "Role";
        profile_home = "所在社区", "Home community";
        profile_details_title = "修改称呼和所在社区", "Change your name and home community";
        save = "保存", "Save";
        saved_profile = "已保存。", "Saved.";
        saved_password =
            "密码已修改；其他设备上的登录已退出。",
            "Your password was changed; you were signed out on other devices.";
        password_title = "修改密码", "Change your password";
        current_password_label = "当前密码", "Current password";
        new_password_label = "新密码（至少8位）", "New password (8 characters or more)";
        my_data_title = "下载我的数据", "Download my data";
        my_data_text =
            "以 JSON 文件下载我们保存的关于您的全部信息。",
            "Download everything we keep about you, as a JSON file.";
        delete_title = "注销账号", "Delete my account";
        delete_text =
            "注销后不能再登录，您的称呼和手机号会被删除；您提出的诉求会保留，但不再显示是谁提出的。",
            "After deleting you cannot sign in again, and your name and number are erased. Your requests stay, without anything that says who filed them.";
        delete_password_label = "输入密码确认注销", "Enter your password to confirm";
        deleted_title = "账号已注销", "Account deleted";
        deleted_text =
            "您的账号已注销，称呼和手机号已删除。谢谢您使用接诉即办。",
            "Your account is deleted and your name and number are erased. Thank you for using Jiesu.";
        /// The text carrying a code: `{code}` and `{minutes}` are filled in.
        /// The text carrying a code: (code, minutes it is valid).
        sms_code: fn(&str, i64) -> String =
            |code, minutes| format!("【接诉即办】验证码 {code}，{minutes}分钟内有效。请勿告诉他人。"),
            |code, minutes| {
                format!("[Jiesu] Your code is {code}, valid for {minutes} minutes. Do not share it.")
            };
        /// The text a password reset sends to a number without an account.
        sms_no_account =
            "【接诉即办】有人用这个号码申请重设密码，但这个号码还没有注册。如果不是您本人操作，请忽略。",
            "[Jiesu] Someone asked to reset the password of this number, but it is not registered. If it was not you, ignore this message.";
        /// The text to a number that asked to register but already has an account.
        sms_already_registered =
            "【接诉即办】有人用这个号码申请注册，但这个号码已经有账号。忘记密码可以在登录页点“忘记密码”重设。如果不是您本人操作，请忽略。",
            "[Jiesu] Someone asked to register this number, but it already has an account. If you forgot the password, use \"Forgot password\" on the sign-in page. If it was not you, ignore this message.";
        /// The text to a staff number that asked for a password reset (only an admin resets it).
        sms_staff_reset =
            "【接诉即办】有人为这个号码申请重设密码。工作人员账号的密码只能由管理员重设，请联系您单位的管理员。如果不是您本人操作，请忽略。",
            "[Jiesu] Someone asked to reset the password of this number. Staff passwords are reset only by an administrator: please ask your unit's administrator. If it was not you, ignore this message.";
        /// The text to a disabled account's number that asked for a password reset.
        sms_account_disabled =
            "【接诉即办】有人为这个号码申请重设密码，但这个账号已被管理员停用，不能重设。如有疑问请拨打12345。",
            "[Jiesu] Someone asked to reset the password of this number, but an administrator has disabled the account, so it cannot be reset. Questions: call 12345.";
        verification_asked =
            "认证申请已提交，请等待社区审核。",
            "Your request is sent. Your community's staff will check it.";
    }
}

crate::refusals! {
    /// Why a form of accounts is refused.
    pub enum AccountRefusal {
        PhoneFormat = "phone", "format" =>
            "请输入11位手机号码，例如 138 0000 0001。",
            "Enter an 11-digit mainland mobile number, e.g. 138 0000 0001.";
        PhoneTaken = "phone", "taken" =>
            "这个手机号已经注册过，请直接登录。", "This number is already registered. Please sign in.";
        PhoneTextsSpent = "phone", "texts_spent" =>
            "这一小时发出的短信已达上限，现在发不了验证码。请过一会儿再试，或拨打12345。",
            "Jiesu has sent as many text messages as it may this hour, so no code can be sent now. Please try again later, or call 12345.";
        PasswordDisabled = "password", "disabled" =>
            "这个账号已被管理员停用，不能登录。如有疑问请拨打12345。",
            "An administrator has disabled this account: it cannot sign in. Questions: call 12345.";
        PasswordRequired = "password", "required" => "请输入密码。", "Enter your password.";
        PasswordWrong = "password", "wrong" =>
            "手机号或密码不对，请再试一次。", "The number or the password is wrong. Please try again.";
        PasswordTooShort = "password", "too_short" =>
            "密码至少要8位。", "The password needs 8 characters or more.";
        PasswordTooLong = "password", "too_long" =>
            "密码太长了，最多128位。", "The password is too long (128 characters at most).";
        PasswordMismatch = "password", "mismatch" =>
            "密码不对，请再试一次。", "That password is not right. Please try again.";
        DisplayNameRequired = "display_name", "required" => "请填写称呼。", "Please enter a name.";
        DisplayNameTooLong = "display_name", "too_long" =>
            "称呼最多20个字。", "The name can have 20 characters at most.";
        CommunityRequired = "community", "required" =>
            "请选择您所在的社区。", "Please choose your community.";
        CommunityNotACommunity = "community", "not_a_community" =>
            "请选择一个社区（村），不能选街道或区。",
            "Please choose a community or village, not a street or district.";
        CodeFormat = "code", "format" => "验证码是6位数字。", "The code has 6 digits.";
        CodeWrong = "code", "wrong" => "验证码不对，请再试一次。", "That code is not right. Please try again.";
        CodeExpired = "code", "expired" =>
            "验证码已过期，请重新获取。", "The code has expired. Please ask for a new one.";
        CodeTooManyTries = "code", "too_many_tries" =>
            "输错次数太多，请重新获取验证码。", "Too many wrong tries. Please ask for a new code.";
        CodeStartAgain = "code", "start_again" =>
            "请重新开始：这个验证码不是在本浏览器申请的，或已经用过。",
            "Please start again: this code was not asked for in this browser, or it was used already.";
        CurrentPasswordRequired = "current_password", "required" =>
            "请输入当前密码。", "Enter your current password.";
        CurrentPasswordWrong = "current_password", "wrong" =>
            "当前密码不对。", "The current password is wrong.";
        NewPasswordTooShort = "new_password", "too_short" =>
            "密码至少要8位。", "The password needs 8 characters or more.";
        NewPasswordTooLong = "new_password", "too_long" =>
            "密码太长了，最多128位。", "The password is too long (128 characters at most).";
    }
}
