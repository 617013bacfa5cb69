-- Every moment a headcount report describes, ascending: the picture of headcounts_at(t) changes
-- only at these moments, so any t gives the same picture as the newest of them at or before t.
SELECT DISTINCT as_of AS m FROM headcounts ORDER BY m;
