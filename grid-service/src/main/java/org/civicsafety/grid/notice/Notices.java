package org.civicsafety.grid.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.privacy.Masks;
import org.civicsafety.grid.privacy.PersonalDataCipher;
import org.civicsafety.grid.unit.NoticeChannels;
import org.civicsafety.grid.unit.Unit;
import org.civicsafety.grid.unit.UnitService;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes notices in the transaction of the change that causes them, like the outbox: a rolled-back change has no
 * notice, a committed one always has. The notice row is the recipient's inbox entry; a delivery row is added for
 * each outside channel that applies (a user's e-mail and SMS, if they did not opt out and an address is known; a
 * unit's mailbox and webhook URL, if it configured them), which {@link NoticeRelay} sends after the commit.
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
    @Inject UnitService units;
    @Inject ObjectMapper json;

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
        List<Channel> channels = switch (request.recipientType()) {
            case USER -> userDeliveries(id, request.contact(), preference, urgent, Instant.now());
            case UNIT -> unitDeliveries(id, request.recipient());
            // supervisors and partners read their notices in the inbox
            case AREA, PARTNER -> List.of();
        };
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
    private List<Channel> userDeliveries(UUID id, NoticeRequest.Contact given, NoticePreference preference,
            boolean urgent, Instant now) {
        List<Channel> out = new ArrayList<>();
        String email = given.email() != null ? given.email() : cipher.decrypt(preference.emailEnc);
        if (preference.email && email != null) {
            notices.insertDelivery(id, new NoticeRepository.NewDelivery(Channel.EMAIL, cipher.encrypt(email),
                    Masks.email(email), DeliveryStatus.PENDING, now));
            out.add(Channel.EMAIL);
        }
        String mobile = given.mobile() != null ? given.mobile() : cipher.decrypt(preference.mobileEnc);
        if (preference.sms && mobile != null) {
            Optional<Instant> quiet = new QuietHours(config.notices().quietHours().enabled()).deferral(now, urgent);
            notices.insertDelivery(id, new NoticeRepository.NewDelivery(Channel.SMS, cipher.encrypt(mobile),
                    Masks.phone(mobile), quiet.isPresent() ? DeliveryStatus.DEFERRED : DeliveryStatus.PENDING,
                    quiet.orElse(now)));
            out.add(Channel.SMS);
        }
        return out;
    }

    /**
     * A unit's channels as the directory has them: its mailbox, and its webhook URL (a robot or hook) with the
     * CloudEvent describing the notice, written now so that every try sends the same bytes. A unit's addresses are
     * not a person's data but are sealed like every delivery address.
     */
    private List<Channel> unitDeliveries(UUID id, String unitId) {
        Optional<NoticeChannels> unit = units.find(unitId).map(Unit::channels);
        List<Channel> out = new ArrayList<>();
        String email = unit.map(NoticeChannels::email).orElse(null);
        if (email != null) {
            notices.insertDelivery(id, new NoticeRepository.NewDelivery(Channel.EMAIL, cipher.encrypt(email),
                    Masks.email(email), DeliveryStatus.PENDING, Instant.now()));
            out.add(Channel.EMAIL);
        }
        String url = unit.map(NoticeChannels::webhookUrl).orElse(null);
        if (url != null) {
            NoticeRow notice = notices.find(id);
            notices.insertNoticeWebhook(id, cipher.encrypt(url), URI.create(url).getHost(),
                    CloudEvents.NOTICE_CREATED, CloudEvents.structured(json, id, config.kafka().source(),
                            CloudEvents.NOTICE_CREATED, notice.createdAt(), notice.subjectId().toString(),
                            NoticeView.of(notice)));
            out.add(Channel.WEBHOOK);
        }
        return out;
    }
}
