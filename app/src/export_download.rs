//! An analytics export downloaded in the page, so the page can show how far it has come: the answer's body is read
//! as it streams, counted (CSV lines against `X-Export-Rows`, or bytes against `Content-Length` for a workbook,
//! which is sent whole), then saved under the server's file name. Only compiled for the browser.

use js_sys::{Array, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, ReadableStreamDefaultReader, Url};

use crate::components::export_links::ExportProgress;

/// The whole body, and the number of ticket rows it said it holds.
struct Received {
    parts: Array,
    rows: u64,
    content_type: String,
    file_name: String,
}

/// Downloads `href`, keeping `progress` up to date, and saves the file.
pub async fn download(href: String, progress: RwSignal<Option<ExportProgress>>) {
    progress.set(Some(ExportProgress::Preparing));
    let outcome = match receive(&href, progress).await {
        Ok(received) => save(&received).map(|()| ExportProgress::Saved { rows: received.rows }),
        Err(message) => Err(message),
    };
    progress.set(Some(outcome.unwrap_or_else(ExportProgress::Failed)));
}

async fn receive(href: &str, progress: RwSignal<Option<ExportProgress>>) -> Result<Received, Option<String>> {
    let response = gloo_net::http::Request::get(href).send().await.map_err(|_| None)?;
    if !response.ok() {
        let refusal: Option<serde_json::Value> = response.json().await.ok();
        let message = refusal.and_then(|body| body["error"]["message"].as_str().map(str::to_owned));
        return Err(message);
    }
    let headers = response.headers();
    let number = |name: &str| headers.get(name).and_then(|value| value.trim().parse::<u64>().ok());
    let rows = number("x-export-rows").unwrap_or(0);
    // A workbook comes whole with its length; a CSV streams, one line per row.
    let (total, counts_bytes) = match number("content-length") {
        Some(length) => (length, true),
        None => (rows, false),
    };
    let content_type = headers.get("content-type").unwrap_or_default();
    let file_name = headers.get("content-disposition").and_then(|value| file_name(&value)).unwrap_or_default();
    let reader: ReadableStreamDefaultReader = response.body().ok_or(None)?.get_reader().unchecked_into();
    let parts = Array::new();
    let mut done = 0u64;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| None)?;
        if Reflect::get(&chunk, &JsValue::from_str("done")).map_err(|_| None)?.is_truthy() {
            break;
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|_| None)?.unchecked_into();
        done += if counts_bytes {
            u64::from(bytes.length())
        } else {
            bytes.to_vec().iter().filter(|byte| **byte == b'\n').count() as u64
        };
        parts.push(&bytes);
        progress.set(Some(ExportProgress::Receiving { done, total }));
    }
    Ok(Received { parts, rows, content_type, file_name })
}

/// `attachment; filename="x.csv"` -> `x.csv`.
fn file_name(disposition: &str) -> Option<String> {
    let start = disposition.find("filename=\"")? + "filename=\"".len();
    let rest = &disposition[start..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Hands the body to the browser as a download under its file name.
fn save(received: &Received) -> Result<(), Option<String>> {
    let options = BlobPropertyBag::new();
    options.set_type(&received.content_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&received.parts, &options).map_err(|_| None)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| None)?;
    let document = document();
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(|_| None)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(&received.file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
