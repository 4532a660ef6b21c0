package dev.intake.processing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.hibernate.engine.spi.ActionQueue;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * The writes of the current transaction, in-process: its {@link WriteState}, from JTA and Hibernate's action queue,
 * and the flush that sends what Hibernate holds before the transaction's outcomes are written.
 */
@ApplicationScoped
class TransactionWrites {

    @Inject
    TransactionManager transactions;

    @Inject
    EntityManager entityManager;

    WriteState now() {
        boolean active;
        try {
            active = transactions.getStatus() == Status.STATUS_ACTIVE;
        } catch (SystemException e) {
            active = false;
        }
        return new WriteState(active, queuedWrites());
    }

    /**
     * Sends every write Hibernate holds, so that a failing one fails here rather than at commit, and forgets the
     * records it loaded: the commit need not check every record the chunk held once more.
     */
    void flushAndClear() {
        entityManager.flush();
        entityManager.clear();
    }

    private int queuedWrites() {
        ActionQueue queue = entityManager.unwrap(SessionImplementor.class).getActionQueue();
        return queue.numberOfInsertions() + queue.numberOfUpdates() + queue.numberOfDeletions()
                + queue.numberOfCollectionCreations() + queue.numberOfCollectionUpdates()
                + queue.numberOfCollectionRemovals();
    }
}
