-- The status sheet's checked rows, once stored.
DROP TABLE IF EXISTS status_checked;
