//! The words of residence verifications, in both languages, and the refusals of its forms.

crate::catalogue! {
    /// What the pages of residence verifications say.
    pub struct VerificationTexts {
        verification_heading = "居住认证", "Residence verification";
        verification_intro =
            "经社区核实后，您可以参加本社区（以及所在街道、区和全市）的议事投票。更换居住社区后需要重新认证。",
            "Once your community's staff have checked it, you may vote in the consultations of your community (and of its street, district and the city). Moving to another community needs a new verification.";
        verification_line: fn(&dyn std::fmt::Display, &dyn std::fmt::Display) -> String =
            |community, address| format!("{community}，{address}"),
            |community, address| format!("{community}, {address}");
        verification_reason = "原因：", "Reason: ";
        verification_address_label = "详细地址（楼号、单元、门牌）", "Address (building, entrance, flat)";
        verification_address_hint =
            "在您的居住社区内；工作人员会与登记信息核对。",
            "In your home community; staff check it against their records.";
        verification_ask_button = "申请认证", "Ask to be verified";
        verifications_title = "居民认证审核", "Residence verifications";
        verifications_intro: fn(&dyn std::fmt::Display) -> String =
            |area| format!("{area}范围内的居民认证申请，先到先审。核实后通过；不符合的请写明原因后驳回；已认证居民搬离时可撤销。"),
            |area| format!("Residents of {area} asking to be verified, oldest first. Approve what you have checked; reject with a reason what does not match; revoke with a reason when a verified resident has moved away.");
        verifications_done = "已处理。", "Done.";
        verifications_pending_heading: fn(&dyn std::fmt::Display) -> String =
            |n| format!("待审核（{n}）"),
            |n| format!("Waiting ({n})");
        verifications_approved_heading: fn(&dyn std::fmt::Display) -> String =
            |n| format!("已认证（{n}）"),
            |n| format!("Verified ({n})");
        verifications_none = "暂无。", "None.";
        verification_approve = "通过", "Approve";
        verification_reject = "驳回", "Reject";
        verification_reject_reason = "驳回原因", "Why it is rejected";
        verification_revoke = "撤销认证", "Revoke";
        verification_revoke_reason = "撤销原因", "Why it is revoked";
        verification_asked_at = "申请时间：", "Asked: ";
    }
}

crate::refusals! {
    /// Why a form of residence verifications is refused.
    pub enum VerificationRefusal {
        AddressTooLong = "address", "too_long" =>
            "地址最多200个字。", "The address can have 200 characters at most.";
        ReasonRequired = "reason", "required" => "请写明原因。", "Please give the reason.";
        ReasonTooLong = "reason", "too_long" =>
            "原因不能超过2000字。", "The reason can be 2,000 characters at most.";
        StatusNotNow = "status", "not_now" =>
            "现在不能这样操作，请刷新页面看看最新情况。",
            "That cannot be done now. Reload the page to see where it stands.";
        AddressRequired = "address", "required" => "请填写详细地址。", "Please give your address.";
        VerificationLive = "verification", "live" =>
            "您已有待审核或已通过的认证。", "You already have a verification waiting or approved.";
        DecisionUnknown = "decision", "unknown" => "没有这种处理方式。", "There is no such decision.";
    }
}
