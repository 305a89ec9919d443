package org.civicsafety.assessment.survey;

import jakarta.validation.constraints.Pattern;
import org.civicsafety.assessment.indicator.Indicator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SurveyRequestTest {
    /** An annotation needs a constant, so the accepted ids are written out: they must be the table's survey indicators. */
    @Test
    void acceptsExactlyTheSurveyIndicators() throws NoSuchFieldException {
        Pattern p = SurveyResource.SurveyRequest.class.getDeclaredField("indicator").getAnnotation(Pattern.class);
        assertEquals(String.join("|", Indicator.ofKind(Indicator.Kind.SURVEY).stream().map(Indicator::id).toList()),
                p.regexp());
    }
}
