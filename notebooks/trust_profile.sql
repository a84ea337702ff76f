-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Trust profile
-- MAGIC One organisation against the country and against its peers: each of its metrics beside
-- MAGIC the national and peer-group medians with its quartile (`gold.org_position`), its nearest
-- MAGIC peers (`gold.peer`), and what moving to each target would release (`gold.opportunity`).
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `org_code`: the organisation; empty for the first in the warehouse (set it)
-- MAGIC - `period`: a month `YYYY-MM` a run finished for; empty for the latest. Annual estates and
-- MAGIC   corporate metrics come from the financial year holding the month.

-- COMMAND ----------

CREATE WIDGET TEXT org_code DEFAULT '';
CREATE WIDGET TEXT period DEFAULT '';

-- COMMAND ----------

-- Months a run finished for, each with its financial year (annual returns are labelled with it).
CREATE OR REPLACE TEMPORARY VIEW run_months AS
WITH finished AS (
  SELECT DISTINCT period AS month FROM ops.run_log WHERE stage = 'finish' AND status = 'ok'
)
SELECT month,
       concat(fy_start, '-', right(string(fy_start + 1), 2)) AS financial_year,
       (SELECT max(month) FROM finished) AS latest_month
FROM (SELECT month, year(add_months(to_date(concat(month, '-01')), -3)) AS fy_start FROM finished)

-- COMMAND ----------

-- Each organisation's name as of each run month: gold.dim_organisation's row in force on the
-- month's first day, else its latest name (as ./mhcs and the report name it).
CREATE OR REPLACE TEMPORARY VIEW org_names AS
SELECT m.month, o.org_code,
       max_by(o.org_name, struct(
         o.valid_from <= to_date(concat(m.month, '-01'))
           AND (o.valid_to IS NULL OR to_date(concat(m.month, '-01')) < o.valid_to),
         coalesce(o.valid_from, DATE'0001-01-01'))) AS org_name
FROM run_months m CROSS JOIN gold.dim_organisation o
WHERE o.org_name IS NOT NULL
GROUP BY m.month, o.org_code

-- COMMAND ----------

-- DBTITLE 1,What this page shows
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
),
org AS (
  SELECT coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value)) AS org_code
),
own AS (
  SELECT v.* FROM gold.metric_value v JOIN chosen c ON v.period IN (c.month, c.financial_year)
  WHERE v.org_code = (SELECT org_code FROM org)
)
SELECT
  (SELECT org_code FROM org) AS org_code,
  (SELECT n.org_name FROM org_names n JOIN chosen c ON n.month = c.month
   WHERE n.org_code = (SELECT org_code FROM org)) AS org_name,
  CASE WHEN (SELECT count(*) FROM chosen) = 1 THEN (SELECT max(month) FROM chosen)
       ELSE raise_error(concat('no run finished for period "', :period,
                               '" (ops.run_log); leave period empty for the latest')) END AS month,
  (SELECT max(financial_year) FROM chosen) AS financial_year,
  CASE WHEN count(*) > 0 THEN count(DISTINCT metric_id)
       ELSE raise_error(concat('organisation "', (SELECT org_code FROM org),
                               '" has no metric values for that period in gold.metric_value')) END AS metrics,
  count(*) AS metric_values,
  count_if(flags IS NOT NULL) AS values_left_out
FROM own

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Metrics against the national and peer medians
-- MAGIC Quartile 1 is the best quarter given the metric's direction (for context metrics, the
-- MAGIC lowest values). `vs_national_pct` is the value's distance from the national median as a
-- MAGIC percent of it. Values left out of the distributions show why in `flags`, without a
-- MAGIC position. Values with a breakdown (skill mix by staff group, unit price by product)
-- MAGIC are counted at the end rather than listed.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT v.metric_id, v.service_line, v.period, round(v.value, 3) AS value,
       round(p.national_p50, 3) AS national_median, round(p.peer_p50, 3) AS peer_median,
       round(100 * (v.value - p.national_p50) / nullif(abs(p.national_p50), 0), 1)
         AS vs_national_pct,
       p.quartile, round(p.percentile_rank, 1) AS percentile_rank, p.n_orgs, p.peer_n_orgs,
       p.funnel_flag_998, v.flags
FROM gold.metric_value v
JOIN chosen c ON v.period IN (c.month, c.financial_year)
LEFT JOIN gold.org_position p
  ON p.metric_id = v.metric_id AND p.period = v.period AND p.org_code = v.org_code
 AND p.service_line = v.service_line AND p.breakdown = v.breakdown
WHERE v.org_code = coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value))
  AND v.breakdown = 'ALL'
ORDER BY v.metric_id, v.service_line

-- COMMAND ----------

-- DBTITLE 1,Percentile rank per metric (0 = lowest value nationally, 100 = highest)
-- chart: bar x=measure y=percentile_rank title="Percentile rank: 0 lowest, 100 highest value"
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT concat(p.metric_id, ' / ', p.service_line) AS measure,
       round(p.percentile_rank, 1) AS percentile_rank, p.quartile
FROM gold.org_position p
JOIN chosen c ON p.period IN (c.month, c.financial_year)
WHERE p.org_code = coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value))
  AND p.breakdown = 'ALL' AND p.flags IS NULL
ORDER BY p.metric_id, p.service_line

-- COMMAND ----------

-- DBTITLE 1,Values with a breakdown, counted
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT p.metric_id, p.service_line, count(*) AS breakdown_values,
       count_if(p.quartile = 1) AS in_best_quartile, count_if(p.quartile = 4) AS in_worst_quartile
FROM gold.org_position p
JOIN chosen c ON p.period IN (c.month, c.financial_year)
WHERE p.org_code = coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value))
  AND p.breakdown <> 'ALL'
GROUP BY p.metric_id, p.service_line
ORDER BY p.metric_id, p.service_line

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Nearest peers
-- MAGIC By service-line mix, size and workforce mix, each feature standardised (`docs/metrics.md`
-- MAGIC states the distance); the peer medians above are over the organisation and these peers.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT p.peer_rank, p.peer_org_code, n.org_name AS peer_name, round(p.distance, 3) AS distance
FROM gold.peer p
JOIN chosen c ON p.period = c.month
LEFT JOIN org_names n ON n.month = c.month AND n.org_code = p.peer_org_code
WHERE p.org_code = coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value))
ORDER BY p.peer_rank

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Opportunities
-- MAGIC The gap to each target times the organisation's own volume, summed over service lines and
-- MAGIC breakdowns, against the median, the better quartile and (prices) the national minimum.
-- MAGIC Targets are alternatives: do not add a metric's rows across targets.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT o.metric_id, o.period, o.opportunity_unit, o.target_basis,
       count(*) AS rows_summed, round(sum(o.opportunity_value), 1) AS opportunity
FROM gold.opportunity o
JOIN chosen c ON o.period IN (c.month, c.financial_year)
WHERE o.org_code = coalesce(nullif(:org_code, ''), (SELECT min(org_code) FROM gold.metric_value))
GROUP BY o.metric_id, o.period, o.opportunity_unit, o.target_basis
HAVING sum(o.opportunity_value) > 0
ORDER BY o.opportunity_unit, o.metric_id, o.target_basis
