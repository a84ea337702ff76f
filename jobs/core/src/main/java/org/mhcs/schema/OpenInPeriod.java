package org.mhcs.schema;

import java.io.Serializable;

/**
 * A rule for records that are open over time (referrals, spells, ward stays): a submission carries
 * every record open at any time in the period, so the start may be before the period but not after
 * it, and the end, if any, may not be before the period or before the start.
 */
public record OpenInPeriod(String start, String end) implements Serializable {}
