//! Email out over SMTP (lettre): HTML and text parts, the agent's attachments, and Message-ID / In-Reply-To /
//! References set so the customer's mail client threads the reply under the conversation. Every name and
//! subject goes through [`header_safe`], so CR/LF typed by a customer can never start a header of its own.

use async_trait::async_trait;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::email::header_safe;
use super::outbound::{ChannelSender, OutgoingMessage, StaffMail, StaffMailer};
use super::provider::ProviderError;

/// Where and as whom mail is sent.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://host:465` or `smtp://127.0.0.1:2525` (no TLS).
    pub url: String,
    /// The support address replies come from (and customers answer to), e.g. `Support <help@example.com>`.
    pub from: Mailbox,
}

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    pub fn new(settings: SmtpSettings) -> Result<SmtpSender, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|err| format!("TIDINGS_SMTP_URL: {err}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(SmtpSender { transport, from: settings.from })
    }

    /// The mail as it goes out (public for tests of the headers).
    pub fn compose(&self, message: &OutgoingMessage) -> Result<Message, ProviderError> {
        let refuse =
            |what: &str, err: &dyn std::fmt::Display| ProviderError::permanent(None, None, format!("{what}: {err}"));
        let to_address = message.to.parse().map_err(|err| refuse("recipient address", &err))?;
        let to = Mailbox::new(message.to_name.as_deref().map(header_safe).filter(|name| !name.is_empty()), to_address);
        let from_name = match &self.from.name {
            Some(team) => format!("{} ({team})", header_safe(&message.author_name)),
            None => header_safe(&message.author_name),
        };
        let from = Mailbox::new(Some(from_name), self.from.email.clone());
        let subject = format!("[#{}] {}", message.ticket_number, header_safe(&message.subject));
        let mut builder = Message::builder().from(from).reply_to(self.from.clone()).to(to).subject(subject);
        if let Some(id) = &message.provider_message_id {
            builder = builder.message_id(Some(format!("<{id}>")));
        }
        if let Some(last) = message.references.last() {
            builder = builder
                .in_reply_to(format!("<{last}>"))
                .references(message.references.iter().map(|id| format!("<{id}>")).collect::<Vec<_>>().join(" "));
        }
        let body = MultiPart::alternative_plain_html(message.text.clone(), message.html.clone());
        let mail = if message.attachments.is_empty() {
            builder.multipart(body)
        } else {
            let mut mixed = MultiPart::mixed().multipart(body);
            for file in &message.attachments {
                let content_type = ContentType::parse(&file.content_type)
                    .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("valid media type"));
                let part: SinglePart = Attachment::new(header_safe(&file.name)).body(file.bytes.clone(), content_type);
                mixed = mixed.singlepart(part);
            }
            builder.multipart(mixed)
        };
        mail.map_err(|err| refuse("composing the mail", &err))
    }

    /// A mail to staff as it goes out, from the support address.
    pub fn compose_staff_mail(&self, mail: &StaffMail) -> Result<Message, ProviderError> {
        let refuse =
            |what: &str, err: &dyn std::fmt::Display| ProviderError::permanent(None, None, format!("{what}: {err}"));
        let to_address = mail.to.parse().map_err(|err| refuse("recipient address", &err))?;
        let to_name = header_safe(&mail.to_name);
        let to = Mailbox::new(Some(to_name).filter(|name| !name.is_empty()), to_address);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(header_safe(&mail.subject))
            .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
            .map_err(|err| refuse("composing the mail", &err))
    }

    async fn deliver(&self, mail: Message) -> Result<(), ProviderError> {
        match self.transport.send(mail).await {
            Ok(_) => Ok(()),
            Err(err) if err.is_permanent() => {
                Err(ProviderError::permanent(err.status().map(u16::from), None, err.to_string()))
            }
            Err(err) => Err(ProviderError::retryable(err.to_string())),
        }
    }
}

#[async_trait]
impl StaffMailer for SmtpSender {
    async fn send_staff_mail(&self, mail: &StaffMail) -> Result<(), ProviderError> {
        self.deliver(self.compose_staff_mail(mail)?).await
    }
}

#[async_trait]
impl ChannelSender for SmtpSender {
    fn assign_provider_id(&self, message_id: &str) -> Option<String> {
        Some(format!("{message_id}@{}", self.from.email.domain()))
    }

    async fn send(&self, message: &OutgoingMessage) -> Result<String, ProviderError> {
        self.deliver(self.compose(message)?).await?;
        Ok(message.provider_message_id.clone().unwrap_or_else(|| message.message_id.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::outbound::OutgoingAttachment;

    fn sender() -> SmtpSender {
        let from = "Acme Support <help@acme.test>".parse().unwrap();
        SmtpSender::new(SmtpSettings { url: "smtp://127.0.0.1:2525".into(), from }).unwrap()
    }

    fn message() -> OutgoingMessage {
        OutgoingMessage {
            message_id: "m2".into(),
            provider_message_id: Some("m2@acme.test".into()),
            to: "carla@example.com".into(),
            to_name: Some("Carla Kunde".into()),
            author_name: "Anna Agentin".into(),
            ticket_number: 1042,
            subject: "Zertifikat fehlt".into(),
            text: "Grüße".into(),
            html: "<p>Grüße</p>".into(),
            attachments: vec![],
            references: vec!["first@customer.example".into(), "m1@acme.test".into()],
            template: None,
        }
    }

    fn headers(mail: &Message) -> String {
        let raw = String::from_utf8(mail.formatted()).unwrap();
        raw.split("\r\n\r\n").next().unwrap().to_string()
    }

    #[tokio::test]
    async fn replies_carry_threading_headers_and_the_ticket_tag() {
        let head = headers(&sender().compose(&message()).unwrap());
        assert!(head.contains("Message-ID: <m2@acme.test>"), "{head}");
        assert!(head.contains("In-Reply-To: <m1@acme.test>"), "{head}");
        assert!(head.contains("References: <first@customer.example> <m1@acme.test>"), "{head}");
        assert!(head.contains("Subject: [#1042] Zertifikat fehlt"), "{head}");
        assert!(head.contains("multipart/alternative"), "text and HTML parts: {head}");
        assert_eq!(sender().assign_provider_id("m9").as_deref(), Some("m9@acme.test"));
    }

    #[tokio::test]
    async fn line_breaks_in_names_and_subjects_never_start_a_header() {
        let mut evil = message();
        evil.subject = "Hallo\r\nBcc: victim@evil.test".into();
        evil.author_name = "Anna\r\nX-Injected: yes".into();
        evil.to_name = Some("Carla\nCc: other@evil.test".into());
        evil.attachments = vec![OutgoingAttachment {
            name: "a\r\nb.txt".into(),
            content_type: "text/plain".into(),
            bytes: b"x".to_vec(),
        }];
        let raw = String::from_utf8(sender().compose(&evil).unwrap().formatted()).unwrap();
        for line in raw.lines() {
            let lower = line.to_ascii_lowercase();
            assert!(
                !lower.starts_with("bcc:") && !lower.starts_with("x-injected:") && !lower.starts_with("cc:"),
                "injected header line {line:?} in\n{raw}"
            );
        }
    }
}
