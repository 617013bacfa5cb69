-- A plain CSV read by DuckDB's parallel reader, every cell as text ($c: the file's column names),
-- rows it cannot read kept in _rej with their line (etl/tabular.py, the fast path).
CREATE OR REPLACE TEMP TABLE _raw AS
SELECT *
FROM read_csv($p, header = false, skip = $skip, delim = $d, quote = '"', escape = '"', auto_detect = false,
              new_line = $nl, columns = $c, store_rejects = true, rejects_table = '_rej', rejects_scan = '_rej_scan');
