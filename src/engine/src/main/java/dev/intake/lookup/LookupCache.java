package dev.intake.lookup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What lookups resolved in the current transaction, by target, organisation and value: a thousand rows of one chunk
 * naming the same record cost one query, and a rolled-back transaction takes its answers with it. Outside a
 * transaction nothing is kept.
 */
@ApplicationScoped
class LookupCache {

    private static final String RESOURCE = LookupCache.class.getName();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The current transaction's answers; empty outside a transaction. */
    Optional<LookupAnswers> current() {
        if (transactions.getTransactionKey() == null) {
            return Optional.empty();
        }
        LookupAnswers answers = (LookupAnswers) transactions.getResource(RESOURCE);
        if (answers == null) {
            answers = new LookupAnswers(new HashMap<>());
            transactions.putResource(RESOURCE, answers);
        }
        return Optional.of(answers);
    }

    /**
     * One transaction's answers. Besides a record's ID, a value may be known to match no record: a row naming it then
     * skips the query by field, unless the transaction holds records of the type, one of which may have been created
     * or renamed to it since.
     */
    record LookupAnswers(Map<String, Long> ids) {

        /** Cached for a value the prefetch found no record for. */
        private static final long ABSENT = Long.MIN_VALUE;

        /** The record's ID, when known. */
        Optional<Long> id(LookupTarget<?> target, String organisation, String value) {
            Long id = ids.get(key(target, organisation, value));
            return id == null || id == ABSENT ? Optional.empty() : Optional.of(id);
        }

        /** Whether the value was found to match no record when the transaction's rows began. */
        boolean knownAbsent(LookupTarget<?> target, String organisation, String value) {
            Long id = ids.get(key(target, organisation, value));
            return id != null && id == ABSENT;
        }

        void found(LookupTarget<?> target, String organisation, String value, long id) {
            ids.put(key(target, organisation, value), id);
        }

        void absent(LookupTarget<?> target, String organisation, String value) {
            ids.put(key(target, organisation, value), ABSENT);
        }

        private static String key(LookupTarget<?> target, String organisation, String value) {
            return target.plural() + '\u0000' + organisation + '\u0000' + value;
        }
    }
}
