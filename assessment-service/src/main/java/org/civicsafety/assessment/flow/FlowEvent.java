package org.civicsafety.assessment.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What every case and incident event carries, read once: the transition ({@code kind}), whose it is, its version,
 * where it happened and when ({@code day} is the counters' day of {@code at}). {@code data} is the whole payload, for
 * the fields of one kind.
 */
record FlowEvent(String kind, String id, long version, String areaCode, String[] path, Instant at, LocalDate day,
        JsonNode data) {}
