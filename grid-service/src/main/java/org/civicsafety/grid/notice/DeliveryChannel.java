package org.civicsafety.grid.notice;

/**
 * Sends deliveries of one {@link Channel}; {@link NoticeRelay} calls it outside any transaction. Implementations
 * are CDI beans (e-mail and SMS here, partner webhooks in their own package).
 */
public interface DeliveryChannel {
    Channel channel();

    /** One attempt; never throws for a failure of the receiver, which is an {@link Outcome} to retry. */
    Outcome send(ClaimedDelivery delivery);

    /** Called in the transaction that marks the delivery FAILED after 24 h of retries. */
    default void gaveUp(ClaimedDelivery delivery) {}

    /**
     * What an attempt came to. {@code statusCode} is the HTTP status (null when there was no answer), {@code error}
     * a short reason without personal data.
     */
    record Outcome(Result result, Integer statusCode, String error) {
        public enum Result {
            /** Accepted: the delivery is SENT. */
            SENT,
            /** Failed: retried by the backoff, FAILED after 24 h. */
            RETRY,
            /** Will never be sent (its subscription is gone): SUPPRESSED at once. */
            DROP
        }

        public static Outcome sent(Integer statusCode) {
            return new Outcome(Result.SENT, statusCode, null);
        }

        public static Outcome retry(Integer statusCode, String error) {
            return new Outcome(Result.RETRY, statusCode, error);
        }

        public static Outcome drop(String error) {
            return new Outcome(Result.DROP, null, error);
        }
    }
}
