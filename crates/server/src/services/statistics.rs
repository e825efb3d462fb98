//! Statistics of the organisation's requests (sent and received) and the registry as CSV.

use super::requests::{RegistryQuery, list};
use super::{Caller, authorize};
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::date::Date;
use liaison_domain::page::{MAX_LIMIT, PageRequest};
use liaison_domain::policy::{Action, Target};
use liaison_domain::statistics::{Summary, summarise};

/// Figures of the requests sent between `from` and `to` (inclusive days; default: all).
pub async fn summary(
    st: &AppState,
    caller: &Caller,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Summary, AppError> {
    authorize(st, caller, Action::StatisticsRead, Target::None).await?;
    let org = caller.actor().map(|a| a.org).ok_or(AppError::Unauthenticated)?;
    let from_ms = from.map_or(i64::MIN, |d| d.start_ms());
    let to_ms = to.and_then(|d| d.add_days(1)).map_or(i64::MAX, |d| d.start_ms());
    let mut c = st.store.read().await?;
    let courses = liaison_store::requests::courses(&mut c, org, from_ms, to_ms).await?;
    Ok(summarise(&courses))
}

/// A CSV cell: quoted when needed, and a leading `=`, `+`, `-` or `@` defused so that spreadsheets
/// do not run it as a formula.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The registry (as filtered) as CSV, every page of it.
pub async fn registry_csv(st: &AppState, caller: &Caller, q: RegistryQuery) -> Result<String, AppError> {
    let mut out = String::from(
        "our_reference,their_reference,type,status,urgency,requesting_country,requested_country,created_at,sent_at,acknowledged_at,closed_at,days_to_acknowledgement,days_to_close,refusal_grounds\n",
    );
    let mut offset = 0u64;
    loop {
        let query = RegistryQuery {
            status: q.status.clone(),
            kind: q.kind.clone(),
            country: q.country.clone(),
            q: q.q.clone(),
            ..q
        };
        let page = list(st, caller, query, PageRequest { limit: MAX_LIMIT, offset }).await?;
        for r in &page.items {
            let days = |a: Option<i64>| match (r.sent_at, a) {
                (Some(s), Some(x)) => format!("{:.1}", (x - s) as f64 / 86_400_000.0),
                _ => String::new(),
            };
            let row = [
                cell(&r.our_reference),
                cell(r.their_reference.as_deref().unwrap_or("")),
                r.kind().as_str().into(),
                r.status.as_str().into(),
                r.urgency().as_str().into(),
                r.requesting_country.to_string(),
                r.requested_country().to_string(),
                rfc3339(r.created_at),
                r.sent_at.map(rfc3339).unwrap_or_default(),
                r.acknowledged_at.map(rfc3339).unwrap_or_default(),
                r.closed_at.map(rfc3339).unwrap_or_default(),
                days(r.acknowledged_at),
                days(r.closed_at),
                cell(&r.refusal_grounds.join(" ")),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        match page.next_offset() {
            Some(n) => offset = n,
            None => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("RU-MLA-2026-0001"), "RU-MLA-2026-0001");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-2"), "'-2");
    }
}
