//! Results of a working group: the yearly figures (computed from the requests between the parties' states,
//! or entered by the secretary where the data is elsewhere), the secretary's entries, and the yearly
//! report as PDF with the year's meetings, decisions and tasks.

use super::documents::{date_in, direction, labels, render};
use super::groups::{self as svc, GroupView};
use super::{Caller, Object, commit, record};
use crate::error::AppError;
use crate::i18n::{Tr, plain};
use crate::state::AppState;
use liaison_documents::{Bilingual, DocumentText, FormalDocument, Letterhead, Paragraph};
use liaison_domain::GroupId;
use liaison_domain::audit::Outcome;
use liaison_domain::group::meeting::MeetingStatus;
use liaison_domain::group::results::{self, Entered, Indicator, Source, Year};
use liaison_domain::policy::Action;
use liaison_domain::validation::FieldError;
use liaison_store::groups::{self, GroupRecord};
use serde_json::json;

/// At most this many years are shown at once.
pub const MAX_YEARS: i32 = 30;

/// The group's figures for each year from `from` to `to` (default: the ten years to this one).
pub async fn yearly(
    st: &AppState,
    caller: &Caller,
    group: GroupId,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<(GroupRecord, Vec<Year>), AppError> {
    let (g, _) = svc::load(st, caller, group, Action::GroupRead).await?;
    let this_year = st.today()?.year();
    let to = to.unwrap_or(this_year);
    let from = from.unwrap_or(to - 9);
    if !(results::FIRST_YEAR..=results::LAST_YEAR).contains(&from)
        || !(results::FIRST_YEAR..=results::LAST_YEAR).contains(&to)
        || from > to
        || to - from >= MAX_YEARS
    {
        return Err(FieldError::new(
            "from",
            "out_of_range",
            format!("a period of at most {MAX_YEARS} years between {} and {}", results::FIRST_YEAR, results::LAST_YEAR),
        )
        .into());
    }
    let mut c = st.store.read().await?;
    let courses = groups::courses_between(&mut c, &g.body.parties).await?;
    let entered = groups::results(&mut c, group).await?;
    drop(c);
    let years = results::yearly(&courses, &entered, from, to);
    Ok((g, years))
}

/// The secretary (or a co-chair) enters a figure for a year; it replaces the computed one.
pub async fn enter(st: &AppState, caller: &Caller, group: GroupId, e: Entered) -> Result<(), AppError> {
    let (g, _) = svc::load(st, caller, group, Action::GroupManage).await?;
    let e = e.check()?;
    let mut tx = st.store.write().await?;
    groups::set_result(&mut tx, group, &e, caller.actor().map(|a| a.user), st.now()).await?;
    let details = json!({"year": e.year, "indicator": e.indicator, "value": e.value});
    record(
        st,
        &mut tx,
        caller,
        "group.result",
        &Object::new("working_group", g.id, None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await
}

/// A figure as the report prints it.
pub fn format_figure(t: &Tr<'_>, indicator: Indicator, value: Option<f64>) -> String {
    match value {
        None => plain(t.t("results-unknown")),
        Some(v)
            if matches!(
                indicator,
                Indicator::AssetsFrozen | Indicator::AssetsConfiscated | Indicator::AssetsReturned
            ) =>
        {
            format!("{} €", thousands(v.round() as i64))
        }
        Some(v) if v.fract() != 0.0 => format!("{v:.1}"),
        Some(v) => thousands(v as i64),
    }
}

/// Digits grouped by thousands with a thin space, readable in every language.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn version_in(t: &Tr<'_>, g: &GroupRecord, view: &GroupView, year: &Year, activity: &Activity) -> DocumentText {
    let l = |id: &str| plain(t.t(id));
    let mut labels = labels(t);
    labels.our_reference = l("doc-results-year");
    labels.legal_basis = l("doc-results-parties");
    let figures: Vec<String> = year
        .figures
        .iter()
        .map(|f| {
            let source = match f.source {
                Some(Source::Entered) => format!(" ({})", l("results-source-entered")),
                Some(Source::Computed) => format!(" ({})", l("results-source-computed")),
                None => String::new(),
            };
            let note = f.note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default();
            format!(
                "{}: {}{source}{note}",
                l(&format!("indicator-{}", f.indicator.as_str().replace('_', "-"))),
                format_figure(t, f.indicator, f.value)
            )
        })
        .collect();
    let activity_text = [
        t.t1("doc-results-meetings", "count", &activity.meetings.to_string()),
        t.t1("doc-results-decisions", "count", &activity.decisions.to_string()),
        t.ta(
            "doc-results-tasks",
            &[("done", &activity.tasks_done.to_string()), ("due", &activity.tasks_due.to_string())],
        ),
    ]
    .map(plain)
    .join("\n\n");
    DocumentText {
        lang: t.code.to_owned(),
        direction: direction(t.code),
        labels,
        title: format!("{}\n{}", t.t1("doc-results-title", "year", &year.year.to_string()), g.body.name)
            .replace(['\u{2068}', '\u{2069}'], ""),
        addressee: Vec::new(),
        legal_basis: view
            .group
            .body
            .parties
            .iter()
            .filter_map(|p| {
                view.members
                    .iter()
                    .find(|m| m.member.org == p.org)
                    .map(|m| format!("{} ({})", m.org_name, p.country.name_in(t.code)))
            })
            .collect(),
        paragraphs: vec![
            Paragraph { heading: Some(l("doc-results-figures")), text: figures.join("\n\n") },
            Paragraph { heading: Some(l("doc-results-activity")), text: activity_text },
        ],
        annexes: Vec::new(),
        closing: None,
    }
}

/// What the group did in the year: meetings held, decisions taken, tasks due and done.
struct Activity {
    meetings: usize,
    decisions: usize,
    tasks_due: usize,
    tasks_done: usize,
}

/// The yearly report as PDF, in the caller's language (and `second` beside it).
pub async fn report_pdf(
    st: &AppState,
    caller: &Caller,
    group: GroupId,
    year: i32,
    lang: &str,
    second: Option<&str>,
) -> Result<(String, Vec<u8>), AppError> {
    let (g, years) = yearly(st, caller, group, Some(year), Some(year)).await?;
    let year_figures = years.into_iter().next().ok_or(AppError::Internal("no year".into()))?;
    let view = svc::get(st, caller, group).await?;
    let in_year = |ms: i64| liaison_domain::date::Date::of_ms(ms).is_some_and(|d| d.year() == year);
    let meetings = svc::meetings(st, caller, group).await?;
    let held: Vec<_> =
        meetings.iter().filter(|m| m.status == MeetingStatus::Held && in_year(m.body.starts_at)).collect();
    let tasks = svc::plan(st, caller, group).await?;
    let due: Vec<_> = tasks.iter().filter(|t| t.body.due.year() == year).collect();
    let activity = Activity {
        meetings: held.len(),
        decisions: held.iter().filter_map(|m| m.protocol.as_ref()).map(|p| p.decisions.len()).sum(),
        tasks_due: due.len(),
        tasks_done: due.iter().filter(|t| t.status == liaison_domain::group::task::TaskStatus::Done).count(),
    };
    let t = st.i18n.tr(lang);
    let primary = version_in(&t, &g, &view, &year_figures, &activity);
    let second = second.map(str::trim).filter(|s| !s.is_empty()).map(super::group_documents::wording_language);
    let secondary = match second.transpose()? {
        Some(l2) if l2 != t.code => {
            Some((version_in(&st.i18n.tr(l2), &g, &view, &year_figures, &activity), Bilingual::Columns))
        }
        _ => None,
    };
    let (signature, cosignatories) = super::group_documents::signatories(&t, &view);
    let states: Vec<&str> = g.body.states().iter().map(|c| c.name_in(t.code)).collect();
    let doc = FormalDocument {
        letterhead: Letterhead {
            authority: g.body.name.clone(),
            country: states.join(" · "),
            address_lines: Vec::new(),
        },
        our_reference: year.to_string(),
        your_reference: None,
        date: date_in(t.code, st.today()?),
        urgent: false,
        primary,
        secondary,
        signature,
        cosignatories,
    };
    let bytes = render(doc).await?;
    super::record_alone(
        st,
        caller,
        "group.results_report",
        &Object::new("working_group", g.id, None).with(json!({"year": year, "bytes": bytes.len()})),
        Outcome::Success,
    )
    .await;
    Ok((format!("results-{year}.pdf"), bytes))
}
