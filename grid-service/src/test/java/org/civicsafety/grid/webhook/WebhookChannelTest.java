package org.civicsafety.grid.webhook;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Units' webhooks are only sent signed: without a well-formed secret (production not configured) they are dropped. */
class WebhookChannelTest {
    @Test
    void aUnitWebhookNeedsAWellFormedSecret() {
        assertEquals(Optional.of("no unit-webhook secret configured (grid.notices.unit-webhook-secret)"),
                WebhookChannel.unsignable(Optional.empty()));
        assertEquals(Optional.of("the unit-webhook secret is not a whsec_ value"),
                WebhookChannel.unsignable(Optional.of("s3cret")));
        assertEquals(Optional.of("the unit-webhook secret is not a whsec_ value"),
                WebhookChannel.unsignable(Optional.of("whsec_not base64!")));
        assertEquals(Optional.empty(), WebhookChannel.unsignable(Optional.of(WebhookSecrets.generate())));
    }
}
