package org.civicsafety.gateway.notices;

import org.civicsafety.gateway.routing.RouteTable;

import java.util.Optional;

/**
 * The services that own notices (notice-design.md): each serves the notice paths for what it sends, and
 * a notice's id names its owner by prefix ({@code cases-<uuid>}, {@code grid-<uuid>}).
 */
public enum NoticeOwner {
    CASES(RouteTable.CASES, 'c'),
    GRID(RouteTable.GRID, 'g');

    private final String upstream;
    private final char streamTag;

    NoticeOwner(String upstream, char streamTag) {
        this.upstream = upstream;
        this.streamTag = streamTag;
    }

    /** Its name in the routing table (and the gateway's configuration). */
    public String upstream() {
        return upstream;
    }

    /** How answers name it, as in {@code "partial": ["cases-service"]}. */
    public String label() {
        return upstream + "-service";
    }

    /** The letter before its position in the merged stream's event id ({@code c<seq>.g<seq>}). */
    public char streamTag() {
        return streamTag;
    }

    /** The owner that is this upstream (routing table name), if it is one. */
    public static Optional<NoticeOwner> ofUpstream(String upstream) {
        for (NoticeOwner owner : values()) {
            if (owner.upstream.equals(upstream)) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }

    /** The owner named by a notice id's prefix, if any. */
    public static Optional<NoticeOwner> ofNoticeId(String id) {
        for (NoticeOwner owner : values()) {
            String prefix = owner.upstream + "-";
            if (id.length() > prefix.length() && id.startsWith(prefix)) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }
}
