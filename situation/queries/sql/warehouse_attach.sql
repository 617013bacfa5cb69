-- One version of the warehouse file, read-only, in the connection's own in-memory instance.
-- The file's path is the one parameter.
ATTACH ? AS wh (READ_ONLY)
