-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Trends for one metric
-- MAGIC Where an organisation is heading on one metric: its value in every period the warehouse
-- MAGIC holds against the national median and interquartile range, the change on the period before
-- MAGIC and on the same period a year before, and whether each change is beyond what chance would
-- MAGIC give (`gold.metric_trend`; the test is stated in `docs/metrics.md`). Then the national
-- MAGIC figures over time, the organisations whose latest change is beyond chance, and each ICB's
-- MAGIC latest change. Periods where the metric's definition or the service-line mapping changed
-- MAGIC are marked (`basis_changed`): values either side are not like for like.
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `metric_id`: a metric id from `docs/metrics.md` (default `direct_care_pct`)
-- MAGIC - `org_code`: the organisation; empty for the first with a trend of the metric
-- MAGIC - `service_line`: empty for the organisation's service line with the most periods

-- COMMAND ----------

CREATE WIDGET TEXT metric_id DEFAULT 'direct_care_pct';
CREATE WIDGET TEXT org_code DEFAULT '';
CREATE WIDGET TEXT service_line DEFAULT '';

-- COMMAND ----------

-- Per metric, the first organisation by code with a trend, and per organisation its service line
-- with the most periods (the first by name among equals): the defaults of org_code and
-- service_line. (Views cannot hold parameters; each query picks its rows in a `chosen` CTE.)
CREATE OR REPLACE TEMPORARY VIEW first_orgs AS
SELECT metric_id, min(entity_code) AS org_code
FROM gold.metric_trend WHERE level = 'organisation' AND breakdown = 'ALL'
GROUP BY metric_id;

CREATE OR REPLACE TEMPORARY VIEW main_lines AS
SELECT metric_id, entity_code, min_by(service_line, struct(-periods, service_line)) AS service_line
FROM (SELECT metric_id, entity_code, service_line, count(*) AS periods
      FROM gold.metric_trend WHERE level = 'organisation' AND breakdown = 'ALL'
      GROUP BY metric_id, entity_code, service_line)
GROUP BY metric_id, entity_code

-- COMMAND ----------

-- Names as of each period's first day (a financial year's: its April): gold.dim_organisation's row
-- in force then, else the latest, as ./mhcs and the report name them; ICB names likewise.
CREATE OR REPLACE TEMPORARY VIEW period_days AS
SELECT DISTINCT period,
       CASE WHEN int(right(period, 2)) > 12 THEN to_date(concat(left(period, 4), '-04-01'))
            ELSE to_date(concat(period, '-01')) END AS first_day
FROM gold.metric_trend;

CREATE OR REPLACE TEMPORARY VIEW org_names AS
SELECT d.period, o.org_code,
       max_by(o.org_name, struct(
         o.valid_from <= d.first_day AND (o.valid_to IS NULL OR d.first_day < o.valid_to),
         coalesce(o.valid_from, DATE'0001-01-01'))) AS org_name
FROM period_days d CROSS JOIN gold.dim_organisation o
WHERE o.org_name IS NOT NULL
GROUP BY d.period, o.org_code;

CREATE OR REPLACE TEMPORARY VIEW icb_names AS
SELECT icb_code, max_by(icb_name, coalesce(valid_from, DATE'0001-01-01')) AS icb_name
FROM gold.dim_organisation WHERE icb_code IS NOT NULL AND icb_name IS NOT NULL
GROUP BY icb_code

-- COMMAND ----------

-- DBTITLE 1,What this page shows
WITH chosen AS (
  SELECT o.org_code, coalesce(nullif(:service_line, ''), l.service_line) AS service_line
  FROM (SELECT coalesce(nullif(:org_code, ''), max(org_code)) AS org_code
        FROM first_orgs WHERE metric_id = :metric_id) o
  LEFT JOIN main_lines l ON l.metric_id = :metric_id AND l.entity_code = o.org_code
),
metric_rows AS (
  SELECT * FROM gold.metric_trend WHERE metric_id = :metric_id AND breakdown = 'ALL'
),
own AS (
  SELECT t.* FROM metric_rows t JOIN chosen c
    ON t.entity_code = c.org_code AND t.service_line = c.service_line
  WHERE t.level = 'organisation'
)
SELECT
  :metric_id AS metric_id,
  CASE WHEN (SELECT count(*) FROM metric_rows) > 0 THEN (SELECT org_code FROM chosen)
       ELSE raise_error(concat('no trend of metric "', :metric_id,
                               '" in gold.metric_trend; ids are in docs/metrics.md')) END AS org_code,
  (SELECT max(n.org_name) FROM org_names n JOIN chosen c ON n.org_code = c.org_code
   WHERE n.period = (SELECT max(period) FROM own)) AS org_name,
  (SELECT service_line FROM chosen) AS service_line,
  CASE WHEN count(*) > 0 THEN count(*)
       ELSE raise_error(concat('organisation "', (SELECT org_code FROM chosen),
                               '" has no trend of "', :metric_id, '" on service line "',
                               coalesce((SELECT service_line FROM chosen), ''),
                               '" in gold.metric_trend')) END AS periods,
  min(period) AS first_period,
  max(period) AS last_period,
  count_if(basis_changed) AS basis_changes
FROM own

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The organisation over time
-- MAGIC `change` is the value less the period before's (`previous_period`: the month before, or
-- MAGIC the financial year before for annual metrics); `change_year` the value less the same period
-- MAGIC a year before. `significant` is a two-sided test at p < 0.05 on the counts behind the two
-- MAGIC values (`test`: two proportions, or two Poisson rates); null where the counts hold no
-- MAGIC variance. `national_median` and the `p25` to `p75` band are of the organisations that period.

-- COMMAND ----------

