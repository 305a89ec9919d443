package org.civicsafety.cases.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.standardwebhooks.Webhook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Units' webhooks are signed as Standard Webhooks receivers verify them, and never sent without a usable secret. */
class UnitWebhooksTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void theSignatureIsTheOneTheReferenceLibraryVerifies() throws Exception {
        long now = java.time.Instant.now().getEpochSecond();
        String body = "{\"specversion\":\"1.0\",\"id\":\"n-1\"}";
        new Webhook(SECRET).verify(body, Map.of("webhook-id", List.of("n-1"), "webhook-timestamp",
                List.of(Long.toString(now)), "webhook-signature",
                List.of(UnitWebhooks.sign(SECRET, "n-1", now, body))));
    }

    @Test
    void aUnitWebhookNeedsAWellFormedSecret() {
        assertEquals(Optional.of("no unit-webhook secret configured (cases.notices.unit-webhook-secret)"),
                UnitWebhooks.unsignable(Optional.empty()));
        assertEquals(Optional.of("the unit-webhook secret is not a whsec_ value"),
                UnitWebhooks.unsignable(Optional.of("s3cret")));
        assertEquals(Optional.of("the unit-webhook secret is not a whsec_ value"),
                UnitWebhooks.unsignable(Optional.of("whsec_not base64!")));
        assertEquals(Optional.empty(), UnitWebhooks.unsignable(Optional.of(SECRET)));
    }
}
