//! The article body: a markdown text area with the live preview beside it, and an image upload that puts the
//! image's markdown where the cursor is. The upload goes to `POST /api/v1/kb/images` (multipart field `image`;
//! the session cookie authenticates it) through a separate, empty form the file input belongs to, so the file is
//! never part of the article form.

use leptos::{html, prelude::*};
use serde::Deserialize;

use super::field_error::FieldError;
use super::markdown_preview::{LivePreview, MarkdownPreview};
use super::styles::{ERROR_TEXT, INPUT, LABEL};
use crate::api::AppError;
use crate::i18n::{kb_error_text, t, use_locale, KbKey};
use crate::text_edit::{insert_at, textarea_content};

/// The id of the form the file input belongs to; render [`KbImageForm`] outside the article form.
pub const IMAGE_FORM_ID: &str = "kb-image-form";

/// The empty form the image input is submitted through (forms cannot nest).
#[component]
pub fn KbImageForm() -> impl IntoView {
    view! {
        <form id=IMAGE_FORM_ID method="post" action="/api/v1/kb/images" enctype="multipart/form-data" class="hidden"></form>
    }
}

#[component]
pub fn KbBodyField(
    /// The saved markdown.
    body: String,
    preview: LivePreview,
    /// The save's refusal of the body (too large, …).
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let locale = use_locale();
    let area = NodeRef::<html::Textarea>::new();
    // Until the writer has been in the text area its cursor means nothing; images then go at the end.
    let cursor_known = StoredValue::new(false);
    let upload = RwSignal::new(UploadState::Idle);
    let described = move || {
        let mut ids = vec!["kb-body-hint".to_string()];
        if error.with(Option::is_some) {
            ids.push("kb-body-error".to_string());
        }
        ids.join(" ")
    };
    let on_file_chosen = move |_| {
        upload.set(UploadState::Uploading);
        leptos::task::spawn_local(async move {
            match upload_image().await {
                Ok(markdown) => {
                    if let Some(area) = area.get_untracked() {
                        let text = insert_image(&area, &markdown, cursor_known.get_value());
                        preview.request(text);
                    }
                    upload.set(UploadState::Done);
                }
                Err(err) if err.code == "too_large" => {
                    upload.set(UploadState::Failed(t(locale, KbKey::ImageTooLarge).to_string()))
                }
                Err(err) => upload.set(UploadState::Failed(kb_error_text(locale, &err))),
            }
        });
    };
    let initial_text = body.clone();
    view! {
        <div class="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <div class="flex min-w-0 flex-col space-y-1">
                <label for="kb-body" class=LABEL>{t(locale, KbKey::Body)}</label>
                <p id="kb-body-hint" class="text-xs text-slate-600">{t(locale, KbKey::BodyHint)}</p>
                <textarea
                    id="kb-body"
                    name="body_markdown"
                    rows="20"
                    node_ref=area
                    prop:value=initial_text
                    class=format!("{INPUT} min-h-64 flex-1 font-mono")
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described
                    on:focus=move |_| cursor_known.set_value(true)
                    on:input=move |ev| preview.request(event_target_value(&ev))
                >
                    {textarea_content(&body)}
                </textarea>
                {move || view! { <FieldError id="kb-body" message=error.get() /> }}
                <div class="pt-2">
                    <label for="kb-image" class=LABEL>{t(locale, KbKey::InsertImage)}</label>
                    <input
                        id="kb-image"
                        name="image"
                        type="file"
                        form=IMAGE_FORM_ID
                        accept="image/png,image/jpeg,image/gif,image/webp"
                        aria-describedby="kb-image-hint"
                        on:change=on_file_chosen
                        class="mt-1 block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
                    />
                    <p id="kb-image-hint" class="mt-1 text-xs text-slate-600">{t(locale, KbKey::ImageHint)}</p>
                    <p id="kb-image-status" role="status" class="min-h-5 text-sm text-emerald-800">
                        {move || match upload.get() {
                            UploadState::Uploading => Some(t(locale, KbKey::Uploading)),
                            UploadState::Done => Some(t(locale, KbKey::ImageInserted)),
                            _ => None,
                        }}
                    </p>
                    {move || match upload.get() {
                        UploadState::Failed(message) => Some(view! {
                            <p id="kb-image-error" role="alert" class=ERROR_TEXT>
                                {format!("{} {message}", t(locale, KbKey::UploadFailed))}
                            </p>
                        }),
                        _ => None,
                    }}
                </div>
            </div>
            <MarkdownPreview preview />
        </div>
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum UploadState {
    Idle,
    Uploading,
    Done,
    Failed(String),
}

/// Puts the image's markdown at the cursor (or, if the writer has not been in the text, on its own line at the
/// end), leaves the cursor after it and returns the new text.
fn insert_image(area: &web_sys::HtmlTextAreaElement, markdown: &str, cursor_known: bool) -> String {
    let value = area.value();
    let end_of_text = value.encode_utf16().count() as u32;
    let (start, end) = if cursor_known {
        let start = area.selection_start().ok().flatten().unwrap_or(end_of_text);
        (start, area.selection_end().ok().flatten().unwrap_or(start))
    } else {
        (end_of_text, end_of_text)
    };
    let text = if !cursor_known && !value.trim().is_empty() {
        let gap = if value.ends_with("\n\n") {
            ""
        } else if value.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        format!("{gap}{markdown}\n")
    } else {
        markdown.to_string()
    };
    let (updated, caret) = insert_at(&value, start, end, &text);
    area.set_value(&updated);
    let _ = area.focus();
    let _ = area.set_selection_range(caret, caret);
    updated
}

/// What the upload endpoint answers.
#[derive(Deserialize)]
struct Uploaded {
    markdown: String,
}

/// The REST error shape `{"error":{"code","message","field?"}}`.
#[derive(Deserialize)]
struct RestError {
    error: AppError,
}

/// Sends the chosen file and returns its markdown; the file input is emptied either way.
async fn upload_image() -> Result<String, AppError> {
    use wasm_bindgen::JsCast;

    let network = |_| AppError::new("network", "Could not reach the server. Check your connection.");
    let form = document()
        .get_element_by_id(IMAGE_FORM_ID)
        .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok())
        .ok_or_else(|| AppError::internal("image form missing"))?;
    let data = web_sys::FormData::new_with_form(&form).map_err(|_| AppError::internal("image form unreadable"))?;
    let request = gloo_net::http::Request::post("/api/v1/kb/images").body(data).map_err(network)?;
    let response = request.send().await.map_err(network);
    form.reset();
    let response = response?;
    if response.ok() {
        let uploaded: Uploaded = response.json().await.map_err(network)?;
        return Ok(uploaded.markdown);
    }
    let status = response.status();
    match response.json::<RestError>().await {
        Ok(RestError { error }) => Err(error),
        Err(_) if status == 413 => Err(AppError::new("too_large", "The image is larger than 5 MB.")),
        Err(_) => Err(AppError::new("upload_failed", format!("The server answered {status}."))),
    }
}
