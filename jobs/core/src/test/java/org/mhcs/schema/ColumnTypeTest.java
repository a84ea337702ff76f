package org.mhcs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {
  @Test
  void typesAreNamedAsSparkSqlSpellsThem() {
    assertEquals(
        List.of("string", "int", "decimal(18,4)", "date"),
        List.of(ColumnType.values()).stream().map(ColumnType::sqlType).toList());
  }

  @Test
  void numbersParseOnlyWhenTheTypedValueIsTheTextExactly() {
    Pattern integer = Pattern.compile(ColumnType.INTEGER.exactNotation());
    Pattern decimal = Pattern.compile(ColumnType.DECIMAL.exactNotation());
    // Integers: a sign and digits; 65.9 would truncate to 65, 1e3 is not plain notation.
    for (String ok : List.of("0", "65", "+7", "-12", "007")) {
      assertEquals(true, integer.matcher(ok).matches(), ok);
    }
    for (String bad : List.of("65.9", "1e3", ".5", "", "-", "1 000")) {
      assertEquals(false, integer.matcher(bad).matches(), bad);
    }
    // Decimals: at most four digits after the point, or trailing zeros beyond them.
    for (String ok : List.of("1", "1.5", ".5", "-0.0001", "2.12340000", "12.")) {
      assertEquals(true, decimal.matcher(ok).matches(), ok);
    }
    for (String bad : List.of("1.00005", "-1e-9", ".", "1.2.3", "")) {
      assertEquals(false, decimal.matcher(bad).matches(), bad);
    }
    assertNull(ColumnType.STRING.exactNotation());
    assertNull(ColumnType.DATE.exactNotation());
  }
}
