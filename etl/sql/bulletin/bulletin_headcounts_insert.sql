-- A bulletin's figures as headcounts of the pseudo-mission BULLETIN: city '' is the whole
-- country, line the sentence's line, note the sentence (etl/kinds/bulletin.py).
INSERT INTO headcounts (as_of, country_iso3, city, category, count, approximate, mission_id, source_id, line, note)
VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?);
