//! What every page with files shares: the rows of its file list, the multipart upload read into an
//! `Upload`, and the download answered as the API answers it.

use crate::error::AppError;
use crate::services::files::Upload;
use liaison_store::files::StoredFile;

pub struct FileRow {
    pub id: String,
    pub name: String,
    pub size: String,
    pub sha256: String,
    pub by: String,
    pub at: String,
    pub note: String,
}

/// A size as people read it: KB below a megabyte, MB with one decimal above.
pub fn size(bytes: i64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

pub fn rows(files: Vec<StoredFile>) -> Vec<FileRow> {
    files
        .into_iter()
        .map(|f| FileRow {
            size: size(f.size),
            at: crate::clock::format_ms(f.created_at),
            id: f.id,
            name: f.name,
            sha256: f.sha256,
            by: f.uploaded_by_label,
            note: f.note,
        })
        .collect()
}

/// A downloaded file as the API sends it, or the error page.
pub fn download(
    st: &crate::state::AppState,
    s: &super::page::Signed,
    result: Result<(StoredFile, Vec<u8>), AppError>,
) -> axum::response::Response {
    match result {
        Ok((f, bytes)) => crate::api::files::send(&f.name, &f.media_type, &f.sha256, bytes),
        Err(e) => s.ctx.fail(st, e),
    }
}

/// The file and note of a multipart upload form (fields `file` and `note`; others ignored).
pub async fn upload_of(form: axum::extract::Multipart) -> Result<Upload, AppError> {
    Ok(kind_and_upload_of(form).await?.1)
}

/// The `kind` (if given), file and note of a multipart upload form (other fields ignored).
pub async fn kind_and_upload_of(mut form: axum::extract::Multipart) -> Result<(Option<String>, Upload), AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| AppError::BadRequest { detail: e.to_string() };
    let mut u = Upload { name: String::new(), note: String::new(), bytes: Vec::new() };
    let mut kind = None;
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "file" => {
                u.name = field.file_name().unwrap_or_default().to_string();
                u.bytes = field.bytes().await.map_err(bad)?.to_vec();
            }
            "note" => u.note = field.text().await.map_err(bad)?,
            "kind" => kind = Some(field.text().await.map_err(bad)?),
            _ => {}
        }
    }
    Ok((kind, u))
}
