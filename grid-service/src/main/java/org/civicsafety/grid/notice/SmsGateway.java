package org.civicsafety.grid.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.config.GridConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SMS provider adapter: posts {@code {"id": <notice id>, "to": <mobile>, "text": <text>}} to
 * {@code grid.notices.sms.url} with {@code Authorization: Bearer <grid.notices.sms.token>}; a 2xx is sent.
 */
@ApplicationScoped
public class SmsGateway implements DeliveryChannel {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject GridConfig config;
    @Inject ObjectMapper json;

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Outcome send(ClaimedDelivery d) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("id", NoticeView.id(d.noticeId()));
        body.put("to", d.address());
        body.put("text", d.body());
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(config.notices().sms().url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        config.notices().sms().token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Outcome.sent(status) : Outcome.retry(status, "SMS provider answered " + status);
        } catch (IOException e) {
            return Outcome.retry(null, "SMS provider unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted");
        }
    }
}
