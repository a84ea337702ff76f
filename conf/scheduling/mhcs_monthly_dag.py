"""Airflow DAG: the monthly MHCS run on a Spark cluster, then a report and exports.

Needs apache-airflow-providers-apache-spark, a Spark connection `spark_mhcs` (master URL), an
Airflow Variable `mhcs_hash_key` (the pseudonymisation key; mark it secret) and the project built
on the worker (`mvn -B -q -DskipTests package` in MHCS_HOME). Each task is idempotent: a retry
replaces exactly the month it ran for.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MHCS_HOME = "/opt/mhcs"
LANDING = "/shared/landing"
WAREHOUSE = "/shared/warehouse"
PERIOD = "{{ data_interval_start.strftime('%Y-%m') }}"

# The libraries a cluster fetches, as conf/spark-submit.properties lists them (one place, which a
# test checks against the build's versions).
def _submit_property(key):
    with open(f"{MHCS_HOME}/conf/spark-submit.properties", encoding="utf-8") as f:
        for line in f:
            if line.startswith(key + "="):
                return line.split("=", 1)[1].strip()
    raise KeyError(key)


PACKAGES = _submit_property("spark.jars.packages")

with DAG(
    dag_id="mhcs_monthly",
    schedule="@monthly",  # the run for a month starts once the month has ended
    start_date=datetime(2024, 4, 1),
    catchup=False,
    max_active_runs=1,  # runs on one warehouse are serialised anyway (exit code 4 if busy)
    default_args={"retries": 2, "retry_delay": timedelta(minutes=30)},
) as dag:
    run = SparkSubmitOperator(
        task_id="run",
        conn_id="spark_mhcs",
        application=f"{MHCS_HOME}/jobs/cli/target/mhcs-cluster.jar",
        java_class="org.mhcs.cli.Main",
        packages=PACKAGES,
        application_args=[
            "run", "--landing", LANDING, "--warehouse", WAREHOUSE, "--period", PERIOD,
            "--set", "run.lock_wait_seconds=3600", "--set", "spark.shuffle_partitions=64",
        ],
        conf={"spark.driver.extraJavaOptions": "-Duser.timezone=UTC"},
        # The key itself from an Airflow variable (masked in logs); on a host that keeps the key in
        # a file instead: env_vars={"MHCS_HASH_KEY_FILE": "/etc/mhcs/key"}. Set one, not both.
        env_vars={"MHCS_HASH_KEY": "{{ var.value.mhcs_hash_key }}"},
        driver_memory="8g",
        executor_memory="8g",
        executor_cores=4,
    )
    report = BashOperator(
        task_id="report",
        bash_command=(
            f"cd {MHCS_HOME} && ./mhcs report --warehouse {WAREHOUSE} --period {PERIOD}"
            f" --out /shared/published/report-{PERIOD}"
        ),
    )
    export = BashOperator(
        task_id="export_benchmark",
        bash_command=(
            f"cd {MHCS_HOME} && ./mhcs export --warehouse {WAREHOUSE} --table gold.benchmark"
            f" --period {PERIOD} --out /shared/published/benchmark-{PERIOD}.xlsx"
        ),
    )
    run >> [report, export]
