//! A meeting's files: papers for its agenda, the signed protocol, presentations. Members of the group add
//! them (as they propose agenda items) and read them; to anyone else the meeting and its files do not
//! exist. Uploads and downloads are audited.

use super::files::{self, Upload};
use super::groups::load_meeting;
use super::{Caller, Object};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::MeetingId;
use liaison_domain::group::meeting::MeetingStatus;
use liaison_domain::policy::Action;
use liaison_store::files::{Owner, StoredFile};

fn object(id: MeetingId) -> Object {
    Object::new("group_meeting", id, None)
}

pub async fn attach(st: &AppState, caller: &Caller, id: MeetingId, u: Upload) -> Result<StoredFile, AppError> {
    let (m, _, _) = load_meeting(st, caller, id, Action::GroupPropose).await?;
    if m.status == MeetingStatus::Cancelled {
        return Err(AppError::Conflict("the meeting was cancelled; nothing more can be added to it".into()));
    }
    files::attach(st, caller, Owner::Meeting, &id.to_string(), u, "group.meeting.attach", object(id)).await
}

pub async fn list(st: &AppState, caller: &Caller, id: MeetingId) -> Result<Vec<StoredFile>, AppError> {
    load_meeting(st, caller, id, Action::GroupRead).await?;
    files::list(st, Owner::Meeting, &id.to_string()).await
}

pub async fn download(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    file: &str,
) -> Result<(StoredFile, Vec<u8>), AppError> {
    load_meeting(st, caller, id, Action::GroupRead).await?;
    files::download(st, caller, Owner::Meeting, &id.to_string(), file, "group.meeting.file_download", object(id)).await
}
