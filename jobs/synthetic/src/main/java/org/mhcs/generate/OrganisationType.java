package org.mhcs.generate;

/**
 * The kinds of provider in the synthetic register ({@code conf/code_lists/org_type.csv} names),
 * with their share of providers and the data sets each kind submits: mental health trusts submit
 * MHSDS only, community and acute trusts CSDS only, combined trusts both.
 */
enum OrganisationType {
  MENTAL_HEALTH("Mental health", 0.35, false, true, "Mental Health", 0, 1.0),
  COMMUNITY("Community", 0.12, true, false, "Community Healthcare", 1.0, 0),
  COMBINED("Combined MH and community", 0.15, true, true, "Health and Care", 0.8, 0.7),
  // Acute trusts run some community services (through CSDS) alongside their hospitals.
  ACUTE("Acute", 0.38, true, false, "Hospitals", 0.5, 0);

  private final String label;
  private final double share;
  private final boolean csds;
  private final boolean mhsds;
  private final String nameStem;
  private final double csdsVolumeFactor;
  private final double mhsdsVolumeFactor;

  OrganisationType(
      String label,
      double share,
      boolean csds,
      boolean mhsds,
      String nameStem,
      double csdsVolumeFactor,
      double mhsdsVolumeFactor) {
    this.label = label;
    this.share = share;
    this.csds = csds;
    this.mhsds = mhsds;
    this.nameStem = nameStem;
    this.csdsVolumeFactor = csdsVolumeFactor;
    this.mhsdsVolumeFactor = mhsdsVolumeFactor;
  }

  /** The value written to {@code Org_Type}. */
  String label() {
    return label;
  }

  double share() {
    return share;
  }

  boolean submits(PatientDataSet dataset) {
    return dataset == PatientDataSet.CSDS ? csds : mhsds;
  }

  /** The middle of a trust's name, e.g. "Hospitals" in "Synthetic Ashford Hospitals NHS Trust". */
  String nameStem() {
    return nameStem;
  }

  /** How much of a same-sized trust's activity goes through {@code dataset}. */
  double volumeFactor(PatientDataSet dataset) {
    return dataset == PatientDataSet.CSDS ? csdsVolumeFactor : mhsdsVolumeFactor;
  }
}
