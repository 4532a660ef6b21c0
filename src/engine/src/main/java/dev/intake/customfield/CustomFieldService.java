package dev.intake.customfield;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.intake.error.InvalidValueException;
import dev.intake.security.Caller;

/** Validates the custom-field values of a mutation's input against the caller's organisation's definitions. */
@ApplicationScoped
public class CustomFieldService {

    @Inject
    CustomFieldStore store;

    @Inject
    Caller caller;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The values to store; when {@code creating}, required fields must be given. */
    public Map<String, Object> validated(String entity, List<CustomFieldValueInput> values, boolean creating) {
        Map<String, String> given = new LinkedHashMap<>();
        for (CustomFieldValueInput value : values == null ? List.<CustomFieldValueInput>of() : values) {
            if (given.putIfAbsent(value.name(), value.value()) != null) {
                throw new InvalidValueException(CustomFieldValues.PATH + value.name(), "is given twice");
            }
        }
        if (given.isEmpty() && !creating) {
            return Map.of();
        }
        return CustomFieldValues.validate(definitions(entity), given, creating);
    }

    /**
     * The organisation's definitions for the entity, read once per transaction: an import chunk's rows share one
     * read, and a definition added meanwhile shows from the next transaction on.
     */
    @SuppressWarnings("unchecked")
    private List<CustomFieldDefinition> definitions(String entity) {
        String organisation = caller.organisation();
        if (transactions.getTransactionKey() == null) {
            return store.list(organisation, entity);
        }
        String key = CustomFieldService.class.getName() + "/" + organisation + "/" + entity;
        List<CustomFieldDefinition> definitions = (List<CustomFieldDefinition>) transactions.getResource(key);
        if (definitions == null) {
            definitions = store.list(organisation, entity);
            transactions.putResource(key, definitions);
        }
        return definitions;
    }
}
