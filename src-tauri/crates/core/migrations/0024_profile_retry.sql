-- When the last profile fetch of this friend failed for a reason that can pass (LINE
-- busy or down, the PC offline). The worker tries again after a wait that doubles with
-- each failure (`profile_attempts`), up to an hour, and never gives up: a customer's
-- name must not stay missing because the shop's internet was down for a few minutes.
ALTER TABLE friends ADD COLUMN profile_failed_at INTEGER;
