//! Residence verification (居住认证): a resident asks to be verified in their home community
//! with the address detail (on their account page); area staff whose area contains that
//! community approve or reject it with a reason (`/verifications`), and may revoke an approval
//! later with a reason. Moving home drops the verification (a database trigger). Only verified
//! residents vote in their area's consultations.

pub mod api;
pub mod forms;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::{VerificationRefusal, VerificationTexts};

use crate::error::AppError;
use crate::requests::{Names, ADDRESS_MAX_CHARS};
use ids::VerificationId;
use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// Where a verification stands.
    #[derive(Serialize, Deserialize)]
    pub enum VerificationStatus {
        Pending = "pending" => "待审核", "Waiting";
        Approved = "approved" => "已认证", "Verified";
        Rejected = "rejected" => "未通过", "Rejected";
        Revoked = "revoked" => "已撤销", "Revoked";
        /// The resident moved to another community.
        Dropped = "dropped" => "已失效（已更换社区）", "Lapsed (moved)";
    }
}
crate::db_key!(VerificationStatus => VerificationStatus);

/// The address detail (building, unit, room). Errors: `Invalid { field: "address", reason:
/// "required" | "too_long" }`.
pub fn parse_address(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        Err(AppError::from(VerificationRefusal::AddressRequired))
    } else if text.chars().count() > ADDRESS_MAX_CHARS || text.chars().any(char::is_control) {
        Err(AppError::from(VerificationRefusal::AddressTooLong))
    } else {
        Ok(text.to_owned())
    }
}

/// A staff decision on a verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Reject { reason: String },
    Revoke { reason: String },
}

impl Decision {
    /// Reads a decision form. Errors: `Invalid`: `decision` (unknown), `reason` (required,
    /// too_long: rejecting and revoking say why).
    pub fn parse(decision: &str, reason: &str) -> Result<Decision, AppError> {
        let reason = || {
            crate::fields::required_text(
                reason,
                crate::requests::MAX_NOTE,
                VerificationRefusal::ReasonRequired,
                VerificationRefusal::ReasonTooLong,
            )
        };
        match decision {
            "approve" => Ok(Decision::Approve),
            "reject" => Ok(Decision::Reject { reason: reason()? }),
            "revoke" => Ok(Decision::Revoke { reason: reason()? }),
            _ => Err(AppError::from(VerificationRefusal::DecisionUnknown)),
        }
    }

    /// The status it moves from, the status it moves to, and its reason.
    pub fn transition(&self) -> (VerificationStatus, VerificationStatus, Option<&str>) {
        use VerificationStatus::*;
        match self {
            Decision::Approve => (Pending, Approved, None),
            Decision::Reject { reason } => (Pending, Rejected, Some(reason)),
            Decision::Revoke { reason } => (Approved, Revoked, Some(reason)),
        }
    }
}

/// A verification as its resident or staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub id: VerificationId,
    pub status: VerificationStatus,
    /// Community, street.
    pub community: Names,
    pub address: String,
    pub reason: Option<String>,
    pub asked_at: i64,
    pub decided_at: Option<i64>,
    /// Staff see who asked: name and masked number.
    pub resident: Option<(String, String)>,
}

/// The account page's verification section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVerification {
    /// The latest, if they ever asked.
    pub latest: Option<Verification>,
    /// No pending or approved one: they may ask.
    pub can_ask: bool,
}

/// What area staff decide on: their area, the pending requests and the approved residents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffVerifications {
    pub area: Names,
    pub pending: Vec<Verification>,
    pub approved: Vec<Verification>,
}

/// How many of each list `/verifications` shows.
pub const LIST_SIZE: i64 = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_required_on_one_line_and_not_too_long() {
        assert_eq!(
            parse_address(" 3号楼2单元501 "),
            Ok("3号楼2单元501".to_owned())
        );
        assert_eq!(
            parse_address("  "),
            Err(AppError::from(VerificationRefusal::AddressRequired))
        );
        assert_eq!(
            parse_address("3号楼\n501"),
            Err(AppError::from(VerificationRefusal::AddressTooLong))
        );
        assert_eq!(
            parse_address(&"楼".repeat(ADDRESS_MAX_CHARS + 1)),
            Err(AppError::from(VerificationRefusal::AddressTooLong))
        );
    }

    #[test]
    fn rejecting_and_revoking_say_why() {
        assert_eq!(Decision::parse("approve", ""), Ok(Decision::Approve));
        assert_eq!(
            Decision::parse("reject", " 地址与登记不符 "),
            Ok(Decision::Reject {
                reason: "地址与登记不符".to_owned()
            })
        );
        for decision in ["reject", "revoke"] {
            assert_eq!(
                Decision::parse(decision, " "),
                Err(AppError::from(VerificationRefusal::ReasonRequired))
            );
        }
        assert_eq!(
            Decision::parse("delete", "x"),
            Err(AppError::from(VerificationRefusal::DecisionUnknown))
        );
        use VerificationStatus::*;
        assert_eq!(Decision::Approve.transition(), (Pending, Approved, None));
        let revoke = Decision::Revoke {
            reason: "已搬离".to_owned(),
        };
        assert_eq!(revoke.transition(), (Approved, Revoked, Some("已搬离")));
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in VerificationStatus::ALL {
            assert_eq!(VerificationStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(VerificationStatus::parse("maybe"), None);
    }
}
