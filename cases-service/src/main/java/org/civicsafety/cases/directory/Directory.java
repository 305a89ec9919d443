package org.civicsafety.cases.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A local copy of one of grid-service's compacted directories (areas, units) that {@link DirectoryConsumer} keeps
 * up to date from its topic.
 *
 * @param <E> what one upsert event says
 */
public interface Directory<E> {

    /** The topic the directory is published on. */
    String topic();

    /** The {@code ce_type} of its upserts; other types on the topic are ignored. */
    String upsertType();

    /** The event's data as {@code E}; throws {@link IllegalArgumentException} when it is malformed (no retry helps). */
    E parse(JsonNode data);

    /**
     * Applies a batch in one transaction: the ce_ids are recorded with the effect, already-applied ids are
     * skipped, and per key only the newest version counts (a version older than the stored one is ignored).
     */
    void apply(List<Received<E>> batch);

    /** An upsert read from the topic: its dedupe id and what it says. */
    record Received<E>(String ceId, E event) {}
}
