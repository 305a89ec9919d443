package org.civicsafety.gateway.notices;

/**
 * Where a walk through the merged list stands in one owner's list: the owner's own (opaque) cursor of
 * the page it is in ({@code null} for its first page) and how many of that page's notices were handed
 * out already; or {@code done} when the owner has nothing more.
 */
record ListPosition(String cursor, int skip, boolean done) {

    static final ListPosition START = new ListPosition(null, 0, false);
    static final ListPosition DONE = new ListPosition(null, 0, true);
}
