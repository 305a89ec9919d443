package org.civicsafety.cases.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A local copy of what grid-service publishes — its compacted directories (areas, units) and the incidents it
 * reports on — that {@link DirectoryConsumer} keeps up to date from the topic.
 *
 * @param <E> what one upsert event says
 */
public interface Directory<E> {

    /** The topic the directory is published on. */
    String topic();

    /** Whether a record of this {@code ce_type} is one of its upserts; other types on the topic are ignored. */
    boolean accepts(String ceType);

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
