//! The audit trail's events and their hash chain. Each event's hash covers the previous event's hash
//! and a canonical encoding of the event, so that changing, removing or inserting an event shows.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash that precedes the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    /// Refused by the access policy.
    Denied,
    /// Attempted and failed (wrong password, invalid input…).
    Failure,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Denied => "denied",
            Outcome::Failure => "failure",
        }
    }
    pub fn parse(s: &str) -> Option<Outcome> {
        [Outcome::Success, Outcome::Denied, Outcome::Failure].into_iter().find(|o| o.as_str() == s)
    }
}

/// What happened, before it has a place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAuditEvent {
    pub id: String,
    /// Milliseconds since the Unix epoch, UTC.
    pub at_ms: i64,
    /// The acting user's id, when known.
    pub actor_user: Option<String>,
    /// The actor as a person reads it: user name, `cli`, `system`, or the name tried at a failed login.
    pub actor_label: String,
    pub actor_org: Option<String>,
    /// Dotted action name (`user.create`, `auth.login`, `audit.export`…).
    pub action: String,
    pub object_kind: Option<String>,
    pub object_id: Option<String>,
    /// The organisation the object belongs to, used to show the event to that organisation's auditors.
    pub object_org: Option<String>,
    /// Client network address, when the action came over the network.
    pub client: Option<String>,
    pub outcome: Outcome,
    /// Extra facts as canonical JSON (sorted keys, no whitespace).
    pub details: String,
}

/// An event in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub seq: i64,
    #[serde(flatten)]
    pub event: NewAuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

/// Canonical JSON for free-form details: object keys sorted, no insignificant whitespace.
pub fn canonical_details(v: &serde_json::Value) -> String {
    // serde_json's default map is ordered by key, so serialising a Value is canonical.
    serde_json::to_string(v).unwrap_or_else(|_| "{}".to_string())
}

/// The bytes an event's hash covers, apart from the previous hash: a fixed field order, each field
/// length-prefixed so that no two different events encode alike.
pub fn canonical_encoding(seq: i64, e: &NewAuditEvent) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    let mut field = |s: Option<&str>| match s {
        None => out.extend_from_slice(b"-;"),
        Some(s) => {
            out.extend_from_slice(s.len().to_string().as_bytes());
            out.push(b':');
            out.extend_from_slice(s.as_bytes());
            out.push(b';');
        }
    };
    field(Some("liaison-audit-v1"));
    field(Some(&seq.to_string()));
    field(Some(&e.id));
    field(Some(&e.at_ms.to_string()));
    field(e.actor_user.as_deref());
    field(Some(&e.actor_label));
    field(e.actor_org.as_deref());
    field(Some(&e.action));
    field(e.object_kind.as_deref());
    field(e.object_id.as_deref());
    field(e.object_org.as_deref());
    field(e.client.as_deref());
    field(Some(e.outcome.as_str()));
    field(Some(&e.details));
    out
}

/// The hash of an event at position `seq` following `prev_hash` (hex SHA-256).
pub fn chain_hash(prev_hash: &str, seq: i64, e: &NewAuditEvent) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(canonical_encoding(seq, e));
    hex::encode(h.finalize())
}

/// Where the chain breaks, with the first bad event's sequence number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("event #{seq} (id {id}): its stored hash does not match its content — the event was changed")]
    Altered { seq: i64, id: String },
    #[error(
        "event #{seq} (id {id}): its previous-hash does not match event #{prev_seq} — an event before it was changed, removed or inserted"
    )]
    Broken { seq: i64, id: String, prev_seq: i64 },
    #[error("event #{seq} (id {id}) follows #{prev_seq}: events are missing or were inserted")]
    Gap { seq: i64, id: String, prev_seq: i64 },
    #[error(
        "the chain head says {head_count} events ending in hash {head_hash}, but the last event is #{last_seq} — events at the end were removed or added"
    )]
    Head { head_count: i64, head_hash: String, last_seq: i64 },
}

