package dev.intake.customfield;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.intake.error.InvalidValueException;
import dev.intake.file.Values;

/**
 * Checks custom-field values against their definitions and turns them into what is stored: numbers as numbers,
 * dates as ISO dates, booleans as booleans, Fixed values in their defined spelling.
 */
public final class CustomFieldValues {

    /** Where custom fields sit in a mutation's input, for error messages. */
    public static final String PATH = "input/customFields/";

    private CustomFieldValues() {
    }

    /**
     * The stored values. When {@code creating}, every required field must be given; otherwise a field left out
     * keeps its value.
     */
    public static Map<String, Object> validate(List<CustomFieldDefinition> definitions, Map<String, String> given,
            boolean creating) {
        Map<String, Object> stored = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            CustomFieldDefinition definition = find(definitions, entry.getKey()).orElseThrow(() -> new InvalidValueException(
                    PATH + entry.getKey(), "There is no custom field named '" + Values.shorten(entry.getKey()) + "'"));
            stored.put(definition.name(), value(definition, entry.getValue()));
        }
        if (creating) {
            for (CustomFieldDefinition definition : definitions) {
                if (definition.required() && !stored.containsKey(definition.name())) {
                    throw new InvalidValueException(PATH + definition.name(), "a value is required");
                }
            }
        }
        return stored;
    }

    /** The value of one custom field, typed; throws {@link InvalidValueException} saying what was expected. */
    public static Object value(CustomFieldDefinition definition, String raw) {
        String value = raw == null ? "" : raw.strip();
        String field = PATH + definition.name();
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "a value is required");
        }
        try {
            return switch (definition.type()) {
                case TEXT -> value;
                case NUMBER -> new BigDecimal(value);
                case DATE -> LocalDate.parse(value).toString();
                case BOOLEAN -> bool(value);
                case FIXED -> fixed(definition, value);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidValueException(field, "'" + Values.shorten(value) + "' is not valid; expected "
                    + expectation(definition));
        }
    }

    /** What a value of the field looks like, for messages. */
    public static String expectation(CustomFieldDefinition definition) {
        return switch (definition.type()) {
            case TEXT -> "text";
            case NUMBER -> "a number such as 42 or 9.99";
            case DATE -> "a date such as 2025-11-04";
            case BOOLEAN -> "true or false";
            case FIXED -> "one of " + String.join(", ", definition.allowedValues());
        };
    }

    private static Optional<CustomFieldDefinition> find(List<CustomFieldDefinition> definitions, String name) {
        return definitions.stream().filter(definition -> definition.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new NumberFormatException(value);
        };
    }

    private static String fixed(CustomFieldDefinition definition, String value) {
        return definition.allowedValues().stream().filter(allowed -> allowed.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new NumberFormatException(value));
    }
}
