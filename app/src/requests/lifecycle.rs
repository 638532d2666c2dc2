//! The request lifecycle: one state machine that every action on a request goes through (see
//! DESIGN.md). `next` is pure; the server applies its answer in one transaction that locks the
//! request row, writes the new status and appends an event.
//!
//! ```text
//! submitted ─answer (at intake)→ resolved
//! submitted ─dispatch→ dispatched ─accept→ accepted ─respond→ responded ─progress→ in_progress ─resolve→ resolved ─rate/expire→ closed
//!     ↑                    │ return                                                      ↑                           │
//!     └────────────────────┘                                               reopen (same unit): closed → dispatched ─┘
//! submitted|dispatched ─withdraw→ withdrawn        open ─merge→ merged
//! accepted|responded|in_progress ─pass_down (street office → its community)→ dispatched
//! dispatched|accepted|responded|in_progress ─pass_up (community → its street office)→ dispatched
//!
//! a case staff found (主动治理) starts in_progress at their unit; nobody rates it:
//! resolved ─confirm (the street office)→ closed        resolved ─send_back (not fixed)→ in_progress
//! ```
//!
//! Actions that leave the status as it is are here too, so that they are refused in the
//! wrong state: adding information, re-classifying, the whistle (吹哨), checking in (报到)
//! and a summoned unit's contribution, and its rating by the unit that summoned it. Passing a request between a street office and one of
//! its communities (下派, 上报) hands it to a new unit, which must accept it again.

use crate::error::AppError;
use crate::requests::RequestRefusal;
use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    #[derive(Serialize, Deserialize)]
    pub enum Status {
        Submitted = "submitted" => "已提交", "Submitted";
        Dispatched = "dispatched" => "已派单", "Dispatched";
        Accepted = "accepted" => "已接单", "Accepted";
        Responded = "responded" => "已联系", "Contacted";
        InProgress = "in_progress" => "办理中", "In progress";
        Resolved = "resolved" => "已办结", "Resolved";
        Closed = "closed" => "已结案", "Closed";
        Withdrawn = "withdrawn" => "已撤回", "Withdrawn";
        Merged = "merged" => "已合并", "Merged";
    }
}
crate::db_key!(Status => Status);

impl Status {
    /// Still being worked on: information can be added, deadlines run.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Withdrawn | Status::Merged)
    }
}

crate::keyed_enum! {
    /// Everything that can happen to a request; its key is the event kind the log records.
    #[derive(Serialize, Deserialize)]
    pub enum Action {
        /// The resident adds information (no change of status).
        AddInfo = "info_added";
        /// The resident withdraws it, before a unit accepts it.
        Withdraw = "withdrawn";
        Dispatch = "dispatched";
        /// The unit sends it back to the dispatcher (not its remit).
        Return = "returned";
        Accept = "accepted";
        /// The unit's first contact with the resident.
        Respond = "responded";
        /// A progress update.
        Progress = "progress";
        Resolve = "resolved";
        /// The resident's rating, or the worker when nobody rated within 7 days.
        Close = "closed";
        /// The resident reopens it after a rating saying it was not fixed.
        Reopen = "reopened";
        /// Merged into another request as a duplicate.
        Merge = "merged";
        /// The dispatcher changes the category (the deadlines follow it).
        Reclassify = "reclassified";
        /// The handling unit summons other units (吹哨).
        Whistle = "whistle";
        /// A summoned unit reports (报到).
        CheckIn = "checked_in";
        /// A summoned unit's part, after checking in.
        Contribute = "contribution";
        /// A street office passes it down to one of its communities (下派), after accepting it.
        PassDown = "passed_down";
        /// A community passes it back up to its street office (上报), with a reason.
        PassUp = "passed_up";
        /// The unit that blew the whistle rates a summoned unit's part (once per summons).
        RateSummons = "summons_rated";
        /// The hotline answers it at intake (直接答复): no unit needs to act.
        Answer = "answered";
        /// The street office confirms a found case is fixed (in place of a resident's rating).
        Confirm = "confirmed";
        /// The street office says a found case is not fixed: back to work at the same unit.
        SendBack = "sent_back";
    }
}

