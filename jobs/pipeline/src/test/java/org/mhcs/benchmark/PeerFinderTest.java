package org.mhcs.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.benchmark.PeerFinder.Peer;
import org.mhcs.benchmark.PeerFinder.Profile;

/** Nearest peers on hand-standardised features. */
class PeerFinderTest {
  @Test
  void eachAspectCountsEquallyOnStandardisedFeatures() {
    // One service-line share and one size feature:
    //   share s: A 0, B 0, C 1, D 1 → mean 0.5, sd 0.5 → z −1, −1, 1, 1
    //   size w:  A 0, B 1, C 3, D 4 → mean 2, variance (4 + 1 + 1 + 4) / 4 = 2.5 → z = (w − 2)/√2.5
    // d² = Δz_s² + Δw²/2.5: A–B 0 + 1/2.5 = 0.4; A–C 4 + 9/2.5 = 7.6; A–D 4 + 16/2.5 = 10.4;
    // B–C 4 + 4/2.5 = 5.6; B–D 4 + 9/2.5 = 7.6; C–D 0 + 0.4.
    List<Profile> profiles =
        List.of(
            new Profile("A", Map.of("service:x", 0.0, "size:w", 0.0)),
            new Profile("B", Map.of("service:x", 0.0, "size:w", 1.0)),
            new Profile("C", Map.of("service:x", 1.0, "size:w", 3.0)),
            new Profile("D", Map.of("service:x", 1.0, "size:w", 4.0)));
    List<String> found = new ArrayList<>();
    for (Peer p : PeerFinder.nearest(profiles, 2)) {
      found.add(String.format("%s %d %s %.6f", p.org(), p.rank(), p.peer(), p.distance()));
    }
    assertEquals(
        List.of(
            String.format("A 1 B %.6f", Math.sqrt(0.4)),
            String.format("A 2 C %.6f", Math.sqrt(7.6)),
            String.format("B 1 A %.6f", Math.sqrt(0.4)),
            String.format("B 2 C %.6f", Math.sqrt(5.6)),
            String.format("C 1 D %.6f", Math.sqrt(0.4)),
            String.format("C 2 B %.6f", Math.sqrt(5.6)),
            String.format("D 1 C %.6f", Math.sqrt(0.4)),
            String.format("D 2 B %.6f", Math.sqrt(7.6))),
        found);
  }

  @Test
  void aspectsWithMoreFeaturesDoNotOutweighTheOthers() {
    // Two service shares that both separate A from B by z 2 (mean of squares 4), against one size
    // feature that does not: d² = 4 + 0 = 4, not 8. A missing income is the mean (z 0) so it adds
    // nothing either.
    List<Profile> profiles =
        List.of(
            new Profile("A", Map.of("service:x", 1.0, "service:y", 0.0, "size:ln_wte", 5.0)),
            new Profile(
                "B",
                Map.of(
                    "service:x",
                    0.0,
                    "service:y",
                    1.0,
                    "size:ln_wte",
                    5.0,
                    "size:ln_income",
                    18.0)));
    Peer p = PeerFinder.nearest(profiles, 1).get(0);
    assertEquals(2.0, p.distance(), 1e-12);
  }
}
