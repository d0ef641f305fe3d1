-- What `supportlens metrics --by agent --compare` computes for November 2025 (UTC), in SQL, as the
-- baseline for bench/metrics_bench.sh: per agent and overall, for the month and the month before,
-- created and solved counts, backlog, median and mean first reply and resolution, FCR, reopen
-- rate and CSAT. (Medians through window functions: SQLite has no median aggregate.)
.mode list
WITH periods(name, start, finish) AS (
    VALUES ('current', strftime('%s', '2025-11-01'), strftime('%s', '2025-12-01')),
           ('previous', strftime('%s', '2025-10-02'), strftime('%s', '2025-11-01'))
),
created AS (
    SELECT p.name AS period, t.agent_id,
           COALESCE(t.first_reply_min, (t.first_reply_at - t.created_at) / 60.0) AS frt
    FROM tickets t JOIN periods p ON t.created_at >= p.start AND t.created_at < p.finish
),
solved AS (
    SELECT p.name AS period, t.agent_id,
           COALESCE(t.resolution_min / 60.0, (t.solved_at - t.created_at) / 3600.0) AS hours,
           t.agent_replies, t.reopens, t.csat_good
    FROM tickets t JOIN periods p ON t.solved_at >= p.start AND t.solved_at < p.finish
),
frt_ranked AS (
    SELECT period, agent_id, frt,
           ROW_NUMBER() OVER (PARTITION BY period, agent_id ORDER BY frt) AS r,
           COUNT(*) OVER (PARTITION BY period, agent_id) AS n
    FROM created WHERE frt IS NOT NULL
),
res_ranked AS (
    SELECT period, agent_id, hours,
           ROW_NUMBER() OVER (PARTITION BY period, agent_id ORDER BY hours) AS r,
           COUNT(*) OVER (PARTITION BY period, agent_id) AS n
    FROM solved WHERE hours IS NOT NULL
)
SELECT c.period, a.name, c.created, s.solved, f.frt_median, f.frt_mean, r.res_median, r.res_mean,
       s.fcr, s.reopen, s.csat, b.backlog
FROM (SELECT period, agent_id, COUNT(*) AS created FROM created GROUP BY 1, 2) c
LEFT JOIN agents a ON a.id = c.agent_id
LEFT JOIN (SELECT period, agent_id, COUNT(*) AS solved,
                  100.0 * SUM(agent_replies = 1 AND COALESCE(reopens, 0) = 0) / NULLIF(SUM(agent_replies >= 1), 0) AS fcr,
                  100.0 * SUM(reopens > 0) / NULLIF(COUNT(reopens), 0) AS reopen,
                  100.0 * SUM(csat_good) / NULLIF(COUNT(csat_good), 0) AS csat
           FROM solved GROUP BY 1, 2) s ON s.period = c.period AND s.agent_id IS c.agent_id
LEFT JOIN (SELECT period, agent_id, AVG(frt) AS frt_mean,
                  AVG(CASE WHEN r IN ((n + 1) / 2, (n + 2) / 2) THEN frt END) AS frt_median
           FROM frt_ranked GROUP BY 1, 2) f ON f.period = c.period AND f.agent_id IS c.agent_id
LEFT JOIN (SELECT period, agent_id, AVG(hours) AS res_mean,
                  AVG(CASE WHEN r IN ((n + 1) / 2, (n + 2) / 2) THEN hours END) AS res_median
           FROM res_ranked GROUP BY 1, 2) r ON r.period = c.period AND r.agent_id IS c.agent_id
LEFT JOIN (SELECT p.name AS period, t.agent_id, COUNT(*) AS backlog FROM tickets t JOIN periods p
           ON t.created_at < p.finish AND (t.solved_at IS NULL OR t.solved_at >= p.finish) GROUP BY 1, 2) b
       ON b.period = c.period AND b.agent_id IS c.agent_id
ORDER BY c.period, c.created DESC;
