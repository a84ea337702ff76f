package org.mhcs.generate;

/**
 * How a service's attended direct-care contacts split across consultation mechanisms (face to face,
 * telephone, video, talk type), before a trust's own lean towards the telephone.
 */
record MechanismMix(double faceToFace, double telephone, double video, double talkType) {
  /** Codes in the order of the record's components (the ConsMechanism / ConsMechanismMH codes). */
  static final String[] CODES = {"01", "02", "11", "04"};

  static final int FACE_TO_FACE = 0;
  static final int TELEPHONE = 1;
  static final int VIDEO = 2;
  static final int TALK_TYPE = 3;

  /** Mean duration of each mechanism relative to face to face: calls and video are shorter. */
  static final double[] RELATIVE_DURATION = {1.0, 0.45, 0.8, 1.0};

  /** Cumulative weights after multiplying the telephone share by {@code telephoneFactor}. */
  double[] cumulative(double telephoneFactor) {
    return RandomDraws.cumulative(faceToFace, telephone * telephoneFactor, video, talkType);
  }
}
