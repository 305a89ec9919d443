package org.civicsafety.grid.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of the caller's notices and how many of all of theirs are unread. */
@Schema(name = "NoticeInbox", description = "A page of the caller's notices, newest first")
public record NoticeInbox(List<NoticeView> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last") String nextCursor,
        @Schema(description = "How many of the caller's notices are unread") long unread) {}
