-- The friends of the other accounts, found without reading every friend: tag expressions
-- with "none of" only start from all of one account's friends (tags::expr).
CREATE INDEX friends_by_account ON friends(account_id);
