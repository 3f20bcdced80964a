UPDATE t SET a = 'x WHERE id = 1;
DROP TABLE t; /* open