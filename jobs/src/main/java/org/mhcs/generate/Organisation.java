package org.mhcs.generate;

/**
 * A synthetic provider as the organisation reference lists it, with its relative size.
 *
 * @param index position in the register (0-based); seeds the organisation's own random streams
 * @param size relative size (log-normal, median 1); national volumes are shared out by it
 */
record Organisation(
    int index,
    String code,
    String name,
    OrganisationType type,
    String region,
    String icsCode,
    double size) {}
