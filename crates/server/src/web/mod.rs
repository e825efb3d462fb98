//! The server-rendered web UI: templates compiled into the binary (askama), every string through
//! Fluent, every form CSRF-protected by one layer, every action through the same services as the API.

mod account;
mod admin;
mod assets;
mod audit;
mod auth;
mod cases;
mod charts;
mod csrf;
mod files;
mod forms;
mod groups;
mod knowledge;
mod networks;
mod notices;
mod page;
mod reference;
mod requests;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use page::{Chrome, WebCtx};

/// The body limit of an upload form: the largest file accepted and room for the form around it.
fn upload_limit(state: &AppState) -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(upload_bytes(state))
}

pub(crate) fn upload_bytes(state: &AppState) -> usize {
    state.config.max_file_bytes + 1024 * 1024
}

/// Whether `path` is one of the upload forms' (below, with `upload_limit`): they alone may send a
/// file-sized body.
pub(crate) fn takes_files(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(parts.as_slice(), ["requests", _, "attachments"] | ["meetings" | "knowledge", _, "files"])
}

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(page::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/login/second-factor", get(auth::second_factor_form).post(auth::second_factor))
        .route("/logout", post(auth::logout))
        .route("/language", post(account::language))
        .route("/account", get(account::overview))
        .route("/account/password", get(account::password_form).post(account::password))
        .route("/account/second-factor", get(account::enrol_form).post(account::enrol))
        .route("/account/logout-everywhere", post(account::logout_everywhere))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/new", get(admin::new_user_form))
        .route("/admin/users/{id}", get(admin::user).post(admin::update_user))
        .route("/admin/users/{id}/reset-password", post(admin::reset_password))
        .route("/admin/users/{id}/revoke-sessions", post(admin::revoke_sessions))
        .route("/admin/organisations", get(admin::orgs).post(admin::create_org))
        .route("/admin/organisations/{id}", get(admin::org).post(admin::update_org))
        .route("/directory", get(reference::directory))
        .route("/directory/authorities/{id}", get(reference::authority).post(reference::edit))
        .route("/directory/authorities/{id}/confirm", post(reference::confirm))
        .route("/directory/networks/{id}", get(reference::network))
        .route("/legal-basis", get(reference::finder))
        .route("/cases", get(cases::list).post(cases::create))
        .route("/cases/{id}", get(cases::show).post(cases::update))
        .route("/cases/{id}/offences", post(cases::offence))
        .route("/cases/{id}/persons", post(cases::person))
        .route("/cases/{id}/assets", post(cases::asset))
        .route("/cases/{id}/remove", post(cases::remove))
        .route("/cases/{id}/team", post(cases::add_member))
        .route("/cases/{id}/team/{user}/remove", post(cases::remove_member))
        .route("/cases/{id}/requests", post(cases::new_request))
        .route("/notifications", get(requests::notifications).post(requests::read_notifications))
        .route("/notices", get(notices::list).post(notices::create))
        .route("/notices/new", get(notices::new_form))
        .route("/notices/import", get(notices::import_form).post(notices::import))
        .route("/notices/{id}", get(notices::show))
        .route("/notices/{id}/edit", get(notices::edit_form).post(notices::edit))
        .route("/notices/{id}/status", post(notices::status))
        .route("/networks/{id}", get(networks::space))
        .route("/networks/{id}/events", post(networks::create_event))
        .route("/networks/{id}/focal-points", post(networks::hand_over))
        .route("/events/{id}", get(networks::event))
        .route("/events/{id}/attendance", post(networks::attendance))
        .route("/knowledge", get(knowledge::search).post(knowledge::publish))
        .route("/knowledge/new", get(knowledge::new_form))
        .route("/knowledge/{id}", get(knowledge::show).post(knowledge::save))
        .route("/knowledge/{id}/edit", get(knowledge::edit_form))
        .route("/knowledge/{id}/withdraw", post(knowledge::withdraw))
        .route("/knowledge/{id}/files", post(knowledge::attach).layer(upload_limit(&state)))
        .route("/knowledge/{id}/files/{file}", get(knowledge::file))
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/new", get(groups::new_form))
        .route("/groups/{id}", get(groups::show))
        .route("/groups/{id}/meetings", post(groups::plan_meeting))
        .route("/groups/{id}/tasks", post(groups::add_task))
        .route("/groups/{id}/calendar.ics", get(groups::calendar))
        .route("/groups/{id}/results", get(groups::results).post(groups::enter_result))
        .route("/groups/{id}/results/{year}/report.pdf", get(groups::results_report))
        .route("/meetings/{id}", get(groups::meeting))
        .route("/meetings/{id}/agenda", post(groups::propose))
        .route("/meetings/{id}/protocol", post(groups::protocol))
        .route("/meetings/{id}/protocol.pdf", get(groups::protocol_document))
        .route("/meetings/{id}/files", post(groups::attach).layer(upload_limit(&state)))
        .route("/meetings/{id}/files/{file}", get(groups::file))
        .route("/tasks/mine", get(groups::my_tasks))
        .route("/tasks/{id}/report", post(groups::report))
        .route("/screening", get(notices::screening))
        .route("/screening/{what}", post(notices::screen))
        .route("/screenings/review", get(notices::review))
        .route("/screenings/{id}", get(notices::result))
        .route("/hits/{id}/decision", post(notices::decide))
        .route("/requests", get(requests::registry))
        .route("/requests.csv", get(requests::registry_csv))
        .route("/statistics", get(requests::statistics))
        .route("/requests/unanswered", get(requests::unanswered))
        .route("/requests/{id}", get(requests::show))
        .route("/requests/{id}/steps", post(requests::step))
        .route("/requests/{id}/supplement", post(requests::supplement))
        .route("/requests/{id}/template", post(requests::save_template))
        .route("/requests/{id}/escalate", post(requests::escalate))
        .route("/requests/{id}/attachments", post(requests::upload).layer(upload_limit(&state)))
        .route("/requests/{id}/attachments/{attachment}", get(requests::download))
        .route("/requests/{id}/documents/{kind}", get(requests::document))
        .route("/requests/{id}/write/{step}", get(requests::write).post(requests::save))
        .route("/audit", get(audit::events))
        .route("/audit/export.jsonl", get(audit::export))
        .route("/static/{file}", get(assets::serve))
        .fallback(page::not_found)
        .layer(axum::middleware::from_fn_with_state(state, csrf::guard))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_upload_forms_alone_take_files() {
        for path in ["/requests/r1/attachments", "/meetings/m1/files", "/knowledge/k1/files"] {
            assert!(super::takes_files(path), "{path}");
        }
        for path in ["/requests/r1", "/meetings/m1/files/f1", "/knowledge", "/requests/attachments", "/login"] {
            assert!(!super::takes_files(path), "{path}");
        }
    }
}
