-- An external photo URL given with a report (Open311 media_url).
ALTER TABLE incident ADD COLUMN media_url varchar(1000);
