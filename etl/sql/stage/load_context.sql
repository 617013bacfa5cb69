-- The moment a load judges "in the future" against (the source's loaded_at, so a rebuild judges
-- alike). Views cannot hold parameters, so the validation views read it from this one-row table.
CREATE OR REPLACE TEMP TABLE load_context AS SELECT $now::TIMESTAMP AS now;
