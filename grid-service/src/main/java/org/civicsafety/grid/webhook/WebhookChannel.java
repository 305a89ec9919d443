package org.civicsafety.grid.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.civicsafety.grid.config.GridConfig;
import org.civicsafety.grid.notice.Channel;
import org.civicsafety.grid.notice.ClaimedDelivery;
import org.civicsafety.grid.notice.DeliveryChannel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends webhook deliveries: a partner's event to its subscription's receiver, and a unit's notice to the unit's
 * webhook URL (a robot or hook, notices.md "Channels"). Either way the stored CloudEvent goes as
 * {@code application/cloudevents+json}, signed per Standard Webhooks ({@code webhook-id} = the event id — a notice's
 * own id for a unit —, {@code webhook-timestamp}, {@code webhook-signature} with one {@code v1,} signature per valid
 * secret: the subscription's, or the service's unit-webhook secret). The URL is checked against the SSRF rules again
 * first; redirects are not followed; a 2xx within the timeout is success, anything else is retried.
 */
@ApplicationScoped
public class WebhookChannel implements DeliveryChannel {
    static final String CONTENT_TYPE = "application/cloudevents+json";

    @Inject WebhookService subscriptions;
    @Inject GridConfig config;

    private volatile HttpClient http;

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Outcome send(ClaimedDelivery d) {
        return d.subscriptionId() != null ? toPartner(d) : toUnit(d);
    }

    private Outcome toPartner(ClaimedDelivery d) {
        WebhookService.Target target = subscriptions.target(d.subscriptionId());
        if (target == null || !target.active()) {
            return Outcome.drop(target == null ? "subscription deleted" : "subscription disabled");
        }
        String refusal = subscriptions.refusal(target.url());
        if (refusal != null) {
            // checked when subscribed: a name that resolves elsewhere now may resolve back
            return Outcome.retry(null, "receiver refused: it " + refusal);
        }
        return post(target.url(), target.secrets(), d);
    }

    /**
     * A unit's URL comes from the directory, where an admin's https URL is not resolved: one the SSRF rules refuse
     * is never sent (SUPPRESSED with the reason), nor is anything without the service's signing secret.
     */
    private Outcome toUnit(ClaimedDelivery d) {
        Optional<String> secret = config.notices().unitWebhookSecret();
        Optional<String> unsignable = unsignable(secret);
        if (unsignable.isPresent()) {
            return Outcome.drop(unsignable.get());
        }
        String refusal = subscriptions.refusal(d.address());
        if (refusal != null) {
            return Outcome.drop("unit webhook refused: it " + refusal);
        }
        return post(d.address(), List.of(secret.get()), d);
    }

    /** Why units' webhooks cannot be signed with the configured secret; empty when they can. */
    static Optional<String> unsignable(Optional<String> secret) {
        if (secret.isEmpty()) {
            return Optional.of("no unit-webhook secret configured (grid.notices.unit-webhook-secret)");
        }
        return WebhookSecrets.wellFormed(secret.get()) ? Optional.empty()
                : Optional.of("the unit-webhook secret is not a whsec_ value");
    }

    private Outcome post(String url, List<String> secrets, ClaimedDelivery d) {
        String id = d.eventId().toString();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.webhooks().timeout())
                .header("Content-Type", CONTENT_TYPE).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSecrets.signatures(secrets, id, timestamp, d.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
        try {
            int status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return Outcome.sent(status);
            }
            return Outcome.retry(status, status / 100 == 3 ? "redirect not followed" : "receiver answered " + status);
        } catch (HttpTimeoutException e) {
            return Outcome.retry(null, "timed out after " + config.webhooks().timeout().toSeconds() + " s");
        } catch (IOException e) {
            return Outcome.retry(null, "receiver unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted");
        }
    }

    @Override
    public void gaveUp(ClaimedDelivery d) {
        if (d.subscriptionId() != null) {
            subscriptions.disable(d.subscriptionId());
        }
    }

    /** One client, redirects never followed, built on first use with the configured timeout. */
    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }
}
