package org.mhcs.schema;

import java.math.BigDecimal;

/**
 * One declared landing column.
 *
 * @param name the data set's own field name, as in the header (matched case-insensitively)
 * @param codes name of a code list in {@code conf/code_lists/}, or null
 * @param min smallest allowed value for numbers, or null
 * @param max largest allowed value for numbers, or null
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    boolean required,
    Sensitivity sensitivity,
    String codes,
    BigDecimal min,
    BigDecimal max,
    String description) {}
