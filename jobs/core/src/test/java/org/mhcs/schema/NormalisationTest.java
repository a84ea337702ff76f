package org.mhcs.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NormalisationTest {
  @Test
  void unnumberedDropsOnlyALeadingListNumber() {
    Normalisation n = Normalisation.UNNUMBERED;
    String mentalHealth = "Mental Health (including Specialist services)";
    assertEquals(mentalHealth, n.apply("4. " + mentalHealth));
    assertEquals(mentalHealth, n.apply(" 4." + mentalHealth + " "));
    assertEquals("Support facilities", n.apply("10. Support facilities"));
    assertEquals(mentalHealth, n.apply(mentalHealth));
    // Not a list number: a decimal, a number without its full stop, a number inside the text.
    assertEquals("1.5 storeys", n.apply("1.5 storeys"));
    assertEquals("4 Mental Health", n.apply("4 Mental Health"));
    assertEquals("Site 4. Annex", n.apply("Site 4. Annex"));
    assertNull(n.apply(null));
  }

  @Test
  void upperTrimsAndUpperCasesAndNoneKeepsTheText() {
    assertEquals("X02", Normalisation.UPPER.apply(" x02 "));
    assertEquals(" 4. x ", Normalisation.NONE.apply(" 4. x "));
  }
}
