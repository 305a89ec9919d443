package org.civicsafety.cases.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.civicsafety.cases.common.Json;

/**
 * Sends a notice to a unit's webhook URL (notices.md "Channels": a WeCom/DingTalk robot or any hook), as grid-service
 * does: a CloudEvents 1.0 structured body ({@code application/cloudevents+json}; {@code id} = the notice's uuid,
 * {@code type} {@value #NOTICE_CREATED}, {@code data} = the notice as the inbox shows it when new, so every try sends
 * the same body), signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature:
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">}) with {@code cases.notices.unit-webhook-secret}. The URL is checked
 * against the SSRF rules before every try; redirects are not followed; 10 s timeout.
 */
@ApplicationScoped
public class UnitWebhooks {

    static final String NOTICE_CREATED = "org.civicsafety.notice.created.v1";
    /** The source of the service's events on Kafka too. */
    static final String SOURCE = "/cases-service";
    static final String CONTENT_TYPE = "application/cloudevents+json";
    static final String SECRET_PREFIX = "whsec_";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject NoticesConfig config;
    @Inject ObjectMapper mapper;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Why a delivery to {@code url} must never be sent (it is SUPPRESSED with this reason): no well-formed signing
     * secret configured, or a URL the SSRF rules refuse. Empty when it may be sent.
     */
    Optional<String> refusal(String url) {
        Optional<String> unsignable = unsignable(config.unitWebhookSecret());
        if (unsignable.isPresent()) {
            return unsignable;
        }
        return WebhookTargets.refusal(url, Set.copyOf(config.webhookAllowedHosts().orElse(List.of())),
                WebhookTargets.DNS).map(r -> "unit webhook refused: it " + r);
    }

    /** One try; the receiver's HTTP status. */
    int send(NoticeRepository.Row notice, String url) throws IOException, InterruptedException {
        String body = cloudEvent(notice);
        String id = notice.id().toString();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", CONTENT_TYPE).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", sign(config.unitWebhookSecret().orElseThrow(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String cloudEvent(NoticeRepository.Row notice) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", notice.id().toString());
        event.put("source", SOURCE);
        event.put("type", NOTICE_CREATED);
        event.put("time", Json.time(notice.createdAt()));
        event.put("subject", notice.subjectId().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", NoticeQueries.notice(notice));
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why units' webhooks cannot be signed with the configured secret; empty when they can. */
    static Optional<String> unsignable(Optional<String> secret) {
        if (secret.isEmpty()) {
            return Optional.of("no unit-webhook secret configured (cases.notices.unit-webhook-secret)");
        }
        String s = secret.get();
        boolean wellFormed = s.startsWith(SECRET_PREFIX) && s.length() > SECRET_PREFIX.length();
        if (wellFormed) {
            try {
                Base64.getDecoder().decode(s.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                wellFormed = false;
            }
        }
        return wellFormed ? Optional.empty() : Optional.of("the unit-webhook secret is not a whsec_ value");
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret's decoded bytes. */
    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())),
                    "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
