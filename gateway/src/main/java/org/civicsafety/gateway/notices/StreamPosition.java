package org.civicsafety.gateway.notices;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The merged stream's event id: the last sequence number seen of each owner's stream, as
 * {@code c<seq>.g<seq>} ({@code c41.g7}; an owner none of whose events was seen yet is left out: {@code g7}).
 * A client's {@code Last-Event-ID} of this form resumes both streams, each from its own position.
 */
final class StreamPosition {

    private static final int MAX_DIGITS = 18;

    private final Map<NoticeOwner, Long> seqs;

    private StreamPosition(Map<NoticeOwner, Long> seqs) {
        this.seqs = seqs;
    }

    static StreamPosition none() {
        return new StreamPosition(new EnumMap<>(NoticeOwner.class));
    }

    /** A client's Last-Event-ID (none or blank: from now on); empty when it is not an id of this stream. */
    static Optional<StreamPosition> parse(String lastEventId) {
        StreamPosition position = none();
        if (lastEventId == null || lastEventId.isBlank()) {
            return Optional.of(position);
        }
        for (String part : lastEventId.trim().split("\\.", -1)) {
            NoticeOwner owner = part.isEmpty() ? null : ownerOf(part.charAt(0));
            Optional<Long> seq = owner == null ? Optional.empty() : ownerSequence(part.substring(1));
            if (seq.isEmpty() || position.seqs.containsKey(owner)) {
                return Optional.empty();
            }
            position.seqs.put(owner, seq.get());
        }
        return Optional.of(position);
    }

    /** An owner's own event id (its decimal sequence number); empty when it is not one. */
    static Optional<Long> ownerSequence(String eventId) {
        if (eventId == null || eventId.isEmpty() || eventId.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        for (int i = 0; i < eventId.length(); i++) {
            if (eventId.charAt(i) < '0' || eventId.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(eventId));
    }

    /** Where the owner's stream resumes from, if known. */
    Optional<Long> of(NoticeOwner owner) {
        return Optional.ofNullable(seqs.get(owner));
    }

    void advance(NoticeOwner owner, long seq) {
        seqs.put(owner, seq);
    }

    boolean isEmpty() {
        return seqs.isEmpty();
    }

    /** The event id of this position. */
    String format() {
        StringJoiner id = new StringJoiner(".");
        seqs.forEach((owner, seq) -> id.add(owner.streamTag() + Long.toString(seq)));
        return id.toString();
    }

    private static NoticeOwner ownerOf(char tag) {
        for (NoticeOwner owner : NoticeOwner.values()) {
            if (owner.streamTag() == tag) {
                return owner;
            }
        }
        return null;
    }
}
