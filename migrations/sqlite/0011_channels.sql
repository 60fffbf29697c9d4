-- Channels: the provider's id on each message (exactly-once ingestion, email threading), delivery of outgoing
-- messages with the messages table itself as the durable outbox, and contacts' addresses on each channel.

-- Inbound: the provider's id for the message (email Message-ID, WhatsApp wamid, Telegram chat:message).
-- Outbound: the id we gave it (email) or the provider returned (WhatsApp, Telegram).
ALTER TABLE messages ADD COLUMN provider_message_id TEXT;
CREATE UNIQUE INDEX messages_provider_id ON messages (channel, provider_message_id) WHERE provider_message_id IS NOT NULL;

-- A message to be sent is stored with delivery_status 'queued' in the same transaction as the message: there is
-- no moment where it exists but is not due for sending. A worker claims due rows with a lease (locked_until),
-- so a crashed worker's claim expires and another retries it.
ALTER TABLE messages ADD COLUMN delivery_status TEXT CHECK (delivery_status IN ('queued', 'sent', 'delivered', 'read', 'failed'));
ALTER TABLE messages ADD COLUMN delivery_to TEXT;
ALTER TABLE messages ADD COLUMN delivery_error TEXT;
ALTER TABLE messages ADD COLUMN delivery_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN delivery_next_at TEXT;
ALTER TABLE messages ADD COLUMN delivery_locked_until TEXT;
CREATE INDEX messages_outbox_due ON messages (delivery_next_at) WHERE delivery_status = 'queued';

-- One contact, several addresses: an email address, a WhatsApp number, a Telegram id.
CREATE TABLE contact_identities (
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'whatsapp', 'telegram')),
    address    TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, address)
);
CREATE INDEX contact_identities_user ON contact_identities (user_id);

-- Every customer already has an email address; the widget's placeholder addresses are not real ones.
INSERT INTO contact_identities (kind, address, user_id, created_at)
    SELECT 'email', email, id, created_at FROM users WHERE role = 'customer' AND email NOT LIKE '%@widget.invalid';
