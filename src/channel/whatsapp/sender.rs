//! Replies out over the Cloud API: the text as a text message (or the approved template it was queued as), then
//! each attachment uploaded and sent as an image, audio or document message. Files customers sent are fetched by
//! their media id before the message is stored.

use async_trait::async_trait;

use super::client::{MediaKind, MediaRef, WhatsappClient};
use crate::channel::outbound::{ChannelSender, OutgoingMessage};
use crate::channel::provider::ProviderError;
use crate::channel::AttachmentSource;
use crate::domain::whatsapp_template::WhatsappTemplate;

/// Which kind of WhatsApp media message carries a file of this type.
pub fn media_kind_for(content_type: &str) -> MediaKind {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "image/jpeg" | "image/png" => MediaKind::Image,
        "audio/aac" | "audio/mp4" | "audio/mpeg" | "audio/amr" | "audio/ogg" => MediaKind::Audio,
        _ => MediaKind::Document,
    }
}

#[async_trait]
impl ChannelSender for WhatsappClient {
    fn assign_provider_id(&self, _message_id: &str) -> Option<String> {
        None
    }

    /// The id of the text (or template) message; status callbacks for it move the message's delivery status.
    async fn send(&self, message: &OutgoingMessage) -> Result<String, ProviderError> {
        // WhatsApp wants the number in international format, digits only.
        let to: String = message.to.chars().filter(char::is_ascii_digit).collect();
        let to = to.as_str();
        let id = match message.template.as_deref() {
            Some(key) => {
                let (name, language) = WhatsappTemplate::split_key(key).ok_or_else(|| {
                    ProviderError::permanent(None, None, format!("template `{key}` is not name:lang"))
                })?;
                self.send_template(to, name, language, &[]).await?
            }
            None => self.send_text(to, &message.text).await?,
        };
        for file in &message.attachments {
            let media_id = self.upload_media(file.bytes.clone(), &file.content_type, &file.name).await?;
            let kind = media_kind_for(&file.content_type);
            let filename = (kind == MediaKind::Document).then_some(file.name.as_str());
            self.send_media(to, kind, MediaRef::Id(&media_id), None, filename).await?;
        }
        Ok(id)
    }

    async fn fetch_attachment(&self, source: &AttachmentSource) -> Result<Option<(Vec<u8>, String)>, ProviderError> {
        match source {
            AttachmentSource::WhatsappMedia { media_id } => self.download_media(media_id).await.map(Some),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_go_out_as_the_media_kind_whatsapp_shows_inline() {
        assert_eq!(media_kind_for("image/png"), MediaKind::Image);
        assert_eq!(media_kind_for("IMAGE/JPEG"), MediaKind::Image);
        assert_eq!(media_kind_for("audio/ogg; codecs=opus"), MediaKind::Audio);
        assert_eq!(media_kind_for("image/gif"), MediaKind::Document, "WhatsApp shows no GIF images");
        assert_eq!(media_kind_for("application/pdf"), MediaKind::Document);
    }
}
