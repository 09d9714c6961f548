-- The sender takes a chat's messages one at a time, in order (see outbox/sender.rs):
-- it looks for an earlier unfinished row of the same conversation.
CREATE INDEX outbox_conversation_order ON outbox(conversation_id, id) WHERE status IN ('pending', 'sending');
