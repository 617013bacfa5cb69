-- Normalise a name for matching: case, ё/е, punctuation and white space do not matter.
CREATE OR REPLACE MACRO norm_name(s) AS
    trim(regexp_replace(regexp_replace(replace(lower(s), 'ё', 'е'), '[.,''’"()«»]', '', 'g'), '[\s\-–—_]+', ' ', 'g'));
