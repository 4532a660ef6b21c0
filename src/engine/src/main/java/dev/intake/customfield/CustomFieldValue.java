package dev.intake.customfield;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One custom field's value on a record, as GraphQL clients read it. */
@Type("IntakeCustomFieldValue")
@Description("The value of one custom field")
public record CustomFieldValue(@NonNull String name, @NonNull String value) {

    /** The stored values, by name. */
    public static List<CustomFieldValue> of(Map<String, Object> stored) {
        if (stored.isEmpty()) {
            return List.of();
        }
        return stored.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new CustomFieldValue(entry.getKey(), String.valueOf(entry.getValue()))).toList();
    }
}
