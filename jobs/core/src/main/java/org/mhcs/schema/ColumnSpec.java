package org.mhcs.schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One declared landing column.
 *
 * @param name the column's name in bronze and silver; by default also its heading in the file
 * @param header the heading in landing files (matched case-insensitively), when it differs from
 *     {@code name}, e.g. ERIC's {@code Gross internal floor area (m²)}
 * @param aliases other spellings of the heading, such as earlier years' names
 * @param codeList name of a code list in {@code conf/code_lists/}, or null
 * @param allowedCodes codes listed in the schema itself, or empty
 * @param min smallest allowed value for numbers, or null
 * @param max largest allowed value for numbers, or null
 * @param check a check made on the landed text before any sensitive treatment ({@code check:})
 * @param normalisation how the text is normalised as it is read ({@code normalise:}), e.g.
 *     organisation codes upper-cased
 * @param position the field (from 1) that holds the column in a file without a header row ({@code
 *     position:}, with {@code format: {header_row: 0}}), or 0 when the column is found by heading
 * @param fromFileName a file-name pattern such as {@code etr-YYYY-MM} ({@code from_file_name:}):
 *     the column is not in the file but is the month the file's name carries, as the first day of
 *     that month; null for a column read from the file
 */
public record ColumnSpec(
    String name,
    String header,
    List<String> aliases,
    ColumnType type,
    boolean required,
    Sensitivity sensitivity,
    String codeList,
    List<String> allowedCodes,
    BigDecimal min,
    BigDecimal max,
    FieldCheck check,
    Normalisation normalisation,
    String description,
    int position,
    String fromFileName)
    implements Serializable {
  /** The placeholder a {@code from_file_name} pattern holds once, for the file's month. */
  public static final String FILE_NAME_MONTH = "YYYY-MM";

  /** Whether the column's value comes from the file's name rather than its fields. */
  public boolean fromFileNameOnly() {
    return fromFileName != null;
  }

  /** Every heading this column is recognised by: its header, then its aliases. */
  public List<String> headings() {
    List<String> all = new ArrayList<>();
    all.add(header);
    all.addAll(aliases);
    return all;
  }

  /** Whether values must come from a list (in the schema or in {@code conf/code_lists/}). */
  public boolean coded() {
    return codeList != null || !allowedCodes.isEmpty();
  }
}
