-- A reply that goes out as an approved WhatsApp template (outside the 24-hour window): its name:language.
ALTER TABLE messages ADD COLUMN delivery_template TEXT;
