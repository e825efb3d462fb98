//! Roles a user holds inside their organisation. A user may hold several.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the organisation's users and settings (all organisations when in the operator organisation).
    Administrator,
    /// Officer of a central authority: finds legal bases, sends and receives requests.
    CentralAuthorityOfficer,
    /// Prosecutor or investigator preparing requests for their cases.
    Prosecutor,
    /// Police liaison officer / NCB: notices, screening.
    LiaisonOfficer,
    /// Secretary of an international working group.
    WorkingGroupSecretary,
    /// Analyst: reads and compares, prepares statistics.
    Analyst,
    /// Reads the audit trail (of the organisation; of all when in the operator organisation).
    Auditor,
    /// Read-only access to what the organisation shares.
    Observer,
    /// Keeps the directory of authorities and the treaty data correct.
    DataSteward,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Administrator,
        Role::CentralAuthorityOfficer,
        Role::Prosecutor,
        Role::LiaisonOfficer,
        Role::WorkingGroupSecretary,
        Role::Analyst,
        Role::Auditor,
        Role::Observer,
        Role::DataSteward,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::CentralAuthorityOfficer => "central_authority_officer",
            Role::Prosecutor => "prosecutor",
            Role::LiaisonOfficer => "liaison_officer",
            Role::WorkingGroupSecretary => "working_group_secretary",
            Role::Analyst => "analyst",
            Role::Auditor => "auditor",
            Role::Observer => "observer",
            Role::DataSteward => "data_steward",
        }
    }

    pub fn parse(s: &str) -> Result<Role, FieldError> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim()).ok_or_else(|| {
            let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            FieldError::new("role", "unknown_value", format!("unknown role '{s}'; known roles: {}", known.join(", ")))
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A non-empty set of roles.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoleSet(BTreeSet<Role>);

impl RoleSet {
    pub fn of(roles: impl IntoIterator<Item = Role>) -> Self {
        Self(roles.into_iter().collect())
    }

    /// Parses roles from their names; refuses unknown names, duplicates are merged, empty is refused.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<Self, FieldError> {
        let mut set = BTreeSet::new();
        for (i, n) in names.iter().enumerate() {
            let r = Role::parse(n.as_ref()).map_err(|mut e| {
                e.field = format!("roles[{i}]");
                e
            })?;
            set.insert(r);
        }
        if set.is_empty() {
            return Err(FieldError::new("roles", "required", "at least one role is required"));
        }
        Ok(Self(set))
    }

    /// Parses the comma-separated storage form.
    pub fn from_csv(s: &str) -> Result<Self, FieldError> {
        let parts: Vec<&str> = s.split(',').filter(|p| !p.is_empty()).collect();
        Self::parse(&parts)
    }

    pub fn to_csv(&self) -> String {
        self.0.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
    }

    pub fn has(&self, r: Role) -> bool {
        self.0.contains(&r)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_storage_form() {
        let set = RoleSet::of([Role::Auditor, Role::Administrator]);
        assert_eq!(set.to_csv(), "administrator,auditor");
        assert_eq!(RoleSet::from_csv(&set.to_csv()), Ok(set));
    }

    #[test]
    fn unknown_and_empty_role_lists_are_refused_with_the_position() {
        let e = RoleSet::parse(&["prosecutor", "king"]).unwrap_err();
        assert_eq!(e.field, "roles[1]");
        assert_eq!(e.code, "unknown_value");
        assert_eq!(RoleSet::parse::<&str>(&[]).unwrap_err().code, "required");
    }
}
