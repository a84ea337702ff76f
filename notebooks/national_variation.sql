-- Databricks notebook source
-- MAGIC %md
-- MAGIC # National variation for one metric
-- MAGIC How one metric varies across organisations in a month (or, for the annual estates and
-- MAGIC corporate returns, the financial year holding it): the national distribution per service
-- MAGIC line (`gold.benchmark`), then every organisation's value in one distribution, sorted, with
-- MAGIC its quartile and its peer group's median (`gold.org_position`).
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `metric_id`: a metric id from `docs/metrics.md` (default `direct_care_pct`)
-- MAGIC - `period`: a month `YYYY-MM` a run finished for; empty for the latest
-- MAGIC - `service_line`, `breakdown`: the distribution to list organisations for; empty for the one
-- MAGIC   with the most organisations

-- COMMAND ----------

CREATE WIDGET TEXT metric_id DEFAULT 'direct_care_pct';
CREATE WIDGET TEXT period DEFAULT '';
CREATE WIDGET TEXT service_line DEFAULT '';
CREATE WIDGET TEXT breakdown DEFAULT '';

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
metric_rows AS (
  SELECT v.* FROM gold.metric_value v JOIN chosen c ON v.period IN (c.month, c.financial_year)
  WHERE v.metric_id = :metric_id
)
SELECT
  :metric_id AS metric_id,
  CASE WHEN (SELECT count(*) FROM chosen) = 1 THEN (SELECT max(month) FROM chosen)
       ELSE raise_error(concat('no run finished for period "', :period,
                               '" (ops.run_log); leave period empty for the latest')) END AS month,
  CASE WHEN count(*) > 0 THEN max(period)
       ELSE raise_error(concat('no values of metric "', :metric_id,
                               '" in gold.metric_value for that period; ids are in docs/metrics.md')) END AS period,
  max(unit) AS unit,
  count(DISTINCT org_code) AS organisations,
  count(DISTINCT service_line) AS service_lines,
  count(DISTINCT breakdown) AS breakdowns,
  count_if(flags IS NOT NULL) AS values_left_out
FROM metric_rows

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## National distribution per service line
-- MAGIC One value per organisation; values flagged in `gold.metric_value.flags` (denominator missing
-- MAGIC or below the metric's minimum) are left out. Percentiles interpolate linearly between order
-- MAGIC statistics, as `percentile_cont` does.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT b.service_line, b.breakdown, b.period, b.n_orgs,
       round(b.p10, 3) AS p10, round(b.p25, 3) AS p25, round(b.p50, 3) AS median,
       round(b.p75, 3) AS p75, round(b.p90, 3) AS p90,
       round(b.min, 3) AS min, round(b.max, 3) AS max
FROM gold.benchmark b
JOIN chosen c ON b.period IN (c.month, c.financial_year)
WHERE b.metric_id = :metric_id AND b.peer_group = 'national'
ORDER BY b.service_line, b.breakdown

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Organisations in one distribution, lowest value first
-- MAGIC The service line and breakdown given, else the distribution with the most organisations.
-- MAGIC Quartile 1 is the best quarter given the metric's direction (for context metrics, the
-- MAGIC lowest values); the peer median is over the organisation's own peer group (`gold.peer`).

-- COMMAND ----------

-- chart: bar x=org_code y=value title="Organisations, lowest value first"
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
),
distribution AS (
  SELECT b.period, b.service_line, b.breakdown
  FROM gold.benchmark b JOIN chosen c ON b.period IN (c.month, c.financial_year)
  WHERE b.metric_id = :metric_id AND b.peer_group = 'national'
    AND (:service_line = '' OR b.service_line = :service_line)
    AND (:breakdown = '' OR b.breakdown = :breakdown)
  ORDER BY b.n_orgs DESC, b.service_line, b.breakdown
  LIMIT 1
)
SELECT p.org_code, p.service_line, p.breakdown, round(p.value, 3) AS value,
       round(p.national_p50, 3) AS national_median, round(p.peer_p50, 3) AS peer_median,
       p.quartile, round(p.percentile_rank, 1) AS percentile_rank, p.funnel_flag_998,
       v.numerator, v.denominator, n.org_name
FROM gold.org_position p
JOIN distribution d USING (period, service_line, breakdown)
JOIN gold.metric_value v USING (metric_id, period, org_code, service_line, breakdown)
LEFT JOIN org_names n ON n.month = (SELECT month FROM chosen) AND n.org_code = p.org_code
WHERE p.metric_id = :metric_id AND p.flags IS NULL
ORDER BY p.value, p.org_code

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Values left out of the distributions
-- MAGIC Kept in `gold.metric_value` with the reason, never silently dropped.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT v.org_code, v.service_line, v.breakdown, v.period, round(v.value, 3) AS value, v.flags,
       v.numerator, v.denominator
FROM gold.metric_value v
JOIN chosen c ON v.period IN (c.month, c.financial_year)
WHERE v.metric_id = :metric_id AND v.flags IS NOT NULL
ORDER BY v.service_line, v.breakdown, v.org_code
