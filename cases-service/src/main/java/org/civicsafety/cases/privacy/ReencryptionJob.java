package org.civicsafety.cases.privacy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicsafety.cases.common.CasesConfig;
import org.jboss.logging.Logger;

/**
 * Moves personal data written under an old key to the current keys: re-encrypts every encrypted column
 * and recomputes pseudonyms, a batch per transaction, in primary-key order. Resumable (it looks for rows
 * on an old key, wherever it stopped) and safe while the service runs on several instances (locked rows
 * are skipped and taken by a later run). Progress: the gauge
 * {@code civic_personal_data_rows_on_old_keys{table=...}} (NaN until the first run) and a log line with
 * counts.
 */
@ApplicationScoped
public class ReencryptionJob {

    private static final Logger LOG = Logger.getLogger(ReencryptionJob.class);
    static final String GAUGE = "civic.personal.data.rows.on.old.keys";

    @Inject
    @All List<EncryptedTable<?>> tables;
    @Inject CasesConfig config;
    @Inject MeterRegistry registry;

    private final Map<String, Double> onOldKeys = new ConcurrentHashMap<>();

    void registerGauges(@Observes StartupEvent e) {
        for (EncryptedTable<?> t : tables) {
            Gauge.builder(GAUGE, onOldKeys, m -> m.getOrDefault(t.name(), Double.NaN))
                    .description("Rows whose personal data is still under a key other than the current one")
                    .tag("table", t.name()).register(registry);
        }
    }

    @Scheduled(every = "${cases.reencryption.interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("re-encryption job failed (will retry): %s", e.getClass().getSimpleName());
        }
    }

    public void runOnce() {
        tables.forEach(this::run);
    }

    private <K> void run(EncryptedTable<K> table) {
        int limit = config.reencryption().batchSize();
        K after = table.start();
        long moved = 0;
        long unreadable = 0;
        EncryptedTable.Batch<K> batch;
        do {
            batch = table.reencrypt(after, limit);
            moved += batch.moved();
            unreadable += batch.unreadable();
            after = batch.last();
        } while (batch.full());
        long left = table.rowsOnOldKeys();
        onOldKeys.put(table.name(), (double) left);
        if (moved > 0 || left > 0) {
            // Counts only: nothing about the rows themselves.
            LOG.infof("re-encryption of %s: %d rows moved to the current keys, %d unreadable, %d still on old keys",
                    table.name(), moved, unreadable, left);
        }
    }
}
