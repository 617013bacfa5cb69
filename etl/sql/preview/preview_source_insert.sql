-- The scratch source the previewed file is loaded under (rolled back afterwards).
INSERT INTO sources (source_id, path, original_name, sha256, kind, loaded_at) VALUES (?, 'preview', 'preview', ?, ?, ?);
