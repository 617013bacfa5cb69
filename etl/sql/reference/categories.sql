INSERT INTO category_aliases
SELECT DISTINCT norm_name(alias), category FROM read_csv($path, header = true, all_varchar = true);
