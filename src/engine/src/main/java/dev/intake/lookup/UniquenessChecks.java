package dev.intake.lookup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Whether a mutation should query for a duplicate before it writes. A single API call should: the query gives
 * the caller a precise message. Inside a larger transaction, such as an import chunk, it should not: the query
 * would flush every pending write of the chunk and defeat batching, and the database's unique index catches
 * the duplicate at flush anyway, where the import engine pins it on the row and explains it with the domain's
 * {@link dev.intake.error.ConstraintMessages}.
 */
@ApplicationScoped
public class UniquenessChecks {

    @Inject
    TransactionSynchronizationRegistry transactions;

    public boolean beforeWriting() {
        return transactions.getTransactionKey() == null;
    }
}
