-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Top opportunities
-- MAGIC What moving every organisation to its target would release nationally, by family
-- MAGIC (`gold.opportunity_family`), then the largest opportunities by organisation and metric in
-- MAGIC each unit: GBP, clinical days, WTE and patients (`gold.opportunity`). Clinical-time
-- MAGIC metrics give the same release three ways (days, then WTE and patients): compare within a
-- MAGIC unit, never add across units.
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `period`: a month `YYYY-MM` a run finished for; empty for the latest. Annual estates and
-- MAGIC   corporate opportunities come from the financial year holding the month.
-- MAGIC - `top`: how many organisation and metric pairs to list per unit (default 10)

-- COMMAND ----------

CREATE WIDGET TEXT period DEFAULT '';
CREATE WIDGET TEXT top DEFAULT '10';

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

-- The metrics the family totals add up, each with its default target as they use it: the
-- national minimum where the metric has one (unit prices), else the median (docs/metrics.md
-- lists the defaults and which metrics restate another's release).
CREATE OR REPLACE TEMPORARY VIEW summed_metrics AS
WITH family_metrics AS (
  SELECT DISTINCT m.metric_id
  FROM gold.opportunity_family LATERAL VIEW explode(split(metrics, ',')) m AS metric_id
)
SELECT o.metric_id,
       CASE WHEN bool_or(o.target_basis = 'national_min') THEN 'national_min' ELSE 'median' END
         AS target_basis
FROM gold.opportunity o
JOIN family_metrics USING (metric_id)
GROUP BY o.metric_id

-- COMMAND ----------

-- DBTITLE 1,What this page shows
SELECT
  CASE WHEN count(*) = 1 THEN max(month)
       ELSE raise_error(concat('no run finished for period "', :period,
                               '" (ops.run_log); leave period empty for the latest')) END AS month,
  max(financial_year) AS financial_year,
  CASE WHEN try_cast(:top AS INT) > 0 THEN int(:top)
       ELSE raise_error(concat('top must be a whole number above 0, not "', :top, '"')) END AS top
FROM run_months
WHERE month = coalesce(nullif(:period, ''), latest_month)

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## National opportunity by family
-- MAGIC Each metric against its default target; metrics that restate another's release (for
-- MAGIC example contacts per day, which restates direct care time) are left out of the totals.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT f.family, f.period, f.opportunity_unit, round(f.total, 1) AS total, f.n_orgs, f.metrics
FROM gold.opportunity_family f
JOIN chosen c ON f.period IN (c.month, c.financial_year)
ORDER BY f.opportunity_unit, f.total DESC

-- COMMAND ----------

-- DBTITLE 1,Cash-releasing families (GBP)
-- chart: bar x=family y=gbp title="National opportunity in GBP by family"
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT f.family, round(f.total, 0) AS gbp
FROM gold.opportunity_family f
JOIN chosen c ON f.period IN (c.month, c.financial_year)
WHERE f.opportunity_unit = 'GBP'
ORDER BY gbp DESC

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Largest opportunities per unit
-- MAGIC Per organisation and metric, summed over service lines and breakdowns, against the
-- MAGIC metric's default target; largest first in each unit. Only the metrics the family totals
-- MAGIC add up are ranked: a metric that restates another's release (contacts per day restates
-- MAGIC direct care time, estates cost % of income restates cost per m²) would count it twice.
-- MAGIC `./mhcs opportunities` and the trust profile list those too.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
),
summed AS (
  SELECT o.opportunity_unit, o.org_code, o.metric_id, o.period, o.target_basis,
         sum(o.opportunity_value) AS total
  FROM gold.opportunity o
  JOIN chosen c ON o.period IN (c.month, c.financial_year)
  JOIN summed_metrics t USING (metric_id, target_basis)
  GROUP BY o.opportunity_unit, o.org_code, o.metric_id, o.period, o.target_basis
  HAVING sum(o.opportunity_value) > 0
),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY opportunity_unit
                               ORDER BY total DESC, org_code, metric_id) AS rank
  FROM summed
)
SELECT r.opportunity_unit, r.rank, r.org_code, r.metric_id, r.period, r.target_basis,
       round(r.total, 1) AS opportunity, n.org_name
FROM ranked r
LEFT JOIN org_names n ON n.month = (SELECT month FROM chosen) AND n.org_code = r.org_code
WHERE r.rank <= int(:top)
ORDER BY CASE opportunity_unit WHEN 'GBP' THEN 1 WHEN 'clinical_days' THEN 2 WHEN 'wte' THEN 3
         ELSE 4 END, rank

-- COMMAND ----------

-- DBTITLE 1,Largest cash-releasing opportunities
-- chart: bar x=organisation_metric y=gbp title="Largest opportunities in GBP"
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT concat(o.org_code, ' ', o.metric_id) AS organisation_metric,
       round(sum(o.opportunity_value), 0) AS gbp
FROM gold.opportunity o
JOIN chosen c ON o.period IN (c.month, c.financial_year)
JOIN summed_metrics t USING (metric_id, target_basis)
WHERE o.opportunity_unit = 'GBP'
GROUP BY o.org_code, o.metric_id
HAVING sum(o.opportunity_value) > 0
ORDER BY gbp DESC, organisation_metric
LIMIT 20
