//! Identifiers. All are UUIDs (v7, so they sort by creation), never sequential numbers.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new identifier; the caller supplies the UUID so the domain stays free of randomness.
            pub fn from_uuid(u: Uuid) -> Self { Self(u) }
            pub fn parse(s: &str) -> Option<Self> { Uuid::parse_str(s).ok().map(Self) }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }
    };
}

id_type!(
    /// An organisation (an authority or an international body).
    OrgId
);
id_type!(
    /// A person with an account.
    UserId
);
id_type!(
    /// An API token.
    TokenId
);
id_type!(
    /// A national criminal case.
    CaseId
);
id_type!(
    /// A request between authorities.
    RequestId
);
id_type!(
    /// A notice (person, vehicle or travel document).
    NoticeId
);
id_type!(
    /// A screening: one search (a person, a document, a vehicle or a list) with its purpose and hits.
    ScreeningId
);
id_type!(
    /// One hit of a screening, with its review decision.
    HitId
);
id_type!(
    /// An international working group.
    GroupId
);
id_type!(
    /// A meeting of a working group.
    MeetingId
);
id_type!(
    /// A task of a working group's action plan.
    TaskId
);
