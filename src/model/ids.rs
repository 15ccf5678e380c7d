//! Typed identifiers: one newtype per kind of record, so that a claim id can never be
//! passed where a document id is expected. Ids are plain strings in the file
//! (`"claim-17"`), stable across load and save, and unique within a project.
//! Nothing here allocates ids; see [`crate::model::IdAllocator`].

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an id string as it appears in a file.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

string_id!(
    /// Identifies a [`crate::model::Document`].
    DocumentId
);
string_id!(
    /// Identifies a [`crate::model::Claim`].
    ClaimId
);
string_id!(
    /// Identifies an [`crate::model::Outlet`].
    OutletId
);
string_id!(
    /// Identifies a [`crate::model::Source`].
    SourceId
);
string_id!(
    /// Identifies a [`crate::model::ClaimGroup`].
    GroupId
);
string_id!(
    /// Identifies a [`crate::model::Reviewer`].
    ReviewerId
);
string_id!(
    /// Identifies a [`crate::model::Conflict`] a merge recorded.
    ConflictId
);
string_id!(
    /// Identifies an entry of one of the taxonomy's label sets (a claim kind, a verdict,
    /// a frame ...). Which set it belongs to follows from the field that holds it.
    LabelId
);
