package dev.intake.sample.hibernate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.StaleStateException;
import org.hibernate.engine.jdbc.batch.internal.BatchImpl;
import org.hibernate.engine.jdbc.batch.spi.Batch;
import org.hibernate.engine.jdbc.batch.spi.BatchKey;
import org.hibernate.engine.jdbc.batch.spi.BatchObserver;
import org.hibernate.engine.jdbc.mutation.JdbcValueBindings;
import org.hibernate.engine.jdbc.mutation.TableInclusionChecker;
import org.hibernate.engine.jdbc.mutation.group.PreparedStatementDetails;
import org.hibernate.engine.jdbc.mutation.group.PreparedStatementGroup;
import org.hibernate.engine.jdbc.mutation.spi.Binding;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.sql.model.TableMapping;

/**
 * A batch of Hibernate's updates by key that reaches PostgreSQL as one statement: the rows' values go as one array
 * per column, and the statement joins them to the table ({@link UpdateShape}).
 * <p>
 * PostgreSQL runs a batch of single-row updates one statement at a time, each with its own start and end; the
 * join updates the same rows for about half the cost. Everything else stays Hibernate's: its binders turn each
 * value into what it sends ({@link CapturedParameters}), each row's count is checked with its expectation and a
 * missing row fails as stale with the entity's own message, and a failing statement is converted as Hibernate
 * converts a failing batch. A row with a value whose text is not certain, and every row after it in the batch, go
 * through Hibernate's own batch. Two rows for the same key end the batch between them, so that they are applied in
 * turn.
 */
final class ArrayUpdateBatch implements Batch {

    private final BatchKey key;
    private final int size;
    private final PreparedStatementGroup statements;
    private final PreparedStatementDetails details;
    private final JdbcCoordinator coordinator;
    private final SharedSessionContractImplementor session;
    private final UpdateShape shape;
    private final CapturedParameters captured;
    private final Set<BatchObserver> observers = new LinkedHashSet<>();
    private final StringBuilder[] arrays;
    private final List<String> keys = new ArrayList<>();
    private final Set<String> rowsByKey = new HashSet<>();
    private final List<StaleStateMapper> staleStateMappers = new ArrayList<>();
    /** Hibernate's batch, for the rows from the first that could not be captured; null until then. */
    private Batch hibernates;

    ArrayUpdateBatch(BatchKey key, int size, PreparedStatementGroup statements, JdbcCoordinator coordinator,
            UpdateShape shape) {
        this.key = key;
        this.size = size;
        this.statements = statements;
        this.details = statements.getSingleStatementDetails();
        this.coordinator = coordinator;
        this.session = (SharedSessionContractImplementor) coordinator.getJdbcSessionOwner();
        this.shape = shape;
        this.captured = new CapturedParameters(shape.parameterCount());
        this.arrays = new StringBuilder[shape.parameterCount()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new StringBuilder("{");
        }
    }

    @Override
    public BatchKey getKey() {
        return key;
    }

    @Override
    public void addObserver(BatchObserver observer) {
        observers.add(observer);
        if (hibernates != null) {
            hibernates.addObserver(observer);
        }
    }

    @Override
    public PreparedStatementGroup getStatementGroup() {
        return statements;
    }

    @Override
    public void addToBatch(JdbcValueBindings bindings, TableInclusionChecker inclusionChecker) {
        addToBatch(bindings, inclusionChecker, null);
    }

    @Override
    public void addToBatch(JdbcValueBindings bindings, TableInclusionChecker inclusionChecker,
            StaleStateMapper staleStateMapper) {
        if (hibernates != null) {
            hibernates.addToBatch(bindings, inclusionChecker, staleStateMapper);
            return;
        }
        TableMapping table = details.getMutatingTableDetails();
        if (inclusionChecker != null && !inclusionChecker.include(table)) {
            return;
        }
        if (!capture(bindings, table)) {
            runCaptured();
            hibernates = new BatchImpl(key, statements, size, coordinator);
            observers.forEach(hibernates::addObserver);
            hibernates.addToBatch(bindings, inclusionChecker, staleStateMapper);
            return;
        }
        String rowKey = rowKey();
        if (!rowsByKey.add(rowKey)) {
            observers.forEach(BatchObserver::batchImplicitlyExecuted);
            runCaptured();
            rowsByKey.add(rowKey);
        }
        for (int i = 0; i < arrays.length; i++) {
            appendElement(arrays[i], captured.text(i + 1));
        }
        keys.add(captured.text(shape.setColumns().size() + 1));
        staleStateMappers.add(staleStateMapper);
        bindings.afterStatement(table);
        if (keys.size() == size) {
            observers.forEach(BatchObserver::batchImplicitlyExecuted);
            runCaptured();
        }
    }

