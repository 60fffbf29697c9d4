//! WhatsApp Cloud API webhooks as Meta sends them: one text message per POST, signed with the app secret
//! (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`), sent on a fixed schedule whether or not the
//! earlier ones have been answered.

use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use std::time::{Duration, Instant};

/// What every benchmark message's text starts with, followed by its number; ticket subjects and message bodies
/// carry it, so a socket frame can be matched to the POST that caused it.
pub const MARKER: &str = "wa-bench-";

#[derive(Clone)]
pub struct Webhook {
    http: reqwest::Client,
    url: String,
    app_secret: Vec<u8>,
    phone_number_id: String,
    /// Makes the message ids of this run unlike those of any earlier run on the same database.
    nonce: String,
}

/// One POST: when it started, and how it ended.
pub struct Sent {
    pub n: u32,
    pub at: Instant,
    pub answered: Duration,
    pub outcome: Result<(), String>,
}

impl Webhook {
    pub fn new(http: reqwest::Client, base: &str, app_secret: &str, phone_number_id: &str, nonce: &str) -> Webhook {
        let url = format!("{}/api/v1/channels/whatsapp/webhook", base.trim_end_matches('/'));
        Webhook {
            http,
            url,
            app_secret: app_secret.as_bytes().to_vec(),
            phone_number_id: phone_number_id.to_string(),
            nonce: nonce.to_string(),
        }
    }

    /// The webhook body of message `n` from sender `from`: a copy of the Cloud API's text notification (as in
    /// tests/corpus/whatsapp/pywa_message_text.json) with its own wamid.
    pub fn body(&self, n: u32, from: &str) -> Vec<u8> {
        let timestamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let value = json!({
            "object": "whatsapp_business_account",
            "entry": [{
                "id": "1234567890987654321",
                "changes": [{
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": { "display_phone_number": "15550001111", "phone_number_id": self.phone_number_id },
                        "contacts": [{ "profile": { "name": format!("Bench sender {from}") }, "wa_id": from }],
                        "messages": [{
                            "from": from,
                            "id": format!("wamid.bench{}x{n}", self.nonce),
                            "timestamp": timestamp.as_secs().to_string(),
                            "text": { "body": format!("{MARKER}{n} hello, my order has not arrived yet") },
                            "type": "text"
                        }]
                    },
                    "field": "messages"
                }]
            }]
        });
        serde_json::to_vec(&value).unwrap_or_default()
    }

    /// `sha256=<hex>` over the exact body bytes.
    pub fn signature(&self, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.app_secret).expect("HMAC takes a key of any length");
        mac.update(body);
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    }

    /// POSTs one signed body; Ok for 200, the status and body otherwise.
    pub async fn post(&self, body: Vec<u8>) -> Result<(), String> {
        let signature = self.signature(&body);
        let response = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .header("x-hub-signature-256", signature)
            .body(body)
            .send()
            .await
            .map_err(|err| err.to_string())?;
        let status = response.status();
        if status.as_u16() == 200 {
            return Ok(());
        }
        Err(format!("{status} {}", response.text().await.unwrap_or_default()))
    }

    /// `count` messages, `every` apart, numbered from `first`, round-robin over `senders` numbers; each POST in its
    /// own task, so a slow answer delays no later message.
    pub async fn send_on_schedule(&self, first: u32, count: u32, every: Duration, senders: u32) -> Vec<Sent> {
        let start = tokio::time::Instant::now();
        let mut posting = tokio::task::JoinSet::new();
        for k in 0..count {
            tokio::time::sleep_until(start + every * k).await;
            let n = first + k;
            let body = self.body(n, &sender(n % senders.max(1)));
            let hook = self.clone();
            posting.spawn(async move {
                let at = Instant::now();
                let outcome = hook.post(body).await;
                Sent { n, at, answered: at.elapsed(), outcome }
            });
        }
        let mut sent = Vec::with_capacity(count as usize);
        while let Some(done) = posting.join_next().await {
            match done {
                Ok(one) => sent.push(one),
                Err(err) => eprintln!("channel-load: a webhook task failed: {err}"),
            }
        }
        sent.sort_by_key(|one| one.n);
        sent
    }
}

/// The phone number of sender `i`, as WhatsApp writes it (digits only, with the country code).
pub fn sender(i: u32) -> String {
    format!("49151{:08}", 20_000_000 + i)
}

/// The message number a ticket subject or message body names, if it is a benchmark message.
pub fn marker_of(text: &str) -> Option<u32> {
    let rest = &text[text.find(MARKER)? + MARKER.len()..];
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    rest[..digits].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_like_meta_and_numbers_its_messages() {
        let hook = Webhook::new(reqwest::Client::new(), "http://127.0.0.1:1/", "secret", "1122334455667", "42");
        // echo -n '{}' | openssl dgst -sha256 -hmac secret
        let expected = "sha256=77325902caca812dc259733aacd046b73817372c777b8d95b402647474516e13";
        assert_eq!(hook.signature(b"{}"), expected);
        let body: serde_json::Value = serde_json::from_slice(&hook.body(7, &sender(3))).unwrap();
        let value = &body["entry"][0]["changes"][0]["value"];
        assert_eq!(value["messages"][0]["id"], "wamid.bench42x7");
        assert_eq!(value["messages"][0]["from"], value["contacts"][0]["wa_id"]);
        assert_eq!(value["metadata"]["phone_number_id"], "1122334455667");
        let text = value["messages"][0]["text"]["body"].as_str().unwrap();
        assert_eq!(marker_of(&format!("WhatsApp: {text}")), Some(7));
        assert_eq!(marker_of("no marker here"), None);
    }
}
