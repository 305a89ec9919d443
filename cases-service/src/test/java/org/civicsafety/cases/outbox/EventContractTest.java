package org.civicsafety.cases.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.civicsafety.cases.mediation.MediationEvent;
import org.civicsafety.cases.workflow.CaseEvent;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml against the code: the same ce_types, and examples that follow their own schemas. */
class EventContractTest {

    private final EventContract contract = EventContract.cases();

    @Test
    void documentsExactlyTheEventsTheCodeCanPublish() {
        assertEquals(Stream.concat(Arrays.stream(CaseEvent.values()).map(CaseEvent::ceType),
                Arrays.stream(MediationEvent.values()).map(MediationEvent::ceType)).collect(Collectors.toSet()),
                contract.types());
    }

    @Test
    void everyMessageHasExamplesThatFollowItsSchemas() {
        for (String type : contract.types()) {
            assertFalse(contract.examples(type).isEmpty(), type + " has no example");
            for (EventContract.Example e : contract.examples(type)) {
                assertEquals(type, e.headers().get("ce_type"), type + " example " + e.name());
                contract.validate(e.headers(), e.payload().toString());
            }
        }
    }

    @Test
    void theOperationSendsEveryMessageOfTheChannel() {
        JsonNode doc = contract.document();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        assertEquals("civicsafety.cases.v1", doc.at("/channels/cases/address").asText());
        Set<String> channel = doc.at("/channels/cases/messages").propertyStream().map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> sent = doc.at("/operations/publishCases/messages").valueStream()
                .map(m -> m.path("$ref").asText().replace("#/channels/cases/messages/", ""))
                .collect(Collectors.toSet());
        assertEquals("send", doc.at("/operations/publishCases/action").asText());
        assertEquals(channel, sent);
    }

    /** The schemas have teeth: what a consumer could not rely on is refused. */
    @Test
    void eventsThatBreakTheContractAreRefused() {
        EventContract.Example answered = contract.examples(CaseEvent.ANSWERED.ceType()).getFirst();
        assertRefused(answered.headers(), answered.payload(), p -> p.remove("caseId"));
        assertRefused(answered.headers(), answered.payload(), p -> p.put("state", "FINAL"));
        assertRefused(answered.headers(), answered.payload(), p -> p.put("decision", "MAYBE"));
        assertRefused(answered.headers(), answered.payload(), p -> p.remove("onTime"));
        assertRefused(answered.headers(), answered.payload(), p -> p.put("petitionerRef", "138****5678"));
        Map<String, String> foreign = new HashMap<>(answered.headers());
        foreign.put("ce_source", "/grid-service");
        assertRefused(foreign, answered.payload(), p -> {});
        Map<String, String> untraced = new HashMap<>(answered.headers());
        untraced.remove("traceparent");
        assertRefused(untraced, answered.payload(), p -> {});
        Map<String, String> unknown = new HashMap<>(answered.headers());
        unknown.put("ce_type", "org.civicsafety.case.reopened.v1");
        assertRefused(unknown, answered.payload(), p -> {});
    }

    private void assertRefused(Map<String, String> headers, JsonNode payload,
            java.util.function.Consumer<ObjectNode> change) {
        ObjectNode changed = payload.deepCopy();
        change.accept(changed);
        AssertionError refused = assertThrows(AssertionError.class,
                () -> contract.validate(headers, changed.toString()));
        assertTrue(refused.getMessage().contains("org.civicsafety.case."), refused.getMessage());
    }
}
