-- Databricks notebook source
-- MAGIC %md
-- MAGIC # System view: one ICB or region
-- MAGIC One integrated care board or NHS England region in a month: its member organisations as the
-- MAGIC organisation reference dates them, every metric's system value from the members' summed
-- MAGIC counts beside the distribution of systems of its level (`gold.system_value`,
-- MAGIC `gold.system_benchmark`), its members' values and ranks within it on one metric
-- MAGIC (`gold.org_system_position`), every system of its level on that metric, and the opportunity
-- MAGIC rolled up from its members (`gold.system_opportunity`).
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `level`: `icb` or `region` (default `icb`)
-- MAGIC - `system_code`: an ICB or region code; empty for the first of the level by code
-- MAGIC - `period`: a month `YYYY-MM` a run finished for; empty for the latest. Annual estates and
-- MAGIC   corporate metrics come from the financial year holding the month.
-- MAGIC - `metric_id`: the metric whose members are listed (default `direct_care_pct`)

-- COMMAND ----------

CREATE WIDGET TEXT level DEFAULT 'icb';
CREATE WIDGET TEXT system_code DEFAULT '';
CREATE WIDGET TEXT period DEFAULT '';
CREATE WIDGET TEXT metric_id DEFAULT 'direct_care_pct';

-- COMMAND ----------

-- Months a run finished for, each with its financial year (annual returns are labelled with it)
-- and first day.
CREATE OR REPLACE TEMPORARY VIEW run_months AS
WITH finished AS (
  SELECT DISTINCT period AS month FROM ops.run_log WHERE stage = 'finish' AND status = 'ok'
)
SELECT month,
       concat(fy_start, '-', right(string(fy_start + 1), 2)) AS financial_year,
       to_date(concat(month, '-01')) AS first_day,
       (SELECT max(month) FROM finished) AS latest_month
FROM (SELECT month, year(add_months(to_date(concat(month, '-01')), -3)) AS fy_start FROM finished);

-- Per level and month, the first system by code with figures: the default of system_code. (Views
-- cannot hold parameters; each query picks its month and system in a `chosen` CTE.)
CREATE OR REPLACE TEMPORARY VIEW first_systems AS
SELECT s.level, m.month, min(s.system_code) AS system_code
FROM gold.system_value s JOIN run_months m ON s.period IN (m.month, m.financial_year)
GROUP BY s.level, m.month

-- COMMAND ----------

-- Each month's members: the gold.dim_organisation rows in force on its first day (name, ICB and
-- region then); names of organisations as of each month (as ./mhcs and the report name them), and
-- of ICBs and regions.
CREATE OR REPLACE TEMPORARY VIEW members_then AS
SELECT m.month, o.org_code, o.org_name, o.icb_code, o.icb_name, o.region_code, o.region_name
FROM gold.dim_organisation o JOIN run_months m
  ON o.valid_from <= m.first_day AND (o.valid_to IS NULL OR m.first_day < o.valid_to);

CREATE OR REPLACE TEMPORARY VIEW org_names AS
SELECT m.month, o.org_code,
       max_by(o.org_name, struct(
         o.valid_from <= m.first_day AND (o.valid_to IS NULL OR m.first_day < o.valid_to),
         coalesce(o.valid_from, DATE'0001-01-01'))) AS org_name
FROM run_months m CROSS JOIN gold.dim_organisation o
WHERE o.org_name IS NOT NULL
GROUP BY m.month, o.org_code;

CREATE OR REPLACE TEMPORARY VIEW system_names AS
SELECT code, max(name) AS name FROM (
  SELECT icb_code AS code, icb_name AS name FROM gold.dim_organisation
  UNION ALL
  SELECT region_code, region_name FROM gold.dim_organisation
) WHERE code IS NOT NULL AND name IS NOT NULL
GROUP BY code

-- COMMAND ----------

-- DBTITLE 1,What this page shows
WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
),
own AS (
  SELECT s.* FROM gold.system_value s JOIN chosen c
    ON s.system_code = c.system_code AND s.period IN (c.month, c.financial_year)
  WHERE s.level = :level
)
SELECT
  CASE WHEN :level IN ('icb', 'region') THEN :level
       ELSE raise_error(concat('level "', :level, '" is neither icb nor region')) END AS level,
  (SELECT system_code FROM chosen) AS system_code,
  (SELECT name FROM system_names WHERE code = (SELECT system_code FROM chosen)) AS system_name,
  CASE WHEN (SELECT count(*) FROM chosen) = 1 THEN (SELECT max(month) FROM chosen)
       ELSE raise_error(concat('no run finished for period "', :period,
                               '" (ops.run_log); leave period empty for the latest')) END AS month,
  (SELECT max(financial_year) FROM chosen) AS financial_year,
  CASE WHEN count(*) > 0 THEN count(DISTINCT metric_id)
       ELSE raise_error(concat(:level, ' "', coalesce((SELECT system_code FROM chosen), ''),
                               '" has no figures for that period in gold.system_value')) END AS metrics,
  (SELECT count(*) FROM members_then m JOIN chosen c ON m.month = c.month
   WHERE c.system_code = CASE WHEN :level = 'icb' THEN m.icb_code ELSE m.region_code END)
    AS members_on_record
