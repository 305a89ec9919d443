package org.civicsafety.grid.notice;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.common.ApiException;
import org.civicsafety.grid.common.Cursors;
import org.civicsafety.grid.common.FieldError;
import org.civicsafety.grid.common.Page;
import org.civicsafety.grid.security.Caller;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reading notices: the caller's inbox, its read marks and stream, and the delivery log of staff. */
@ApplicationScoped
public class NoticeService {
    static final String CURSOR_PREFIX = "n:";
    /** Rows one stream poll reads at most; the next poll goes on from the last. */
    static final int STREAM_BATCH = 100;

    @Inject NoticeRepository repo;

    public NoticeInbox inbox(Caller caller, Boolean unread, String cursor, int limit) {
        NoticeScope scope = NoticeScope.of(caller);
        List<NoticeRow> rows = repo.inbox(scope, unread, before(cursor), limit + 1);
        String next = rows.size() > limit ? Cursors.encode(CURSOR_PREFIX + rows.get(limit - 1).seq()) : null;
        return new NoticeInbox(rows.stream().limit(limit).map(NoticeView::of).toList(), next, repo.unread(scope));
    }

    /** Idempotent; a notice that is not the caller's (or another service's id) is a 404. */
    @Transactional
    public void markRead(Caller caller, String id) {
        UUID notice = NoticeView.parse(id).orElseThrow(() -> ApiException.notFound("Unknown notice " + id));
        if (!repo.markRead(notice, NoticeScope.of(caller))) {
            throw ApiException.notFound("Unknown notice " + id);
        }
    }

    /** Where a caller's stream starts when it does not resume: after the newest notice now. */
    long streamStart() {
        return repo.lastSeq();
    }

    /** The caller's notices after {@code seq}, oldest first; its own transaction (streams outlive their request). */
    List<NoticeRow> streamAfter(NoticeScope scope, long seq) {
        return QuarkusTransaction.requiringNew().call(() -> repo.after(scope, seq, STREAM_BATCH));
    }

    /** The delivery log: everything for an admin, the notices of their area's subtree for a supervisor. */
    public Page<LoggedNotice> log(Caller caller, NoticeRepository.LogFilter filter, String cursor, int limit) {
        String area = null;
        if (!caller.is("admin")) {
            area = caller.area();
            if (area == null) {
                throw ApiException.forbidden("A supervisor without an area sees no delivery log");
            }
        }
        List<NoticeRow> rows = repo.log(filter, area, before(cursor), limit + 1);
        String next = rows.size() > limit ? Cursors.encode(CURSOR_PREFIX + rows.get(limit - 1).seq()) : null;
        List<NoticeRow> page = rows.stream().limit(limit).toList();
        Map<UUID, List<DeliveryView>> deliveries = deliveries(page.stream().map(NoticeRow::id).toList());
        return new Page<>(page.stream().map(n -> LoggedNotice.of(n, deliveries.getOrDefault(n.id(), List.of())))
                .toList(), next);
    }

    /** The deliveries of these notices with their attempts, by notice. */
    private Map<UUID, List<DeliveryView>> deliveries(List<UUID> notices) {
        if (notices.isEmpty()) {
            return Map.of();
        }
        List<NoticeRepository.DeliveryRow> rows = repo.deliveriesOf(notices);
        Map<UUID, List<NoticeRepository.AttemptRow>> attempts = rows.isEmpty() ? Map.of()
                : repo.attemptsOf(rows.stream().map(NoticeRepository.DeliveryRow::id).toList()).stream()
                        .collect(Collectors.groupingBy(NoticeRepository.AttemptRow::deliveryId));
        return rows.stream().collect(Collectors.groupingBy(NoticeRepository.DeliveryRow::noticeId,
                Collectors.mapping(d -> DeliveryView.of(d, attempts.getOrDefault(d.id(), List.of())),
                        Collectors.toList())));
    }

    private static Long before(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(Cursors.decode(cursor, CURSOR_PREFIX));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(FieldError.of("cursor", "not-a-cursor"));
        }
    }
}
