-- Databricks notebook source
-- MAGIC %md
-- MAGIC # National variation in community productivity
-- MAGIC Percentiles across organisations per metric and service line (`gold.benchmark`), and each
-- MAGIC organisation's value beside them (`gold.metric_value`), for every period in the warehouse;
-- MAGIC add `AND period = 'YYYY-MM'` to a query to show one month.

-- COMMAND ----------

SELECT metric_id, service_line, n_orgs, p10, p25, p50, p75, p90
FROM gold.benchmark
WHERE peer_group = 'national'
ORDER BY metric_id, service_line

-- COMMAND ----------

-- Organisations furthest below the median direct care time, with what moving to the median
-- would release in clinical days.
SELECT v.org_code, v.service_line, round(v.value, 1) AS direct_care_pct, round(b.p50, 1) AS median,
       round(o.opportunity_value, 1) AS clinical_days_to_median
FROM gold.metric_value v
JOIN gold.benchmark b USING (metric_id, period, service_line, breakdown)
JOIN gold.opportunity o USING (metric_id, period, org_code, service_line, breakdown)
WHERE v.metric_id = 'direct_care_pct' AND o.opportunity_unit = 'clinical_days'
ORDER BY o.opportunity_value DESC
LIMIT 20
