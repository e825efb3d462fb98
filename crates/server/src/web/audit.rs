//! The auditor's pages: filtered list of audit events and the JSON-lines export.

use super::admin::Pager;
use super::page::{Chrome, Signed, render};
use crate::clock::format_ms;
use crate::error::AppError;
use crate::services::audit;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use liaison_domain::page::PageRequest;
use liaison_store::audit::AuditFilter;
use serde::Deserialize;

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    object_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl AuditQuery {
    fn filter(&self) -> Result<AuditFilter, AppError> {
        audit::parse_filter(&audit::FilterInput {
            actor: &self.actor,
            action: &self.action,
            outcome: &self.outcome,
            object_id: &self.object_id,
            from: &self.from,
            to: &self.to,
        })
    }

    fn query_string(&self) -> String {
        let e = |s: &str| urlencoding::encode(s).into_owned();
        format!(
            "actor={}&action={}&outcome={}&object_id={}&from={}&to={}",
            e(&self.actor),
            e(&self.action),
            e(&self.outcome),
            e(&self.object_id),
            e(&self.from),
            e(&self.to)
        )
    }
}

pub struct EventRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub client: String,
    pub outcome: String,
    pub outcome_class: &'static str,
    pub details: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    c: Chrome<'a>,
    q: AuditQuery,
    rows: Vec<EventRow>,
    pager: Pager,
    export_link: String,
}

pub async fn events(State(st): State<AppState>, s: Signed, Query(q): Query<AuditQuery>) -> Response {
    let run = async {
        let f = q.filter()?;
        let page = PageRequest::parse(q.limit, q.offset)?;
        let list = audit::list(&st, &s.p.caller(), &f, page).await?;
        let t = st.i18n.tr(s.ctx.locale);
        let qs = q.query_string();
        let pager = Pager::new(&list, &format!("/audit?{qs}"));
        let rows = list
            .items
            .iter()
            .map(|e| {
                let v = &e.event;
                EventRow {
                    seq: e.seq,
                    at: format_ms(v.at_ms),
                    actor: v.actor_label.clone(),
                    action: v.action.clone(),
                    object: match (&v.object_kind, &v.object_id) {
                        (Some(k), Some(i)) => format!("{k} {i}"),
                        (None, Some(i)) => i.clone(),
                        _ => String::new(),
                    },
                    client: v.client.clone().unwrap_or_default(),
                    outcome: t.t(&format!("outcome-{}", v.outcome.as_str())),
                    outcome_class: v.outcome.as_str(),
                    details: v.details.clone(),
                }
            })
            .collect();
        Ok::<_, AppError>(render(&AuditPage {
            c: s.ctx.chrome(&st, "audit-title"),
            q: q.clone(),
            rows,
            pager,
            export_link: format!("/audit/export.jsonl?{qs}"),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn export(State(st): State<AppState>, s: Signed, Query(q): Query<AuditQuery>) -> Response {
    let run = async {
        let f = q.filter()?;
        let body = audit::export_jsonl(&st, &s.p.caller(), &f).await?;
        Ok::<_, AppError>(
            (
                [
                    (header::CONTENT_TYPE, "application/x-ndjson"),
                    (header::CONTENT_DISPOSITION, "attachment; filename=\"liaison-audit.jsonl\""),
                ],
                body,
            )
                .into_response(),
        )
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}
