//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document generated from these handlers.
//! Handlers are thin: parse, call one service, shape the answer.

pub mod dto;
pub mod extract;
pub(crate) mod files;
mod groups;
mod handlers;
mod knowledge;
mod networks;
pub mod notices;
mod reference;
pub(crate) mod requests;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Liaison API",
        description = "International cooperation in criminal matters: organisations, users, access and the audit trail. \
            Authenticate with `Authorization: Bearer <token>` (API tokens) or the session cookie plus the \
            `X-CSRF-Token` header on writes. Errors are RFC 9457 problem documents.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&Security),
    components(schemas(crate::error::Problem, crate::error::ProblemField))
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let c = api.components.get_or_insert_with(Default::default);
        c.add_security_scheme("token", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
        c.add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("liaison_session"))));
    }
}

/// The API's router (to nest at `/api/v1`) and its OpenAPI document.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use handlers::*;
    let (router, mut api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(login))
        .routes(routes!(second_factor))
        .routes(routes!(logout))
        .routes(routes!(logout_everywhere))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(set_locale))
        .routes(routes!(my_sessions))
        .routes(routes!(begin_enrolment, confirm_enrolment))
        .routes(routes!(list_orgs, create_org))
        .routes(routes!(get_org, update_org))
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user))
        .routes(routes!(reset_password))
        .routes(routes!(revoke_user_sessions))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_audit))
        .routes(routes!(export_audit))
        .routes(routes!(verify_audit))
        .routes(routes!(reference::search))
        .routes(routes!(reference::get_authority, reference::edit_authority))
        .routes(routes!(reference::confirm_authority))
        .routes(routes!(reference::networks))
        .routes(routes!(reference::network))
        .routes(routes!(reference::legal_basis))
        .routes(routes!(reference::instruments))
        .routes(routes!(reference::instrument, reference::put_instrument))
        .routes(routes!(requests::list_cases, requests::create_case))
        .routes(routes!(requests::get_case, requests::update_case))
        .routes(routes!(requests::add_member))
        .routes(routes!(requests::remove_member))
        .routes(routes!(requests::list_requests, requests::create_request))
        .routes(routes!(requests::unanswered))
        .routes(routes!(requests::export_csv))
        .routes(routes!(requests::statistics))
        .routes(routes!(requests::get_request, requests::edit_request))
        .routes(routes!(requests::transition))
        .routes(routes!(requests::document))
        .routes(routes!(requests::attachments, requests::upload))
        .routes(routes!(requests::download))
        .routes(routes!(requests::escalation_routes, requests::escalate))
        .routes(routes!(requests::notifications))
        .routes(routes!(requests::read_notification))
        .routes(routes!(requests::refusal_grounds))
        .routes(routes!(requests::list_templates))
        .routes(routes!(requests::put_template, requests::delete_template))
        .routes(routes!(notices::list_notices, notices::create_notice))
        .routes(routes!(notices::import_notices))
        .routes(routes!(notices::export_ftm))
        .routes(routes!(notices::get_notice, notices::update_notice))
        .routes(routes!(notices::notice_status))
        .routes(routes!(notices::notice_hits))
        .routes(routes!(notices::screen_person))
        .routes(routes!(notices::screen_document))
        .routes(routes!(notices::screen_vehicle))
        .routes(routes!(notices::screen_list))
        .routes(routes!(notices::review_queue))
        .routes(routes!(notices::get_screening))
        .routes(routes!(notices::decide_hit))
        .routes(routes!(networks::focal_points, networks::hand_over))
        .routes(routes!(networks::events, networks::create_event))
        .routes(routes!(networks::event, networks::update_event))
        .routes(routes!(knowledge::search, knowledge::publish))
        .routes(routes!(knowledge::get, knowledge::update, knowledge::withdraw))
        .routes(routes!(files::document_files, files::attach_to_document))
        .routes(routes!(files::document_file))
        .routes(routes!(groups::list_groups, groups::create_group))
        .routes(routes!(groups::get_group, groups::update_group))
        .routes(routes!(groups::list_meetings, groups::plan_meeting))
        .routes(routes!(groups::calendar))
        .routes(routes!(groups::get_meeting))
        .routes(routes!(files::meeting_files, files::attach_to_meeting))
        .routes(routes!(files::meeting_file))
        .routes(routes!(groups::propose, groups::order_agenda))
        .routes(routes!(groups::record_protocol))
        .routes(routes!(groups::protocol_document))
        .routes(routes!(groups::results, groups::enter_result))
        .routes(routes!(groups::results_report))
        .routes(routes!(groups::plan, groups::create_task))
        .routes(routes!(groups::my_tasks))
        .routes(routes!(groups::get_task))
        .routes(routes!(groups::report))
        .split_for_parts();
    api.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    let doc = api.clone();
    let router = router
        .route("/openapi.json", axum::routing::get(move || std::future::ready(axum::Json(doc.clone()))))
        .fallback(|| async { AppError::NotFound("API endpoint") })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed });
    (router, api)
}
