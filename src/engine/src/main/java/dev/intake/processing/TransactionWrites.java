package dev.intake.processing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.hibernate.engine.spi.ActionQueue;
import org.hibernate.engine.spi.SessionImplementor;

/** Reads the {@link WriteState} of the current transaction, from JTA and Hibernate's action queue. */
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

    private int queuedWrites() {
        ActionQueue queue = entityManager.unwrap(SessionImplementor.class).getActionQueue();
        return queue.numberOfInsertions() + queue.numberOfUpdates() + queue.numberOfDeletions()
                + queue.numberOfCollectionCreations() + queue.numberOfCollectionUpdates()
                + queue.numberOfCollectionRemovals();
    }
}
