-- Every interval ends after it starts.
SELECT level, country_iso3, fir, valid_from, valid_to FROM airspace WHERE valid_to <= valid_from;
