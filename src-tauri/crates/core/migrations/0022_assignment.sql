-- Assignment (担当者): the member who handles a chat; NULL = nobody (未割り当て).
ALTER TABLE conversations ADD COLUMN assignee_member_id INTEGER REFERENCES members(id);
-- The last reply a member sent into the chat and when, on the server's clock: a second
-- member about to answer the same customer is asked first (no two answers at once).
ALTER TABLE conversations ADD COLUMN last_reply_member_id INTEGER REFERENCES members(id);
ALTER TABLE conversations ADD COLUMN last_reply_at INTEGER;
CREATE INDEX conversations_assignee ON conversations(assignee_member_id) WHERE assignee_member_id IS NOT NULL;
