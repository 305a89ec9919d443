package org.civicsafety.assessment.common;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One invalid field as code raises it: the field, a message key and its arguments. The text lives in the bundle
 * {@code messages/fields} (en) / {@code fields_zh_CN} (zh-CN) and is rendered with {@link MessageFormat} in the
 * caller's language ({@link ProblemType#locale}) when the problem is written as {@code errors[].message}.
 */
public record FieldMessage(String field, Key key, List<Object> args) {

    /** The keys of the bundle; FieldMessagesTest checks that both languages have every one. */
    public enum Key {
        REQUIRED("required"),
        INVALID("invalid"),
        MALFORMED_JSON("malformed-json"),
        ONE_OF("one-of"),
        RANGE("range"),
        NUMBER_RANGE("number-range"),
        MIN_ZERO("min-zero"),
        NOT_AN_INTEGER("not-an-integer"),
        NOT_A_UUID("not-a-uuid"),
        NOT_A_DATE("not-a-date"),
        NOT_A_CURSOR("not-a-cursor"),
        NOT_A_PERIOD("not-a-period"),
        NOT_AN_AREA_CODE("not-an-area-code"),
        UNKNOWN_AREA("unknown-area"),
        WRONG_TYPE_NUMBER("wrong-type.number"),
        WRONG_TYPE_BOOLEAN("wrong-type.boolean"),
        WRONG_TYPE_STRING("wrong-type.string"),
        WRONG_TYPE_ARRAY("wrong-type.array"),
        WRONG_TYPE_UUID("wrong-type.uuid"),
        WRONG_TYPE_OBJECT("wrong-type.object"),
        IDEMPOTENCY_KEY_LENGTH("idempotency-key.length"),
        IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
        SURVEY_PERIOD("survey.period"),
        SURVEY_INDICATOR("survey.indicator"),
        RISK_LIKELIHOOD_RANGE("risk.likelihood-range"),
        RISK_NOT_A_FACTOR("risk.not-a-factor"),
        MODEL_UPPER_ABOVE_LOWER("model.upper-above-lower"),
        MODEL_UNKNOWN_INDICATOR("model.unknown-indicator"),
        MODEL_WEIGHTS_POSITIVE("model.weights-positive"),
        MODEL_I1_ORDER("model.i1-order"),
        MODEL_GRADES_ORDER("model.grades-order"),
        MODEL_YELLOW_CARD("model.yellow-card"),
        MODEL_TREND("model.trend");

        private final String key;

        Key(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The key a Bean Validation message template names ({@code "{survey.period}"}), or null. */
        public static Key ofTemplate(String template) {
            if (template == null || !template.startsWith("{") || !template.endsWith("}"))
                return null;
            String k = template.substring(1, template.length() - 1);
            for (Key key : values())
                if (key.key.equals(k))
                    return key;
            return null;
        }
    }

    static final String BUNDLE = "messages.fields";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public static FieldMessage of(String field, Key key, Object... args) {
        return new FieldMessage(field, key, List.of(args));
    }

    /** The message in a language. */
    public String text(Locale locale) {
        return text(key, locale, args.toArray());
    }

    public static String text(Key key, Locale locale, Object... args) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key.key());
        return new MessageFormat(pattern, locale).format(args);
    }

    /** The wire form in a language. */
    public Problem.FieldError render(Locale locale) {
        return new Problem.FieldError(field, text(locale));
    }
}
