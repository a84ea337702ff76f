package org.mhcs.generate;

import java.util.Locale;

/**
 * The kinds of site a trust returns in ERIC, by their ERIC site type ({@code
 * conf/code_lists/eric_site_type.csv}) and the number the published files put before it ({@code 4.
 * Mental Health (including Specialist services)}), with how such a site is named. A trust's first
 * site is its main hospital; the rest are mostly clinics, with some offices and smaller inpatient
 * units. The sites a trust does not list one by one are summed into its {@link #AGGREGATE} row.
 */
enum EricSiteKind {
  MENTAL_HEALTH_HOSPITAL(4, "Mental Health (including Specialist services)", "%s Hospital"),
  LEARNING_DISABILITY_UNIT(5, "Learning Disabilities", "%s Lodge"),
  COMMUNITY_HOSPITAL(7, "Community hospital (with inpatient beds)", "%s Community Hospital"),
  GENERAL_ACUTE_HOSPITAL(1, "General acute hospital", "%s General Hospital"),
  CLINIC(9, "Non inpatient", "%s Health Centre %d"),
  // Office names hold a comma, as many real addresses do: harmless in a '$'-delimited file.
  OFFICES(10, "Support facilities", "Unit %2$d, %1$s Business Park"),
  /** The row of a trust's sites not listed one by one: site code AGGRE, written un-numbered. */
  AGGREGATE(0, "Aggregate Site", "Aggregate Site");

  /** The AGGRE row's site code in the published return. */
  static final String AGGREGATE_SITE_CODE = "AGGRE";

  private static final double[] OTHER_SITES = RandomDraws.cumulative(0.6, 0.2, 0.2);

  private final int number;
  private final String siteType;
  private final String namePattern;

  EricSiteKind(int number, String siteType, String namePattern) {
    this.number = number;
    this.siteType = siteType;
    this.namePattern = namePattern;
  }

  /** The ERIC {@code Site Type} as the code list spells it. */
  String siteType() {
    return siteType;
  }

  /** The {@code Site Type} as the published file writes it, numbered where the type has one. */
  String publishedSiteType() {
    return number == 0 ? siteType : number + ". " + siteType;
  }

  /** The site's name, from the trust's place name and the site's number within the trust. */
  String name(String place, int number) {
    return String.format(Locale.ROOT, namePattern, place, number);
  }

  /** The kind of the {@code site}-th site (from 0) of a trust of {@code type}. */
  static EricSiteKind of(OrganisationType type, int site, RandomDraws random) {
    EricSiteKind main = main(type);
    if (site == 0) {
      return main;
    }
    return switch (random.pick(OTHER_SITES)) {
      case 0 -> CLINIC;
      case 1 -> OFFICES;
      default -> secondary(type, main);
    };
  }

  private static EricSiteKind main(OrganisationType type) {
    return switch (type) {
      case MENTAL_HEALTH, COMBINED -> MENTAL_HEALTH_HOSPITAL;
      case COMMUNITY -> COMMUNITY_HOSPITAL;
      case ACUTE -> GENERAL_ACUTE_HOSPITAL;
    };
  }

  private static EricSiteKind secondary(OrganisationType type, EricSiteKind main) {
    return switch (type) {
      case MENTAL_HEALTH -> LEARNING_DISABILITY_UNIT;
      case COMBINED, ACUTE -> COMMUNITY_HOSPITAL;
      case COMMUNITY -> main;
    };
  }
}
