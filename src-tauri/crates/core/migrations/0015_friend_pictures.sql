-- Friends' profile pictures, downloaded into the media store: the stored file's name,
-- and the LINE address it came from (a new address means a new picture).
ALTER TABLE friends ADD COLUMN picture_file TEXT;
ALTER TABLE friends ADD COLUMN picture_source_url TEXT;