-- DBTITLE 1,Its value and the national median per period
-- chart: bar x=period y=value,national_median title="The organisation against the national median"
WITH chosen AS (
  SELECT o.org_code, coalesce(nullif(:service_line, ''), l.service_line) AS service_line
  FROM (SELECT coalesce(nullif(:org_code, ''), max(org_code)) AS org_code
        FROM first_orgs WHERE metric_id = :metric_id) o
  LEFT JOIN main_lines l ON l.metric_id = :metric_id AND l.entity_code = o.org_code
),
metric_rows AS (
  SELECT * FROM gold.metric_trend WHERE metric_id = :metric_id AND breakdown = 'ALL'
)
SELECT t.period, round(t.value, 3) AS value, round(t.national_p25, 3) AS p25,
       round(t.national_p50, 3) AS national_median, round(t.national_p75, 3) AS p75,
       t.previous_period, round(t.change, 3) AS change, round(t.change_p_value, 4) AS p_value,
       t.change_significant AS significant,
       t.year_ago_period, round(t.change_year, 3) AS change_year,
       round(t.change_year_p_value, 4) AS p_value_year, t.change_year_significant AS significant_year,
       t.test, t.basis_changed, t.basis_note
FROM metric_rows t JOIN chosen c ON t.entity_code = c.org_code AND t.service_line = c.service_line
WHERE t.level = 'organisation'
ORDER BY t.period

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Nationally over time
-- MAGIC England's value from every organisation's summed counts (`value`), beside the median and
-- MAGIC interquartile range of the organisations' values, on the chosen service line.

-- COMMAND ----------

WITH chosen AS (
  SELECT o.org_code, coalesce(nullif(:service_line, ''), l.service_line) AS service_line
  FROM (SELECT coalesce(nullif(:org_code, ''), max(org_code)) AS org_code
        FROM first_orgs WHERE metric_id = :metric_id) o
  LEFT JOIN main_lines l ON l.metric_id = :metric_id AND l.entity_code = o.org_code
),
metric_rows AS (
  SELECT * FROM gold.metric_trend WHERE metric_id = :metric_id AND breakdown = 'ALL'
)
SELECT t.period, round(t.value, 3) AS england_value, round(t.change, 3) AS change,
       t.change_significant AS significant, round(t.national_p25, 3) AS p25,
       round(t.national_p50, 3) AS median, round(t.national_p75, 3) AS p75,
       t.basis_changed, t.basis_note
FROM metric_rows t JOIN chosen c ON t.service_line = c.service_line
WHERE t.level = 'national'
ORDER BY t.period

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Changes beyond chance in the latest period
-- MAGIC Every organisation whose value in the latest period differs from its period before by more
-- MAGIC than chance would give (p < 0.05), smallest p first. With many organisations some of these
-- MAGIC are chance too (one in twenty of those that did not change): read them as leads.

-- COMMAND ----------

WITH chosen AS (
  SELECT o.org_code, coalesce(nullif(:service_line, ''), l.service_line) AS service_line
  FROM (SELECT coalesce(nullif(:org_code, ''), max(org_code)) AS org_code
        FROM first_orgs WHERE metric_id = :metric_id) o
  LEFT JOIN main_lines l ON l.metric_id = :metric_id AND l.entity_code = o.org_code
),
metric_rows AS (
  SELECT * FROM gold.metric_trend WHERE metric_id = :metric_id AND breakdown = 'ALL'
),
latest AS (
  SELECT max(t.period) AS period FROM metric_rows t JOIN chosen c ON t.service_line = c.service_line
  WHERE t.level = 'organisation'
)
SELECT t.entity_code AS org_code, n.org_name, t.period, t.previous_period,
       round(t.previous_value, 3) AS previous_value, round(t.value, 3) AS value,
       round(t.change, 3) AS change, round(t.change_p_value, 4) AS p_value, t.basis_changed
FROM metric_rows t
JOIN chosen c ON t.service_line = c.service_line
JOIN latest l ON t.period = l.period
LEFT JOIN org_names n ON n.org_code = t.entity_code AND n.period = t.period
WHERE t.level = 'organisation' AND t.change_significant
ORDER BY t.change_p_value, t.entity_code

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Each ICB in the latest period
-- MAGIC An ICB's value is from its members' summed counts, members as the organisation reference
-- MAGIC dates them on each period's first day: a trust that moved counts in its old ICB before and
-- MAGIC its new one after, so an ICB's change can come from its membership alone.

-- COMMAND ----------

-- DBTITLE 1,ICBs' latest change
-- chart: bar x=icb_code y=change title="Change on the period before, per ICB"
WITH chosen AS (
  SELECT o.org_code, coalesce(nullif(:service_line, ''), l.service_line) AS service_line
  FROM (SELECT coalesce(nullif(:org_code, ''), max(org_code)) AS org_code
        FROM first_orgs WHERE metric_id = :metric_id) o
  LEFT JOIN main_lines l ON l.metric_id = :metric_id AND l.entity_code = o.org_code
),
metric_rows AS (
  SELECT * FROM gold.metric_trend WHERE metric_id = :metric_id AND breakdown = 'ALL'
),
latest AS (
  SELECT max(t.period) AS period FROM metric_rows t JOIN chosen c ON t.service_line = c.service_line
  WHERE t.level = 'icb'
)
SELECT t.entity_code AS icb_code, n.icb_name, t.period, round(t.previous_value, 3) AS previous_value,
       round(t.value, 3) AS value, round(t.change, 3) AS change,
       round(t.change_p_value, 4) AS p_value, t.change_significant AS significant
FROM metric_rows t
JOIN chosen c ON t.service_line = c.service_line
JOIN latest l ON t.period = l.period
LEFT JOIN icb_names n ON n.icb_code = t.entity_code
WHERE t.level = 'icb'
ORDER BY t.entity_code
