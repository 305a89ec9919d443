package org.civicsafety.assessment.outbox;

/**
 * Every event type the service produces: {@link Outbox#write} takes nothing else, so this list is what the event
 * contract (asyncapi.yaml) must document, and the tests hold the two to each other.
 */
public enum EventType {
    SCORE_CHANGED("org.civicsafety.score.changed.v1"),
    WARNING_RAISED("org.civicsafety.warning.raised.v1"),
    RISK_ASSESSMENT_DECIDED("org.civicsafety.risk-assessment.decided.v1");

    private final String ceType;

    EventType(String ceType) {
        this.ceType = ceType;
    }

    /** The CloudEvents type ({@code ce_type}). */
    public String ceType() {
        return ceType;
    }
}
