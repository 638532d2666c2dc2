//! The fixed lists the schema keeps as text: a request's status and kind, a closure code, a
//! rating's outcome, a staff role, a verification's status. `db` takes a value of one only
//! through that list's trait, which `app`'s enum for the list implements (`app::db_key!`), so
//! a kind cannot pass where a status is meant and no typed-in text reaches these columns. The
//! text is written here, at the edge; rows come back as text for `app` to parse.

/// The text a value is stored as.
pub trait Key: std::fmt::Debug + Sync {
    fn key(&self) -> &'static str;
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        pub trait $name: Key {}
    )*};
}

lists! {
    /// `requests.status`, and an event's `from_status` and `to_status`.
    Status;
    /// `requests.kind`.
    RequestKind;
    /// `requests.closure_code`.
    ClosureCode;
    /// `ratings.outcome`.
    Outcome;
    /// `users.role` of a staff account.
    Role;
    /// `residence_verifications.status`.
    VerificationStatus;
    /// `requests.source`: a resident, or how staff found it.
    Source;
    /// `volunteers.kind`: steward, volunteer, party member.
    VolunteerKind;
    /// `volunteers.status`, and `organisations.status`.
    VolunteerStatus;
    /// `organisation_resources.kind`: room, people, skill, money.
    ResourceKind;
    /// `resource_asks.status`: asked, agreed, declined.
    AskStatus;
}

/// The status `db` gives a request itself: a new one is `submitted`.
#[derive(Debug)]
pub(crate) struct Submitted;

impl Key for Submitted {
    fn key(&self) -> &'static str {
        "submitted"
    }
}

impl Status for Submitted {}

/// The status of a case staff found themselves: their unit is working on it from the start.
#[derive(Debug)]
pub(crate) struct InProgress;

impl Key for InProgress {
    fn key(&self) -> &'static str {
        "in_progress"
    }
}

impl Status for InProgress {}
