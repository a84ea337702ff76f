package org.mhcs.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A referential rule: the row's {@code columns} must match {@code toColumns} of a row of the same
 * period in {@code table} ({@code source/table}), e.g. a contact's referral must exist.
 */
public record Reference(List<String> columns, String table, List<String> toColumns)
    implements Serializable {}
