package dev.intake.db;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import io.quarkus.narayana.jta.QuarkusTransactionException;

/**
 * Runs work in a JTA transaction of its own, which the work's answer commits or rolls back: rolling back is an answer
 * of the work, not an exception it throws. A failure the work throws rolls the transaction back and is thrown on.
 */
@ApplicationScoped
public class NewTransaction {

    @Inject
    TransactionManager transactions;

    /** What the work came to, and whether its transaction commits. */
    public record Ending<T>(T value, boolean commit) {

        public static <T> Ending<T> commit(T value) {
            return new Ending<>(value, true);
        }

        public static <T> Ending<T> rollBack(T value) {
            return new Ending<>(value, false);
        }
    }

    public <T> T run(Supplier<Ending<T>> work) {
        Transaction outer = suspend();
        try {
            transactions.begin();
            Ending<T> ending;
            try {
                ending = work.get();
            } catch (RuntimeException | Error e) {
                rollBackAfter(e);
                throw e;
            }
            if (ending.commit()) {
                transactions.commit();
            } else {
                transactions.rollback();
            }
            return ending.value();
        } catch (NotSupportedException | SystemException | RollbackException | HeuristicMixedException
                | HeuristicRollbackException e) {
            throw new QuarkusTransactionException(e);
        } finally {
            resume(outer);
        }
    }

    private Transaction suspend() {
        try {
            return transactions.getTransaction() == null ? null : transactions.suspend();
        } catch (SystemException e) {
            throw new QuarkusTransactionException(e);
        }
    }

    private void resume(Transaction outer) {
        if (outer == null) {
            return;
        }
        try {
            transactions.resume(outer);
        } catch (Exception e) {
            throw new QuarkusTransactionException(e);
        }
    }

    private void rollBackAfter(Throwable failure) {
        try {
            transactions.rollback();
        } catch (SystemException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
