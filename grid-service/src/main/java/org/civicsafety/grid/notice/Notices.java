package org.civicsafety.grid.notice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.privacy.Masks;
import org.civicsafety.grid.privacy.PersonalDataCipher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes notices in the transaction of the change that causes them, like the outbox: a rolled-back change has no
 * notice, a committed one always has. The notice row is the recipient's inbox entry; a delivery row is added for
 * each outside channel that applies (a user's e-mail and SMS, if they did not opt out and an address is known),
 * which {@link NoticeRelay} sends after the commit.
 */
@ApplicationScoped
public class Notices {
    @Inject NoticeRepository notices;
    @Inject NoticePreferenceRepository preferences;
    @Inject PersonalDataCipher cipher;
    @Inject NoticeMetrics metrics;
    @Inject NoticeRelay relay;
    @Inject Commits commits;
    @Inject GridConfig config;

    /**
     * Writes the notice and its deliveries; returns its id, or empty when it is a once-per-stage notice that was
     * written before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> notify(NoticeRequest request) {
        NoticePreference preference = request.recipientType() == RecipientType.USER
                ? preferences.of(request.recipient()) : null;
        NoticeLanguage language = preference == null ? NoticeLanguage.ZH_CN : preference.language();
        boolean urgent = request.type().urgent();
        UUID id = UUID.randomUUID();
        if (!notices.insert(id, request, language, NoticeTemplates.render(request.type(), language,
                request.subjectNumber(), request.args()), urgent)) {
            return Optional.empty();
        }
        List<NoticeRepository.NewDelivery> deliveries = preference == null ? List.of()
                : deliveries(request.contact(), preference, urgent, Instant.now());
        deliveries.forEach(d -> notices.insertDelivery(id, d));
        List<Channel> channels = deliveries.stream().map(NoticeRepository.NewDelivery::channel).toList();
        // counted and sent once committed (never for a rollback)
        commits.then(() -> {
            metrics.created(channels);
            if (!channels.isEmpty()) {
                relay.wake();
            }
        });
        return Optional.of(id);
    }

    /**
     * A user's e-mail and SMS deliveries: to the contact given with the subject, else to the preferences' address;
     * none for a channel they switched off. A non-urgent SMS in quiet hours waits (DEFERRED) until 08:00.
     */
    private List<NoticeRepository.NewDelivery> deliveries(NoticeRequest.Contact given, NoticePreference preference,
            boolean urgent, Instant now) {
        List<NoticeRepository.NewDelivery> out = new ArrayList<>();
        String email = given.email() != null ? given.email() : cipher.decrypt(preference.emailEnc);
        if (preference.email && email != null) {
            out.add(new NoticeRepository.NewDelivery(Channel.EMAIL, cipher.encrypt(email), Masks.email(email),
                    DeliveryStatus.PENDING, now));
        }
        String mobile = given.mobile() != null ? given.mobile() : cipher.decrypt(preference.mobileEnc);
        if (preference.sms && mobile != null) {
            Optional<Instant> quiet = QuietHours.configured(config).deferral(now, urgent);
            out.add(new NoticeRepository.NewDelivery(Channel.SMS, cipher.encrypt(mobile), Masks.phone(mobile),
                    quiet.isPresent() ? DeliveryStatus.DEFERRED : DeliveryStatus.PENDING, quiet.orElse(now)));
        }
        return out;
    }

}
