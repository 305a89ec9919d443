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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The SMS provider adapter: POSTs {@code {"id","to","text"}} to {@code cases.notices.sms.url} with the configured
 * bearer token; a 2xx means the provider took the message. The notice id lets the provider drop a repeat.
 */
@ApplicationScoped
public class SmsGateway {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject NoticesConfig config;
    @Inject ObjectMapper mapper;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The provider's HTTP status. */
    public int send(UUID noticeId, String to, String text) throws IOException, InterruptedException {
        String body;
        try {
            body = mapper.writeValueAsString(Map.of("id", noticeId.toString(), "to", to, "text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.sms().url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        config.sms().token().filter(t -> !t.isBlank()).ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
