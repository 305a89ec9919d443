package org.civicsafety.cases.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.civicsafety.cases.privacy.Masking;
import org.civicsafety.cases.privacy.PersonalDataCipher;
import org.civicsafety.cases.unit.UnitDirectory;

/**
 * Writes a notice in the caller's transaction, like {@code Outbox.add}: the text rendered in the recipient's
 * language, the {@code notice} row (the inbox) and one {@code notice_delivery} row per channel that applies (a
 * person's: {@link DeliveryPlan}; a unit's: its mailbox and webhook URL); a non-urgent SMS in quiet hours waits for
 * 08:00. A rolled-back change leaves no notice;
 * {@link NoticeRelay} delivers the rest. Addresses are stored only encrypted, and masked for the delivery log.
 */
@ApplicationScoped
public class Notices {

    @Inject NoticeRepository notices;
    @Inject NoticePreferences preferences;
    @Inject PersonalDataCipher cipher;
    @Inject NoticesConfig config;
    @Inject NoticeMetrics metrics;
    @Inject TransactionSynchronizationRegistry transactions;
    @Inject UnitDirectory units;

    /** The new notice's id; empty when its stage was already told. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> notify(NoticeRequest r) {
        RecipientType recipientType = r.type().recipientType();
        Optional<Preference> pref = recipientType == RecipientType.USER && r.recipient() != null
                ? preferences.find(r.recipient())
                : Optional.empty();
        String lang = pref.map(Preference::language).orElse(NoticeTemplates.ZH_CN);
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        if (!notices.insertNotice(id, recipientType, r, lang, NoticeTemplates.render(r.type(), lang, r.args()), now)) {
            return Optional.empty();
        }
        List<String> created = new ArrayList<>();
        created.add(NoticeMetrics.INBOX);
        for (DeliveryPlan.Planned p : DeliveryPlan.plan(r.type(), r.contact(), pref)) {
            if (p.address() == null) {
                notices.insertDelivery(UUID.randomUUID(), id, p.channel(), null, null, DeliveryStatus.SUPPRESSED, null,
                        "no address", now);
                continue;
            }
            Optional<Instant> quiet = p.channel() == Channel.SMS
                    ? new QuietHours(config.quietHours().enabled()).deferral(now, r.type().urgent())
                    : Optional.empty();
            notices.insertDelivery(UUID.randomUUID(), id, p.channel(), encrypt(p.address()), mask(p),
                    quiet.isPresent() ? DeliveryStatus.DEFERRED : DeliveryStatus.PENDING, quiet.orElse(now), null,
                    now);
            created.add(p.channel().tag());
        }
        if (recipientType == RecipientType.UNIT) {
            created.addAll(unitDeliveries(id, r.recipient(), now));
        }
        countAfterCommit(created);
        return Optional.of(id);
    }

    /**
     * A unit's channels as the directory copy has them: its mailbox and its webhook URL (a robot or hook), which
     * {@link UnitWebhooks} sends the notice to. A unit's addresses are not a person's data but are sealed like every
     * delivery address. Supervisors (AREA notices) have the inbox only.
     */
    private List<String> unitDeliveries(UUID id, String unitId, Instant now) {
        Optional<UnitDirectory.Unit> unit = units.find(unitId);
        List<String> created = new ArrayList<>();
        String email = unit.map(UnitDirectory.Unit::email).orElse(null);
        if (email != null) {
            notices.insertDelivery(UUID.randomUUID(), id, Channel.EMAIL, encrypt(email), Masking.email(email),
                    DeliveryStatus.PENDING, now, null, now);
            created.add(Channel.EMAIL.tag());
        }
        String url = unit.map(UnitDirectory.Unit::webhookUrl).orElse(null);
        if (url != null) {
            notices.insertDelivery(UUID.randomUUID(), id, Channel.WEBHOOK, encrypt(url), host(url),
                    DeliveryStatus.PENDING, now, null, now);
            created.add(Channel.WEBHOOK.tag());
        }
        return created;
    }

    /** What the delivery log shows of a URL: its host (null for one that is no URL, which the relay refuses). */
    static String host(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Counted once the change commits: a rolled-back change created nothing. */
    private void countAfterCommit(List<String> channels) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    channels.forEach(metrics::created);
                }
            }
        });
    }

    /** The service's ciphertext, as text (base64): {@code address_enc} is a text column in both services' design. */
    String encrypt(String address) {
        return Base64.getEncoder().encodeToString(cipher.encryptText(address));
    }

    String decrypt(String addressEnc) {
        return cipher.decryptText(Base64.getDecoder().decode(addressEnc));
    }

    static String mask(DeliveryPlan.Planned p) {
        return p.channel() == Channel.SMS ? Masking.phone(p.address()) : Masking.email(p.address());
    }
}
