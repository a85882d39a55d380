-- Item properties (SIP2 field CH) that self-service machines store with an
-- item by an item status update (message 19) and read back in the answers
-- about it: the machine's own data (an RFID tag's contents, the number of
-- pieces …), which Lantai keeps and never interprets. Empty: none stored.

-- +goose Up
ALTER TABLE items ADD COLUMN sip2_properties TEXT NOT NULL DEFAULT '';

-- +goose Down
-- Lantai migrates forward only.
