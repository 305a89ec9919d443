package org.civicsafety.cases.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.civicsafety.cases.workflow.CaseEntity;
import org.civicsafety.cases.workflow.CaseEvent;
import org.civicsafety.cases.workflow.CaseState;
import org.civicsafety.cases.workflow.Enums.BacklogReason;

/**
 * Repeat petitions (Art. 19): earlier cases of the same petitioner (by pseudonym, made with any configured
 * pseudonym key, so a key rotation in progress does not hide them; hex, so a comma-joined list) or, failing
 * that, very similar text in the same area (pg_trgm). A candidate is "the same matter" when the
 * same petitioner wrote similar text, or anyone wrote very similar text in the same area.
 */
@ApplicationScoped
public class RepeatDetector {

    /** Same petitioner: the text must still be about the same thing. */
    static final double SAME_PETITIONER_SIMILARITY = 0.3;
    /** Different (or unidentified) petitioner: only near-identical text counts. */
    static final double VERY_SIMILAR = 0.6;
    /** The third trigger of the backlog: ≥ 3 petitions on one matter within 180 days. */
    static final int BACKLOG_REPEATS = 3;
    static final int BACKLOG_WINDOW_DAYS = 180;

    public record Result(List<CaseApi.SimilarCase> similar, CaseEntity earlier) {}

    @Inject CaseRepository cases;
    @Inject CaseJournal journal;

    @Transactional(Transactional.TxType.MANDATORY)
    public Result detect(List<String> petitionerRefs, String areaCode, String text) {
        List<CaseApi.SimilarCase> samePetitioner = new ArrayList<>();
        List<CaseApi.SimilarCase> similarText = new ArrayList<>();
        for (CaseRepository.Similar r : cases.similar(petitionerRefs, areaCode, text)) {
            CaseApi.SimilarCase s = new CaseApi.SimilarCase(r.id(), r.number(), CaseState.valueOf(r.state()),
                    r.samePetitioner(), Math.round(r.similarity() * 1000) / 1000.0);
            if (s.samePetitioner()) {
                samePetitioner.add(s);
            } else if (s.similarity() >= VERY_SIMILAR) {
                similarText.add(s);
            }
        }
        List<CaseApi.SimilarCase> similar = samePetitioner.isEmpty() ? similarText : samePetitioner;
        similar = similar.subList(0, Math.min(10, similar.size()));

        // Resolve each same-matter candidate to the case actually carrying the matter.
        Set<UUID> roots = new LinkedHashSet<>();
        for (CaseApi.SimilarCase s : similar) {
            boolean sameMatter = s.samePetitioner() ? s.similarity() >= SAME_PETITIONER_SIMILARITY
                    : s.similarity() >= VERY_SIMILAR;
            if (sameMatter) {
                CaseEntity c = cases.findById(s.id());
                UUID root = c.repeatOf != null ? c.repeatOf : c.mergedInto != null ? c.mergedInto : c.id;
                roots.add(root);
            }
        }
        CaseEntity finalOne = null;
        for (UUID id : roots) {
            CaseEntity root = cases.findById(id);
            CaseState st = root.state;
            if (st.isOpen()) {
                return new Result(similar, root);
            }
            if (st == CaseState.FINAL && finalOne == null) {
                finalOne = root;
            }
        }
        return new Result(similar, finalOne);
    }

    /** Backlog trigger 3: the petitioner filed ≥ 3 petitions on this matter within 180 days. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markBacklogIfRepeated(CaseEntity earlier, List<String> petitionerRefs, String actor) {
        long count = cases.petitionsOnMatterSince(earlier.id, petitionerRefs, BACKLOG_WINDOW_DAYS);
        if (count < BACKLOG_REPEATS || !earlier.state.isOpen()) {
            return;
        }
        CaseEntity root = cases.lockFresh(earlier.id);
        if (root.backlog) {
            return;
        }
        root.backlog = true;
        root.backlogReason = BacklogReason.REPEATED_PETITIONS;
        CaseService.touch(root, OffsetDateTime.now(ZoneOffset.UTC));
        journal.history(root, actor, CaseService.SYSTEM, "BACKLOG", root.state,
                count + " petitions on this matter within 180 days");
        journal.event(root, CaseEvent.BACKLOGGED, java.util.Map.of("reason", "REPEATED_PETITIONS"));
    }
}