/// Verifies events in order, continuing from `(prev_seq, prev_hash)`. Returns the last `(seq, hash)`.
pub struct ChainVerifier {
    prev_seq: i64,
    prev_hash: String,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self { prev_seq: 0, prev_hash: GENESIS_HASH.to_string() }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, ev: &AuditEvent) -> Result<(), ChainError> {
        if ev.seq != self.prev_seq + 1 {
            return Err(ChainError::Gap { seq: ev.seq, id: ev.event.id.clone(), prev_seq: self.prev_seq });
        }
        if ev.prev_hash != self.prev_hash {
            return Err(ChainError::Broken { seq: ev.seq, id: ev.event.id.clone(), prev_seq: self.prev_seq });
        }
        if chain_hash(&ev.prev_hash, ev.seq, &ev.event) != ev.hash {
            return Err(ChainError::Altered { seq: ev.seq, id: ev.event.id.clone() });
        }
        self.prev_seq = ev.seq;
        self.prev_hash = ev.hash.clone();
        Ok(())
    }

    /// Checks the stored chain head against the last verified event.
    pub fn finish(self, head_count: i64, head_hash: &str) -> Result<i64, ChainError> {
        if head_count != self.prev_seq || head_hash != self.prev_hash {
            return Err(ChainError::Head { head_count, head_hash: head_hash.to_string(), last_seq: self.prev_seq });
        }
        Ok(self.prev_seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(i: i64) -> NewAuditEvent {
        NewAuditEvent {
            id: format!("id-{i}"),
            at_ms: 1_700_000_000_000 + i,
            actor_user: Some("u".into()),
            actor_label: "ivanov".into(),
            actor_org: Some("o".into()),
            action: "user.create".into(),
            object_kind: Some("user".into()),
            object_id: Some(format!("obj-{i}")),
            object_org: Some("o".into()),
            client: Some("127.0.0.1".into()),
            outcome: Outcome::Success,
            details: canonical_details(&serde_json::json!({"b": 1, "a": "Сергей"})),
        }
    }

    fn chain(n: i64) -> Vec<AuditEvent> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let e = ev(seq);
                let hash = chain_hash(&prev, seq, &e);
                let out = AuditEvent { seq, event: e, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                out
            })
            .collect()
    }

    fn verify(events: &[AuditEvent], head: (i64, &str)) -> Result<i64, ChainError> {
        let mut v = ChainVerifier::default();
        for e in events {
            v.push(e)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, (5, &c[4].hash)), Ok(5));
        assert_eq!(canonical_details(&serde_json::json!({"b": 1, "a": 2})), r#"{"a":2,"b":1}"#);
    }

    #[test]
    fn a_changed_event_is_named() {
        let mut c = chain(5);
        c[2].event.actor_label = "petrov".into();
        assert_eq!(verify(&c, (5, &c[4].hash.clone())), Err(ChainError::Altered { seq: 3, id: "id-3".into() }));
    }

    #[test]
    fn a_changed_and_rehashed_event_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].event.outcome = Outcome::Denied;
        c[2].hash = chain_hash(&c[2].prev_hash, 3, &c[2].event);
        assert_eq!(
            verify(&c, (5, &c[4].hash.clone())),
            Err(ChainError::Broken { seq: 4, id: "id-4".into(), prev_seq: 3 })
        );
    }

    #[test]
    fn removed_inserted_and_truncated_events_are_found() {
        let mut c = chain(5);
        let head = c[4].hash.clone();
        c.remove(1);
        assert!(matches!(verify(&c, (5, &head)), Err(ChainError::Gap { seq: 3, .. })));
        let c = chain(5);
        assert!(matches!(verify(&c[..4], (5, &head)), Err(ChainError::Head { last_seq: 4, .. })));
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let mut a = ev(1);
        let mut b = ev(1);
        a.actor_label = "ab".into();
        a.action = "c".into();
        b.actor_label = "a".into();
        b.action = "bc".into();
        assert_ne!(canonical_encoding(1, &a), canonical_encoding(1, &b));
    }
}