FROM own

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Members
-- MAGIC The organisations whose reference row in force on the month's first day places them in the
-- MAGIC system (annual metrics count the members of April, the financial year's first month).

-- COMMAND ----------

WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
)
SELECT m.org_code, m.org_name, m.icb_code, m.icb_name, m.region_code, m.region_name
FROM members_then m JOIN chosen c ON m.month = c.month
 AND c.system_code = CASE WHEN :level = 'icb' THEN m.icb_code ELSE m.region_code END
ORDER BY m.org_code

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The system's figures against the other systems
-- MAGIC `value` is the members' summed numerators over their summed denominators (never a mean of
-- MAGIC their values); `n_members` how many members' counts were summed. `quartile` 1 is the best
-- MAGIC quarter of the systems of this level given the metric's direction; `percentile_rank` the
-- MAGIC percent of them with a lower value. Breakdowns are left out.

-- COMMAND ----------

WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
)
SELECT s.metric_id, s.service_line, s.period, round(s.value, 3) AS value, s.numerator,
       s.denominator, s.n_members, s.quartile, round(s.percentile_rank, 1) AS percentile_rank,
       b.n_systems, round(b.p25, 3) AS systems_p25, round(b.p50, 3) AS systems_median,
       round(b.p75, 3) AS systems_p75, s.flags
FROM gold.system_value s
JOIN chosen c ON s.system_code = c.system_code AND s.period IN (c.month, c.financial_year)
LEFT JOIN gold.system_benchmark b
  ON b.metric_id = s.metric_id AND b.period = s.period AND b.service_line = s.service_line
 AND b.breakdown = s.breakdown AND b.level = s.level
WHERE s.level = :level AND s.breakdown = 'ALL'
ORDER BY s.metric_id, s.service_line

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Members on one metric
-- MAGIC Each benchmarked member's value against the system's, with its rank within the system (1 =
-- MAGIC best given the metric's direction; for context metrics, the lowest).

-- COMMAND ----------

-- DBTITLE 1,Members' values
-- chart: bar x=member y=value title="Members' values"
WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
)
SELECT concat(p.org_code, ' / ', p.service_line) AS member, p.org_code, n.org_name,
       p.service_line, p.period, round(p.value, 3) AS value, round(s.value, 3) AS system_value,
       round(p.value - s.value, 3) AS against_system,
       CASE WHEN :level = 'icb' THEN p.icb_rank ELSE p.region_rank END AS rank_in_system,
       CASE WHEN :level = 'icb' THEN p.icb_n_orgs ELSE p.region_n_orgs END AS ranked
FROM gold.org_system_position p
JOIN chosen c ON p.period IN (c.month, c.financial_year)
 AND c.system_code = CASE WHEN :level = 'icb' THEN p.icb_code ELSE p.region_code END
LEFT JOIN gold.system_value s
  ON s.metric_id = p.metric_id AND s.period = p.period AND s.service_line = p.service_line
 AND s.breakdown = p.breakdown AND s.level = :level AND s.system_code = c.system_code
LEFT JOIN org_names n ON n.org_code = p.org_code AND n.month = c.month
WHERE p.metric_id = :metric_id AND p.breakdown = 'ALL'
ORDER BY p.service_line, rank_in_system, p.org_code

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Every system of the level on that metric
-- MAGIC On the service line where the chosen system's denominator is largest.

-- COMMAND ----------

-- DBTITLE 1,Systems' values
-- chart: bar x=system_code y=value title="Every system's value"
WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
),
main_line AS (
  SELECT s.service_line, s.period FROM gold.system_value s JOIN chosen c
    ON s.system_code = c.system_code AND s.period IN (c.month, c.financial_year)
  WHERE s.level = :level AND s.metric_id = :metric_id AND s.breakdown = 'ALL'
  ORDER BY s.denominator DESC NULLS LAST, s.service_line
  LIMIT 1
)
SELECT s.system_code, n.name AS system_name, s.service_line, s.period,
       round(s.value, 3) AS value, s.n_members, s.quartile, s.system_code = c.system_code AS chosen
FROM gold.system_value s
JOIN main_line l ON s.service_line = l.service_line AND s.period = l.period
CROSS JOIN chosen c
LEFT JOIN system_names n ON n.code = s.system_code
WHERE s.level = :level AND s.metric_id = :metric_id AND s.breakdown = 'ALL'
ORDER BY s.value, s.system_code

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Opportunity rolled up
-- MAGIC What moving each member to each metric's default target would release, summed over the
-- MAGIC members; `metrics` are those the family total adds (metrics that restate another's release
-- MAGIC are left out, as in `gold.opportunity_family`).

-- COMMAND ----------

WITH chosen AS (
  SELECT m.month, m.financial_year,
         coalesce(nullif(:system_code, ''), f.system_code) AS system_code
  FROM run_months m LEFT JOIN first_systems f ON f.level = :level AND f.month = m.month
  WHERE m.month = coalesce(nullif(:period, ''), m.latest_month)
)
SELECT o.family, o.period, o.opportunity_unit, round(o.total, 1) AS total, o.n_orgs, o.metrics
FROM gold.system_opportunity o
JOIN chosen c ON o.system_code = c.system_code AND o.period IN (c.month, c.financial_year)
WHERE o.level = :level
ORDER BY o.family, o.opportunity_unit
