//! Files on messages: checking uploads against the policy, keeping their bytes in the blob store, listing them with
//! a thread and handing them out. Whoever may read a message may download its files; nobody else learns they exist.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use super::secrets::new_id;
use super::{Actor, ServiceError, Services, Upload};
use crate::domain::{is_allowed, AcceptedFile, Action, Attachment, FieldError, FileKind, UploadRefusal};
use crate::store::AttachmentRecord;

/// A file ready to send: the cleaned name, the media type we decided on upload, the bytes, and whether a browser
/// may show it in place (raster images only; everything else is a download).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub inline: bool,
}

/// Where clients download an attachment.
pub fn attachment_url(id: &str) -> String {
    format!("/api/v1/attachments/{id}")
}

/// Uploads that passed every check, paired with what was decided about them.
pub(super) struct CheckedUploads(Vec<(Upload, AcceptedFile)>);

impl Services {
    /// Checks every upload before anything is stored: one refused file refuses them all.
    pub(super) fn check_uploads(&self, uploads: Vec<Upload>) -> Result<CheckedUploads, ServiceError> {
        let policy = &self.settings().attachments;
        policy.check_count(uploads.len()).map_err(|refusal| refused(refusal, ""))?;
        let mut checked = Vec::with_capacity(uploads.len());
        for upload in uploads {
            let accepted = policy
                .check(&upload.name, &upload.bytes)
                .map_err(|refusal| refused(refusal, &crate::domain::attachment::sanitize_file_name(&upload.name)))?;
            checked.push((upload, accepted));
        }
        Ok(CheckedUploads(checked))
    }

    /// Writes the bytes to the blob store and returns the rows that attach them to `message_id`. Identical bytes
    /// are stored once, however many messages carry them.
    pub(super) async fn store_uploads(
        &self,
        uploads: CheckedUploads,
        message_id: &str,
        at: DateTime<Utc>,
    ) -> Result<Vec<AttachmentRecord>, ServiceError> {
        let mut records = Vec::with_capacity(uploads.0.len());
        for (upload, accepted) in uploads.0 {
            let sha256 = self
                .blobs()
                .put(&upload.bytes)
                .await
                .map_err(|err| ServiceError::Internal(format!("storing {}: {err}", accepted.name)))?;
            records.push(AttachmentRecord {
                id: new_id(),
                message_id: message_id.to_string(),
                content_type: accepted.content_type().to_string(),
                name: accepted.name,
                size: upload.bytes.len() as u64,
                sha256,
                created_at: at,
            });
        }
        Ok(records)
    }

    /// The files of a thread by message id, in one query; internal notes' only for staff.
    pub(super) async fn thread_attachments(
        &self,
        ticket_id: &str,
        include_internal: bool,
    ) -> Result<HashMap<String, Vec<Attachment>>, ServiceError> {
        let mut by_message: HashMap<String, Vec<Attachment>> = HashMap::new();
        for record in self.store().list_ticket_attachments(ticket_id, include_internal).await? {
            by_message.entry(record.message_id.clone()).or_default().push(attachment_view(record));
        }
        Ok(by_message)
    }

    /// An attachment's bytes, for anyone who may read its message: staff, or the customer whose ticket the message
    /// is on now, unless it is an internal note. Everyone else gets "not found".
    pub async fn attachment_for_download(&self, actor: &Actor, attachment_id: &str) -> Result<Download, ServiceError> {
        let not_found = || ServiceError::NotFound("attachment");
        let found = self.store().find_attachment(attachment_id).await?.ok_or_else(not_found)?;
        self.visible_ticket(actor, &found.ticket_id).await.map_err(|err| match err {
            ServiceError::NotFound(_) => not_found(),
            other => other,
        })?;
        if found.internal && !is_allowed(actor.user.role, Action::WorkTickets) {
            return Err(not_found());
        }
        let attachment = found.attachment;
        let bytes = self
            .blobs()
            .get(&attachment.sha256)
            .await
            .map_err(|err| ServiceError::Internal(format!("reading attachment {}: {err}", attachment.id)))?;
        let bytes = bytes.ok_or_else(|| {
            ServiceError::Internal(format!("attachment {} has no blob {}", attachment.id, attachment.sha256))
        })?;
        Ok(Download {
            inline: FileKind::is_inline_content_type(&attachment.content_type),
            name: attachment.name,
            content_type: attachment.content_type,
            bytes,
        })
    }
}

pub(super) fn attachment_view(record: AttachmentRecord) -> Attachment {
    Attachment {
        url: attachment_url(&record.id),
        id: record.id,
        name: record.name,
        size: record.size,
        content_type: record.content_type,
    }
}

/// 413 for size, 415 for type, 422 for the rest; always about the `files` field.
fn refused(refusal: UploadRefusal, name: &str) -> ServiceError {
    refused_as(refusal, name, "files")
}

/// The refusal of an upload in form field `field`: 413 for size, 415 for type, 422 for the rest.
pub(super) fn refused_as(refusal: UploadRefusal, name: &str, field: &'static str) -> ServiceError {
    let message = refusal.message(name);
    match refusal {
        UploadRefusal::TooLarge { .. } => ServiceError::TooLarge { field, message },
        UploadRefusal::Dangerous | UploadRefusal::Mismatch | UploadRefusal::Unsupported => {
            ServiceError::UnsupportedMediaType { field, message }
        }
        UploadRefusal::Empty | UploadRefusal::TooManyFiles { .. } => {
            ServiceError::Invalid(FieldError::new(field, refusal.code(), message))
        }
    }
}