    @Override
    public void execute() {
        observers.forEach(BatchObserver::batchExplicitlyExecuted);
        if (hibernates != null) {
            Batch rest = hibernates;
            hibernates = null;
            rest.execute();
            return;
        }
        try {
            runCaptured();
        } finally {
            statements.release();
        }
    }

    @Override
    public void release() {
        clear();
        if (hibernates != null) {
            Batch rest = hibernates;
            hibernates = null;
            rest.release();
        } else {
            statements.release();
        }
    }

    /** Binds the row's values with Hibernate's binders, kept as text; false when one of them cannot be. */
    private boolean capture(JdbcValueBindings bindings, TableMapping table) {
        captured.clear();
        try {
            for (Binding binding : bindings.getBindingGroup(table.getTableName()).getBindings()) {
                binding.getValueBinder().bind(captured.statement(), binding.getValue(), binding.getPosition(), session);
            }
        } catch (CapturedParameters.Unsupported e) {
            return false;
        } catch (SQLException e) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "Could not bind an update's values",
                    details.getSqlString());
        }
        return !captured.unsupported();
    }

    private String rowKey() {
        StringBuilder rowKey = new StringBuilder();
        for (int i = shape.setColumns().size() + 1; i <= shape.parameterCount(); i++) {
            rowKey.append(captured.text(i)).append('\u0000');
        }
        return rowKey.toString();
    }

    /** Sends the captured rows as one statement and checks that each found its row. */
    private void runCaptured() {
        if (keys.isEmpty()) {
            return;
        }
        String sql = shape.sql();
        session.getJdbcServices().getSqlStatementLogger().logStatement(sql);
        // Not the coordinator's statement preparer, which would first execute the batch under way: this one.
        PreparedStatement statement = coordinator.getMutationStatementPreparer().prepareStatement(sql, false);
        try {
            for (int i = 0; i < arrays.length; i++) {
                statement.setObject(i + 1, arrays[i].append('}').toString(), Types.OTHER);
            }
            Set<String> found = new HashSet<>();
            try (ResultSet rows = coordinator.getResultSetReturn().extract(statement, sql)) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            for (int row = 0; row < keys.size(); row++) {
                verify(found.contains(keys.get(row)) ? 1 : 0, row, statement, sql);
            }
        } catch (SQLException e) {
            coordinator.abortBatch();
            throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "could not execute batch", sql);
        } catch (RuntimeException e) {
            coordinator.abortBatch();
            throw e;
        } finally {
            coordinator.getLogicalConnection().getResourceRegistry().release(statement);
            coordinator.afterStatementExecution();
            clear();
        }
    }

    private void verify(int rowCount, int row, PreparedStatement statement, String sql) throws SQLException {
        try {
            details.getExpectation().verifyOutcome(rowCount, statement, row, sql);
        } catch (StaleStateException e) {
            StaleStateMapper mapper = staleStateMappers.get(row);
            throw mapper == null ? e : mapper.map(e);
        }
    }

    private void clear() {
        for (StringBuilder array : arrays) {
            array.setLength(0);
            array.append('{');
        }
        keys.clear();
        rowsByKey.clear();
        staleStateMappers.clear();
    }

    /** Appends one element to an array literal: quoted, with quotes and backslashes escaped, or NULL. */
    static void appendElement(StringBuilder array, String value) {
        if (array.length() > 1) {
            array.append(',');
        }
        if (value == null) {
            array.append("NULL");
            return;
        }
        array.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                array.append('\\');
            }
            array.append(c);
        }
        array.append('"');
    }
}