/// The status after `action` on a request in `status`. Errors: `Invalid { field: "status",
/// reason: "not_allowed" }` for an illegal transition (nothing is applied).
pub fn next(status: Status, action: Action) -> Result<Status, AppError> {
    use Action as A;
    use Status as S;
    let to = match (status, action) {
        (s, A::AddInfo) if s.is_open() => s,
        (S::Submitted | S::Dispatched, A::Withdraw) => S::Withdrawn,
        (S::Submitted, A::Dispatch) => S::Dispatched,
        (S::Submitted, A::Answer) => S::Resolved,
        (S::Dispatched, A::Return) => S::Submitted,
        (S::Dispatched, A::Accept) => S::Accepted,
        (S::Accepted, A::Respond) => S::Responded,
        (S::Responded | S::InProgress, A::Progress) => S::InProgress,
        (S::Responded | S::InProgress, A::Resolve) => S::Resolved,
        (S::Resolved, A::Close | A::Confirm) => S::Closed,
        (S::Resolved, A::SendBack) => S::InProgress,
        (S::Closed, A::Reopen) => S::Dispatched,
        (s, A::Merge) if s.is_open() && s != S::Resolved => S::Merged,
        (s, A::Reclassify) if s.is_open() && s != S::Resolved => s,
        (S::Accepted | S::Responded | S::InProgress, A::Whistle | A::CheckIn | A::Contribute) => {
            status
        }
        (S::Accepted | S::Responded | S::InProgress | S::Resolved, A::RateSummons) => status,
        (S::Accepted | S::Responded | S::InProgress, A::PassDown) => S::Dispatched,
        (S::Dispatched | S::Accepted | S::Responded | S::InProgress, A::PassUp) => S::Dispatched,
        _ => return Err(AppError::from(RequestRefusal::StatusNotAllowed)),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Status as S;

    #[test]
    fn every_allowed_transition_and_no_other() {
        let allowed: &[(Status, Action, Status)] = &[
            (S::Submitted, A::AddInfo, S::Submitted),
            (S::Dispatched, A::AddInfo, S::Dispatched),
            (S::Accepted, A::AddInfo, S::Accepted),
            (S::Responded, A::AddInfo, S::Responded),
            (S::InProgress, A::AddInfo, S::InProgress),
            (S::Resolved, A::AddInfo, S::Resolved),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::Dispatched, A::Withdraw, S::Withdrawn),
            (S::Submitted, A::Dispatch, S::Dispatched),
            (S::Submitted, A::Answer, S::Resolved),
            (S::Dispatched, A::Return, S::Submitted),
            (S::Dispatched, A::Accept, S::Accepted),
            (S::Accepted, A::Respond, S::Responded),
            (S::Responded, A::Progress, S::InProgress),
            (S::InProgress, A::Progress, S::InProgress),
            (S::Responded, A::Resolve, S::Resolved),
            (S::InProgress, A::Resolve, S::Resolved),
            (S::Resolved, A::Close, S::Closed),
            (S::Resolved, A::Confirm, S::Closed),
            (S::Resolved, A::SendBack, S::InProgress),
            (S::Closed, A::Reopen, S::Dispatched),
            (S::Submitted, A::Merge, S::Merged),
            (S::Dispatched, A::Merge, S::Merged),
            (S::Accepted, A::Merge, S::Merged),
            (S::Responded, A::Merge, S::Merged),
            (S::InProgress, A::Merge, S::Merged),
            (S::Submitted, A::Reclassify, S::Submitted),
            (S::Dispatched, A::Reclassify, S::Dispatched),
            (S::Accepted, A::Reclassify, S::Accepted),
            (S::Responded, A::Reclassify, S::Responded),
            (S::InProgress, A::Reclassify, S::InProgress),
            (S::Accepted, A::Whistle, S::Accepted),
            (S::Responded, A::Whistle, S::Responded),
            (S::InProgress, A::Whistle, S::InProgress),
            (S::Accepted, A::CheckIn, S::Accepted),
            (S::Responded, A::CheckIn, S::Responded),
            (S::InProgress, A::CheckIn, S::InProgress),
            (S::Accepted, A::Contribute, S::Accepted),
            (S::Responded, A::Contribute, S::Responded),
            (S::InProgress, A::Contribute, S::InProgress),
            (S::Accepted, A::RateSummons, S::Accepted),
            (S::Responded, A::RateSummons, S::Responded),
            (S::InProgress, A::RateSummons, S::InProgress),
            (S::Resolved, A::RateSummons, S::Resolved),
            (S::Accepted, A::PassDown, S::Dispatched),
            (S::Responded, A::PassDown, S::Dispatched),
            (S::InProgress, A::PassDown, S::Dispatched),
            (S::Dispatched, A::PassUp, S::Dispatched),
            (S::Accepted, A::PassUp, S::Dispatched),
            (S::Responded, A::PassUp, S::Dispatched),
            (S::InProgress, A::PassUp, S::Dispatched),
        ];
        for status in Status::ALL {
            for action in Action::ALL {
                let expected = allowed
                    .iter()
                    .find(|(s, a, _)| *s == status && *a == action)
                    .map(|(_, _, to)| *to);
                match expected {
                    Some(to) => assert_eq!(next(status, action), Ok(to), "{status:?} {action:?}"),
                    None => assert_eq!(
                        next(status, action),
                        Err(AppError::from(RequestRefusal::StatusNotAllowed)),
                        "{status:?} {action:?} must be refused"
                    ),
                }
            }
        }
    }

    #[test]
    fn finished_requests_stay_finished() {
        for action in Action::ALL {
            assert!(next(S::Withdrawn, action).is_err(), "{action:?}");
            assert!(next(S::Merged, action).is_err(), "{action:?}");
        }
    }

    #[test]
    fn statuses_round_trip_through_their_database_names() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("lost"), None);
    }

    #[test]
    fn every_action_has_a_timeline_label() {
        for action in Action::ALL {
            assert!(
                crate::requests::EVENT_KINDS.contains(&action.as_str()),
                "{action:?}"
            );
        }
    }
}
