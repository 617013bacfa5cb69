-- Run on every cursor before its query: a cursor does not inherit its connection's USE.
USE wh
