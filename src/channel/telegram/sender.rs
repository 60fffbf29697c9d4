//! Replies out over the Bot API: the text with sendMessage, then each attachment with sendDocument. Files customers
//! sent are fetched by their file id (getFile, then the download path) before the message is stored.

use async_trait::async_trait;

use super::client::TelegramClient;
use crate::channel::outbound::{ChannelSender, OutgoingMessage};
use crate::channel::provider::ProviderError;
use crate::channel::AttachmentSource;

/// Telegram's limit for one text message; a longer reply is split at line or word boundaries.
const MAX_TEXT_CHARS: usize = 4096;

/// `text` in pieces of at most `max` characters, cut after the last newline (else space) in each piece.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = text.chars().collect();
    while rest.len() > max {
        let window = &rest[..max];
        let cut = window
            .iter()
            .rposition(|&c| c == '\n')
            .or_else(|| window.iter().rposition(|&c| c == ' '))
            .filter(|&at| at > 0)
            .map_or(max, |at| at + 1);
        pieces.push(rest[..cut].iter().collect::<String>().trim_end().to_string());
        rest.drain(..cut);
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.into_iter().collect());
    }
    pieces
}

#[async_trait]
impl ChannelSender for TelegramClient {
    fn assign_provider_id(&self, _message_id: &str) -> Option<String> {
        None
    }

    /// `<chat id>:<message id>` of the first text message, the same form inbound messages are recorded under.
    async fn send(&self, message: &OutgoingMessage) -> Result<String, ProviderError> {
        let chat_id: i64 = message
            .to
            .parse()
            .map_err(|_| ProviderError::permanent(None, None, format!("`{}` is not a Telegram chat id", message.to)))?;
        let mut pieces = split_text(&message.text, MAX_TEXT_CHARS).into_iter();
        let first = self.send_message(chat_id, &pieces.next().unwrap_or_default()).await?;
        for piece in pieces {
            self.send_message(chat_id, &piece).await?;
        }
        for file in &message.attachments {
            self.send_document(chat_id, file.bytes.clone(), &file.name, None).await?;
        }
        Ok(format!("{chat_id}:{first}"))
    }

    async fn fetch_attachment(&self, source: &AttachmentSource) -> Result<Option<(Vec<u8>, String)>, ProviderError> {
        let AttachmentSource::TelegramFile { file_id } = source else { return Ok(None) };
        let path = self.get_file(file_id).await?;
        let bytes = self.download_file(&path).await?;
        Ok(Some((bytes, String::new())))
    }
}

#[cfg(test)]
mod tests {
    use super::split_text;

    #[test]
    fn long_texts_split_at_line_then_word_boundaries() {
        assert_eq!(split_text("Hallo", 10), vec!["Hallo"]);
        assert_eq!(split_text("", 10), vec![""]);
        assert_eq!(split_text("eins zwei drei", 10), vec!["eins zwei", "drei"]);
        assert_eq!(split_text("eins\nzwei drei vier", 12), vec!["eins", "zwei drei", "vier"]);
        assert_eq!(split_text("ääääääääääää", 5), vec!["äääää", "äääää", "ää"]);
        let long = "Wort ".repeat(2000);
        let pieces = split_text(&long, 4096);
        assert!(pieces.iter().all(|piece| piece.chars().count() <= 4096));
        assert_eq!(pieces.concat().replace(' ', ""), long.replace(' ', ""));
    }
}
