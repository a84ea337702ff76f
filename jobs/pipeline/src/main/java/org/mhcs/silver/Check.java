package org.mhcs.silver;

import org.apache.spark.sql.Column;
import org.mhcs.schema.Rule;

/**
 * One declared check on one field: {@code failed} is true for a row that breaks {@code rule}, and
 * {@code value} is the offending text to show in quarantine.
 */
public record Check(String field, Rule rule, Column failed, Column value) {}
