-- Ingest now keeps each chat's five newest reply tokens only (`REPLY_TOKENS_KEPT` in
-- inbox/ingest.rs) and drops older ones as new ones arrive. This trims what earlier
-- versions kept of every chat, once: those tokens expired long ago.
DELETE FROM reply_tokens
WHERE (conversation_id, received_at, token) IN (
    SELECT conversation_id, received_at, token
    FROM (SELECT conversation_id, received_at, token,
                 row_number() OVER (PARTITION BY conversation_id ORDER BY received_at DESC) AS newest
          FROM reply_tokens)
    WHERE newest > 5
);
