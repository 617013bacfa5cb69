-- Sources, headcount rows, rejects, and the citizens in the latest reports (python -m etl status).
SELECT (SELECT count(*) FROM sources),
       (SELECT count(*) FROM headcounts),
       (SELECT count(*) FROM rejects),
       (SELECT coalesce(sum(count), 0) FROM latest_headcounts);
