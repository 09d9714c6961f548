-- A key the desk chooses for each send (SendMessage/SendTemplate `clientKey`). When the
-- answer to a send is lost (the hub killed mid-send, the network cut), the desk cannot
-- know whether the row was committed: it asks by this key (GetSendByKey), and a resend
-- with the same key returns the row already made instead of sending a second message.
ALTER TABLE outbox ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX outbox_client_key ON outbox(client_key) WHERE client_key IS NOT NULL;
