-- Missions' names in the three languages, for "what changed" and the freshness banner.
SELECT mission_id, name_en, name_ru, name_kk FROM missions ORDER BY mission_id;
