package org.civicsafety.grid.privacy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.civicsafety.grid.config.GridConfig;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * After a key rotation, moves every encrypted value still sealed under another key to the current one: per table,
 * small transactions of {@code grid.encryption.reencrypt-batch-size} rows claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so it can run while the service serves, on several instances at once, and resumes wherever it was
 * stopped. The gauge {@code civic_personal_data_rows_on_old_keys{table}} says how many rows are left; an old key
 * may be removed once it is 0 everywhere.
 */
@ApplicationScoped
public class ReencryptionJob {
    static final String GAUGE = "civic.personal.data.rows.on.old.keys";
    private static final Logger LOG = Logger.getLogger(ReencryptionJob.class);

    @Inject Instance<EncryptedTable> tables;
    @Inject PersonalDataCipher cipher;
    @Inject GridConfig config;
    @Inject MeterRegistry registry;

    private final Map<String, AtomicLong> onOldKeys = new ConcurrentHashMap<>();

    @Scheduled(every = "${grid.encryption.reencrypt-interval}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run(cipher);
        } catch (PersonalDataCipher.UnreadableException e) {
            LOG.errorf("Re-encryption stopped: a row is %s; add its key to %s again", e.getMessage(),
                    KeySettings.KEYS_ENV);
        }
    }

    /** One pass over every encrypted table with {@code with}'s current key; returns the rows left per table. */
    public Map<String, Long> run(PersonalDataCipher with) {
        byte[] header = with.currentHeader();
        int batch = config.encryption().reencryptBatchSize();
        Map<String, Long> left = new LinkedHashMap<>();
        for (EncryptedTable table : tables) {
            long before = table.countOnOtherKeys(header);
            long after = 0;
            if (before > 0) {
                long moved = 0;
                int n;
                do {
                    n = QuarkusTransaction.requiringNew().call(() -> table.reencrypt(with, batch));
                    moved += n;
                } while (n == batch);
                after = table.countOnOtherKeys(header);
                LOG.infof("Re-encrypted %d row(s) of %s with key '%s'; %d row(s) still on other keys", moved,
                        table.table(), with.currentKeyId(), after);
            }
            gauge(table.table()).set(after);
            left.put(table.table(), after);
        }
        return left;
    }

    /** Registered at a table's first count, so the gauge never shows a number nobody counted. */
    private AtomicLong gauge(String table) {
        return onOldKeys.computeIfAbsent(table, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(GAUGE, value, AtomicLong::get).tag("table", t)
                    .description("Rows with personal data still encrypted with a key other than the current one")
                    .register(registry);
            return value;
        });
    }
}
