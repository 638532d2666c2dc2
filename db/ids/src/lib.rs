//! The ids Jiesu's records are known by: one newtype per table, so that a unit's id cannot be
//! passed where a request's is meant. `db` takes and returns them; `app` carries them to pages
//! and back. In the database and on the wire each is the plain `bigint` it wraps.

use std::fmt;
use std::str::FromStr;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// Lets `query_as!` read the id into a row's field.
        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                Self(id)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    )*};
}

ids! {
    /// A user's (`users`).
    UserId;
    /// A request's (`requests`). Pages name a request by its tracking number; the id stays
    /// on the server.
    RequestId;
    /// A handling unit's (`units`): a department, a street office, a utility.
    UnitId;
    /// An area's (`areas`): a district, a street or a community.
    AreaId;
    /// A category's (`categories`).
    CategoryId;
    /// A consultation's (`consultations`).
    ConsultationId;
    /// A consultation option's (`consultation_options`).
    OptionId;
    /// A comment's in a consultation's discussion (`consultation_comments`).
    CommentId;
    /// A topic's (`topics`): a hot spot taken up as one piece of work.
    TopicId;
    /// A verification request's (`residence_verifications`).
    VerificationId;
    /// A request event's (`request_events`): one line of a timeline.
    EventId;
    /// A request photo's (`request_photos`).
    PhotoId;
    /// A standard answer's (`standard_answers`), in the hotline's library.
    StandardAnswerId;
    /// A role a resident serves a community in (`volunteers`): steward, volunteer, party member.
    VolunteerId;
    /// A duty roster's (`rosters`).
    RosterId;
    /// One shift of a roster (`shifts`).
    ShiftId;
    /// An organisation reporting to a community or street (`organisations`).
    OrganisationId;
    /// One line of an organisation's resource list (`organisation_resources`).
    ResourceId;
    /// A community's ask for an organisation's resource (`resource_asks`).
    AskId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_number_in_text_and_json() {
        let id: RequestId = "42".parse().expect("a number");
        assert_eq!(id, RequestId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).expect("json"), "42");
        assert!("4x".parse::<UnitId>().is_err());
    }
}
