package org.mhcs.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The synthetic register of providers: how many there are at a scale, their codes, names, types,
 * regions, integrated care systems and sizes. It depends on (scale, seed) only, never on the
 * period, so every month generated with the same settings lists the same organisations.
 */
final class OrganisationRegister {
  /** Roughly the number of NHS trusts providing mental health or community services. */
  static final int NATIONAL_PROVIDERS = 140;

  /** Enough providers for percentiles to mean something, even at tiny scales. */
  static final int MIN_PROVIDERS = 25;

  /**
   * Log-scale spread of trust size, cut at ±2.3 standard deviations: the largest trust is then
   * about ten times the smallest, as between real trusts.
   */
  private static final double SIZE_SIGMA = 0.5;

  private static final double SIZE_LIMIT = 2.3;

  private static final String[] PLACE_STARTS = {
    "North", "South", "East", "West", "Ash", "Oak", "Elm", "Brook", "Stone", "Mill", "Kings",
    "Queens", "Marsh", "Wood", "Hill", "Fair", "Green", "Red", "White", "Black"
  };
  private static final String[] PLACE_ENDS = {
    "field", "bury", "ford", "ton", "ham", "wick", "by", "dale"
  };

  /** NHS England's seven regions and how many integrated care systems each has. */
  private static final String[] REGIONS = {
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "South East",
    "South West"
  };

  private static final int[] SYSTEMS_PER_REGION = {4, 3, 11, 6, 5, 6, 7};

  /** The regions' ODS codes (the etr extract's national grouping), in {@link #REGIONS}' order. */
  private static final String[] REGION_CODES = {"Y63", "Y62", "Y60", "Y61", "Y56", "Y59", "Y58"};

  /** Fields of a record of the ODS etr extract as published. */
  static final int ETR_FIELDS = 27;

  /**
   * Every synthetic trust's open date, as the etr extract writes dates: fixed, so that the
   * register's random draws (and so every figure generated) stay as they were.
   */
  private static final byte[] OPEN_DATE = "20000401".getBytes(StandardCharsets.US_ASCII);

  private OrganisationRegister() {}

  /** {@code round(140 × scale)}, kept between 25 and 140. */
  static int providerCount(double scale) {
    long n = Math.round(NATIONAL_PROVIDERS * scale);
    return (int) Math.max(MIN_PROVIDERS, Math.min(NATIONAL_PROVIDERS, n));
  }

  /** The register for {@code scale} and {@code seed}, in code order. */
  static List<Organisation> plan(double scale, long seed) {
    RandomDraws random = RandomDraws.forStream(seed, RandomDraws.REGISTER);
    int n = providerCount(scale);
    List<OrganisationType> types = typeMix(n);
    shuffle(types, random);
    List<String> places = new ArrayList<>();
    for (String start : PLACE_STARTS) {
      for (String end : PLACE_ENDS) {
        places.add(start + end);
      }
    }
    shuffle(places, random);
    double[] regionWeights = new double[REGIONS.length];
    for (int r = 0; r < REGIONS.length; r++) {
      regionWeights[r] = SYSTEMS_PER_REGION[r];
    }
    double[] regionCumulative = RandomDraws.cumulative(regionWeights);

    List<Organisation> register = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      OrganisationType type = types.get(i);
      String foundation = random.chance(0.6) ? " NHS Foundation Trust" : " NHS Trust";
      String name = "Synthetic " + places.get(i) + " " + type.nameStem() + foundation;
      int region = random.pick(regionCumulative);
      int system = random.below(SYSTEMS_PER_REGION[region]);
      double size = Math.exp(SIZE_SIGMA * random.normal(SIZE_LIMIT));
      register.add(
          new Organisation(
              i,
              code(i),
              name,
              places.get(i),
              type,
              REGIONS[region],
              icsCode(region, system),
              size));
    }
    return List.copyOf(register);
  }

  /**
   * {@code X01} … {@code X99}, then {@code XA1} … {@code XA9}, {@code XB1} …: three characters,
   * like real trust codes, and starting with X so nobody mistakes them for real ones.
   */
  static String code(int index) {
    int number = index + 1;
    if (number <= 99) {
      return String.format(Locale.ROOT, "X%02d", number);
    }
    int beyond = number - 100;
    return "X" + (char) ('A' + beyond / 9) + (char) ('1' + beyond % 9);
  }

  /** Every integrated care system's code, in region order. */
  static List<String> icsCodes() {
    List<String> codes = new ArrayList<>();
    for (int r = 0; r < REGIONS.length; r++) {
      for (int s = 0; s < SYSTEMS_PER_REGION[r]; s++) {
        codes.add(icsCode(r, s));
      }
    }
    return List.copyOf(codes);
  }

  /** Synthetic ICS codes {@code QV1} … {@code QZ6}, numbered across the regions in order. */
  private static String icsCode(int region, int system) {
    int k = system;
    for (int r = 0; r < region; r++) {
      k += SYSTEMS_PER_REGION[r];
    }
    return "Q" + "VWXYZ".charAt(k / 9) + (char) ('1' + k % 9);
  }

  /** Provider types in their national shares (largest remainder, so the counts add up to n). */
  private static List<OrganisationType> typeMix(int n) {
    OrganisationType[] types = OrganisationType.values();
    int[] counts = new int[types.length];
    double[] remainders = new double[types.length];
    int assigned = 0;
    for (int t = 0; t < types.length; t++) {
      double exact = n * types[t].share();
      counts[t] = (int) Math.floor(exact);
      remainders[t] = exact - counts[t];
      assigned += counts[t];
    }
    while (assigned < n) {
      int best = 0;
      for (int t = 1; t < types.length; t++) {
        if (remainders[t] > remainders[best]) {
          best = t;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      assigned++;
    }
    List<OrganisationType> mix = new ArrayList<>(n);
    for (int t = 0; t < types.length; t++) {
      for (int c = 0; c < counts[t]; c++) {
        mix.add(types[t]);
      }
    }
    return mix;
  }

  private static <T> void shuffle(List<T> list, RandomDraws random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.below(i + 1);
      T swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }

  /**
   * Writes the organisation reference ({@code ref/organisations}), one row per organisation; every
   * source names its organisations by these codes, so a row can only be duplicated, never broken.
   */
  static void write(Organisation org, ChunkOutput out) {
    out.row(LandingTable.REF_ORGANISATIONS)
        .text("Org_Code", org.code())
        .text("Org_Name", org.name())
        .text("Region", regionCode(org.region()))
        .text("ICB_Code", org.icsCode())
        .ascii("Open_Date", OPEN_DATE)
        .end();
  }

  /**
   * Writes the organisation's type ({@code ref/organisation_types}), which the ODS extract does not
   * carry. Called after the organisation's other reference rows, so that it takes the fault
   * injector's draws last and leaves theirs as they were.
   */
  static void writeType(Organisation org, ChunkOutput out) {
    out.row(LandingTable.REF_ORGANISATION_TYPES)
        .text("Org_Code", org.code())
        .text("Org_Type", org.type().label())
        .end();
  }

  /** The ODS code of a region named in {@link #REGIONS}. */
  static String regionCode(String region) {
    for (int r = 0; r < REGIONS.length; r++) {
      if (REGIONS[r].equals(region)) {
        return REGION_CODES[r];
      }
    }
    throw new IllegalArgumentException("no region " + region);
  }
}
