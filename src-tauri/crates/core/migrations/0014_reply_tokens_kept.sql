-- Each chat keeps its five newest reply tokens only. The outbox only ever takes a chat's
-- newest unused one, and LINE honours a token for a minute: more than five replies to
-- one chat within that minute is not how a shop talks. Kept without a bound, the table
-- grew by a row per message forever, and each new row landed on its own page of a table
-- the size of the message history, so under a stream of webhooks reply tokens were the
-- largest share (about 40 %) of all pages the store wrote.
--
-- A trigger, so the bound holds whoever inserts. A deleted row's `received_at` is older
-- than the fifth newest's; equal ones stay.
CREATE TRIGGER reply_tokens_kept AFTER INSERT ON reply_tokens
BEGIN
    DELETE FROM reply_tokens
    WHERE conversation_id = NEW.conversation_id
      AND received_at < (SELECT k.received_at FROM reply_tokens AS k
                         WHERE k.conversation_id = NEW.conversation_id
                         ORDER BY k.received_at DESC LIMIT 1 OFFSET 4);
END;

-- What earlier versions kept of every chat, trimmed once: those tokens expired long ago.
DELETE FROM reply_tokens
WHERE (conversation_id, received_at, token) IN (
    SELECT conversation_id, received_at, token
    FROM (SELECT conversation_id, received_at, token,
                 row_number() OVER (PARTITION BY conversation_id ORDER BY received_at DESC) AS newest
          FROM reply_tokens)
    WHERE newest > 5
);
