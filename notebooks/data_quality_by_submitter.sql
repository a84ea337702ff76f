-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Data quality by submitter
-- MAGIC What each submitting organisation sent for a month and what became of it: rows read,
-- MAGIC accepted and quarantined per data set (`ops.data_quality`, `ops.quarantine`), why rows were
-- MAGIC quarantined, required fields not always filled, and codes no service-line mapping covers
-- MAGIC (`ops.unmapped_codes`). Every file reconciles: rows read = accepted + quarantined.
-- MAGIC
-- MAGIC Parameters:
-- MAGIC - `period`: a month `YYYY-MM` a run finished for; empty for the latest. Annual returns
-- MAGIC   (ERIC, finance) are those of the financial year holding the month.

-- COMMAND ----------

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

-- DBTITLE 1,What this page shows
SELECT
  CASE WHEN count(*) = 1 THEN max(month)
       ELSE raise_error(concat('no run finished for period "', :period,
                               '" (ops.run_log); leave period empty for the latest')) END AS month,
  max(financial_year) AS financial_year
FROM run_months
WHERE month = coalesce(nullif(:period, ''), latest_month)

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Rows per submitter
-- MAGIC Read and accepted come from the scorecard (`ops.data_quality`, measure `accepted`);
-- MAGIC `quarantined` is the submitter's rows in `ops.quarantine`, counted separately, so
-- MAGIC `reconciles` checks one against the other.

-- COMMAND ----------

-- chart: bar x=submitter y=quarantined_pct title="Rows quarantined, % of rows read"
WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
),
scorecard AS (
  SELECT d.submitter, sum(d.denominator) AS rows_read, sum(d.numerator) AS rows_accepted,
         count(DISTINCT d.source_table) AS data_sets
  FROM ops.data_quality d JOIN chosen c ON d.period IN (c.month, c.financial_year)
  WHERE d.measure = 'accepted' AND d.item = 'rows'
  GROUP BY d.submitter
),
quarantined AS (
  SELECT q.submitter, count(*) AS rows_quarantined
  FROM ops.quarantine q JOIN chosen c ON q.period IN (c.month, c.financial_year)
  GROUP BY q.submitter
)
SELECT s.submitter, s.data_sets, s.rows_read, s.rows_accepted,
       coalesce(q.rows_quarantined, 0) AS rows_quarantined,
       round(100 * coalesce(q.rows_quarantined, 0) / nullif(s.rows_read, 0), 3)
         AS quarantined_pct,
       s.rows_read = s.rows_accepted + coalesce(q.rows_quarantined, 0) AS reconciles
FROM scorecard s LEFT JOIN quarantined q USING (submitter)
ORDER BY s.submitter

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Rows per submitter and data set

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT d.submitter, d.source_table, d.period, d.denominator AS rows_read,
       d.numerator AS rows_accepted, d.denominator - d.numerator AS rows_quarantined,
       d.percent AS accepted_pct
FROM ops.data_quality d
JOIN chosen c ON d.period IN (c.month, c.financial_year)
WHERE d.measure = 'accepted' AND d.item = 'rows'
ORDER BY d.submitter, d.source_table

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Why rows were quarantined
-- MAGIC The first rule each row broke, by data set and field; `ops.quarantine` holds every row
-- MAGIC with its file, line and value.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT q.source_table, q.rule, q.field, count(*) AS rows_quarantined,
       count(DISTINCT q.submitter) AS submitters,
       array_join(array_sort(collect_set(q.submitter)), ', ') AS submitted_by
FROM ops.quarantine q
JOIN chosen c ON q.period IN (c.month, c.financial_year)
GROUP BY q.source_table, q.rule, q.field
ORDER BY rows_quarantined DESC, q.source_table, q.rule, q.field

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Required fields not always filled
-- MAGIC Completeness of each required field of the accepted rows, where below 100%.

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT d.submitter, d.source_table, d.item AS field, d.numerator AS rows_with_value,
       d.denominator AS rows_read, d.percent AS complete_pct
FROM ops.data_quality d
JOIN chosen c ON d.period IN (c.month, c.financial_year)
WHERE d.measure = 'completeness' AND d.percent < 100
ORDER BY d.percent, d.submitter, d.source_table, d.item

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Unmapped codes
-- MAGIC Contacts whose team type no service-line mapping covers, per submitter, then the codes
-- MAGIC themselves: add them to the mapping file `code_system` names (`conf/service_line_maps/`).

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT d.submitter, d.source_table, d.item AS code_system, d.numerator AS rows_unmapped,
       d.denominator AS rows_read, d.percent AS unmapped_pct
FROM ops.data_quality d
JOIN chosen c ON d.period IN (c.month, c.financial_year)
WHERE d.measure = 'unmapped' AND d.numerator > 0
ORDER BY d.percent DESC, d.submitter

-- COMMAND ----------

WITH chosen AS (
  SELECT * FROM run_months WHERE month = coalesce(nullif(:period, ''), latest_month)
)
SELECT u.dataset, u.code_system, u.code, u.period, u.rows, u.n_orgs, u.organisations,
       u.mapping_version
FROM ops.unmapped_codes u
JOIN chosen c ON u.period IN (c.month, c.financial_year)
ORDER BY u.rows DESC, u.dataset, u.code_system, u.code
