//! Words of the admin's channel page.

text_table! {
    /// A text of `/admin/channels`.
    pub enum ChannelKey {
        Channels => ("Channels", "Kanäle"),
        Intro => (
            "Channels are set up in the server's environment (see the README); secrets are never shown here. Restart the server after a change.",
            "Kanäle werden in der Umgebung des Servers eingerichtet (siehe README); Geheimnisse werden hier nie angezeigt. Nach einer Änderung den Server neu starten."
        ),
        Email => ("Email", "E-Mail"),
        Whatsapp => ("WhatsApp", "WhatsApp"),
        Telegram => ("Telegram", "Telegram"),
        Configured => ("Configured", "Eingerichtet"),
        NotConfigured => ("Not configured", "Nicht eingerichtet"),
        WebhookAddress => ("Webhook address", "Webhook-Adresse"),
        SendTest => ("Send test message", "Testnachricht senden"),
        TestTo => ("Send to", "Senden an"),
        TestSent => ("Test message sent; the provider's id is", "Testnachricht gesendet; die Kennung des Anbieters ist"),
    }
}
