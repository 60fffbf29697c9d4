//! Reading `multipart/form-data` bodies, shared by the REST API and the HTML form handlers: text fields by name, and
//! every file part as an [`Upload`]. Size and type rules are the service's; this only collects what arrived. A body cut
//! off or over the router's body limit is an error, so nothing half-received is ever passed on.

use axum::extract::multipart::{Multipart, MultipartError};
use std::collections::HashMap;
use tidings::service::{ServiceError, Upload};

/// The parts of one form: text fields (a name may repeat) and files, in the order they arrived.
#[derive(Debug, Default)]
pub struct MultipartForm {
    fields: HashMap<String, Vec<String>>,
    pub files: Vec<Upload>,
}

impl MultipartForm {
    /// The first value of a text field.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields.get(name).and_then(|values| values.first()).map(String::as_str)
    }

    /// Every value of a text field (checkboxes, multi-selects).
    pub fn all(&self, name: &str) -> &[String] {
        self.fields.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether a checkbox-like field was sent with a true value.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.text(name), Some("true" | "on" | "1" | "yes"))
    }
}

/// Reads the whole body. A part with a file name is a file (an empty one, as browsers send for an untouched
/// file input, is skipped); every other part is text.
pub async fn read_multipart(mut multipart: Multipart) -> Result<MultipartForm, ServiceError> {
    let mut form = MultipartForm::default();
    while let Some(field) = multipart.next_field().await.map_err(body_error)? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let content_type = field.content_type().map(str::to_string);
                let bytes = field.bytes().await.map_err(body_error)?;
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                form.files.push(Upload { name: file_name, content_type, bytes: bytes.to_vec() });
            }
            None => {
                let value = field.text().await.map_err(body_error)?;
                form.fields.entry(name).or_default().push(value);
            }
        }
    }
    Ok(form)
}

fn body_error(err: MultipartError) -> ServiceError {
    if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        ServiceError::TooLarge { field: "files", message: "The upload is larger than allowed.".into() }
    } else {
        ServiceError::Invalid(tidings::domain::FieldError::new(
            "files",
            "malformed_upload",
            format!("The upload could not be read: {}", err.body_text()),
        ))
    }
}
