package org.mhcs.generate;

/**
 * A synthetic provider as the organisation reference lists it, with its relative size.
 *
 * @param index position in the register (0-based); seeds the organisation's own random streams
 * @param place the made-up place the organisation is named after (its sites are too)
 * @param size relative size (log-normal, median 1); national volumes are shared out by it
 */
record Organisation(
    int index,
    String code,
    String name,
    String place,
    OrganisationType type,
    String region,
    String icsCode,
    double size) {}
