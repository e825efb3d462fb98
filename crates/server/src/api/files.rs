//! Files of meetings and knowledge-base documents over the API: upload (the request body is the file),
//! list, download. Also the one way every file download is answered, request attachments included.

use super::extract::{ApiAuthed, ApiQuery};
use super::groups::meeting_id;
use super::knowledge::doc_id;
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::files::Upload;
use crate::services::{group_files, knowledge};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::{IntoResponse, Response};
use liaison_store::files::StoredFile;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, AppError>;

#[derive(Serialize, ToSchema)]
pub struct FileOut {
    pub id: String,
    pub name: String,
    /// From the content, not the name.
    pub media_type: String,
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub note: String,
    pub uploaded_by: String,
    pub created_at: String,
}

impl FileOut {
    pub fn of(f: &StoredFile) -> Self {
        FileOut {
            id: f.id.clone(),
            name: f.name.clone(),
            media_type: f.media_type.clone(),
            size: f.size,
            sha256: f.sha256.clone(),
            note: f.note.clone(),
            uploaded_by: f.uploaded_by_label.clone(),
            created_at: rfc3339(f.created_at),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FileParams {
    /// The file's name.
    pub name: String,
    #[serde(default)]
    pub note: String,
}

/// The request body as an upload, refused past the installation's size limit.
async fn upload_of(st: &AppState, q: FileParams, body: axum::body::Body) -> Result<Upload, AppError> {
    let limit = st.config.max_file_bytes;
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| AppError::PayloadTooLarge { limit })?;
    Ok(Upload { name: q.name, note: q.note, bytes: bytes.to_vec() })
}

/// A downloaded file: its type from its content, its name for saving (ASCII and UTF-8), its hash.
pub fn send(name: &str, media_type: &str, sha256: &str, bytes: Vec<u8>) -> Response {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", urlencoding::encode(name));
    (
        [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (HeaderName::from_static("x-content-sha256"), sha256.to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Add a file to a meeting (members of the group; the body is the file, its type judged by its content).
#[utoipa::path(post, path = "/meetings/{id}/files", tag = "groups", params(("id" = String, Path), FileParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = FileOut), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)))]
pub async fn attach_to_meeting(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<FileParams>,
    body: axum::body::Body,
) -> ApiResult<(StatusCode, Json<FileOut>)> {
    let u = upload_of(&st, q, body).await?;
    let f = group_files::attach(&st, &p.caller(), meeting_id(&id)?, u).await?;
    Ok((StatusCode::CREATED, Json(FileOut::of(&f))))
}

/// The files of a meeting.
#[utoipa::path(get, path = "/meetings/{id}/files", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = Vec<FileOut>), (status = 404, body = Problem)))]
pub async fn meeting_files(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<FileOut>>> {
    Ok(Json(group_files::list(&st, &p.caller(), meeting_id(&id)?).await?.iter().map(FileOut::of).collect()))
}

/// Download a file of a meeting (decrypted, checked against its SHA-256; audited).
#[utoipa::path(get, path = "/meetings/{id}/files/{file}", tag = "groups", params(("id" = String, Path), ("file" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = Problem)))]
pub async fn meeting_file(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (f, bytes) = group_files::download(&st, &p.caller(), meeting_id(&id)?, &file).await?;
    Ok(send(&f.name, &f.media_type, &f.sha256, bytes))
}

/// Add a file to a knowledge-base document the caller's organisation published.
#[utoipa::path(post, path = "/knowledge/{id}/files", tag = "knowledge", params(("id" = String, Path), FileParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = FileOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)))]
pub async fn attach_to_document(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<FileParams>,
    body: axum::body::Body,
) -> ApiResult<(StatusCode, Json<FileOut>)> {
    let u = upload_of(&st, q, body).await?;
    let f = knowledge::attach(&st, &p.caller(), doc_id(&id)?, u).await?;
    Ok((StatusCode::CREATED, Json(FileOut::of(&f))))
}

/// The files of a knowledge-base document.
#[utoipa::path(get, path = "/knowledge/{id}/files", tag = "knowledge", params(("id" = String, Path)),
    responses((status = 200, body = Vec<FileOut>), (status = 404, body = Problem)))]
pub async fn document_files(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<FileOut>>> {
    Ok(Json(knowledge::files(&st, &p.caller(), doc_id(&id)?).await?.iter().map(FileOut::of).collect()))
}

/// Download a file of a knowledge-base document (decrypted, checked against its SHA-256; audited).
#[utoipa::path(get, path = "/knowledge/{id}/files/{file}", tag = "knowledge", params(("id" = String, Path), ("file" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = Problem)))]
pub async fn document_file(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, file)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (f, bytes) = knowledge::file(&st, &p.caller(), doc_id(&id)?, &file).await?;
    Ok(send(&f.name, &f.media_type, &f.sha256, bytes))
}
