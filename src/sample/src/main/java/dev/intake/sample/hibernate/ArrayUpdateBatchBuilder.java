package dev.intake.sample.hibernate;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.batch.internal.BatchImpl;
import org.hibernate.engine.jdbc.batch.spi.Batch;
import org.hibernate.engine.jdbc.batch.spi.BatchBuilder;
import org.hibernate.engine.jdbc.batch.spi.BatchKey;
import org.hibernate.engine.jdbc.mutation.group.PreparedStatementDetails;
import org.hibernate.engine.jdbc.mutation.group.PreparedStatementGroup;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.internal.util.config.ConfigurationHelper;
import org.hibernate.service.spi.Configurable;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.SmallRyeConfig;

/**
 * Hibernate's batches, but for updates by key of one table, which go to PostgreSQL as one statement per batch
 * ({@link ArrayUpdateBatch}). Named by {@code hibernate.jdbc.batch.builder}; Hibernate makes it with its public
 * constructor. What each update statement allows is worked out once, from its SQL and the table's column types.
 * {@code intake.sample.array-updates=false} turns it off: every batch is then Hibernate's own.
 */
@RegisterForReflection
public final class ArrayUpdateBatchBuilder implements BatchBuilder, Configurable {

    /** By statement: the same for every session, as the schema does not change while the server runs. */
    private static final Map<String, Optional<UpdateShape>> SHAPES = new ConcurrentHashMap<>();
    private volatile int configuredSize = 1;
    private volatile boolean enabled = true;

    @Override
    public void configure(Map<String, Object> settings) {
        configuredSize = ConfigurationHelper.getInt(AvailableSettings.STATEMENT_BATCH_SIZE, settings, 1);
        enabled = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(SampleConfig.class)
                .arrayUpdates();
    }

    @Override
    public Batch buildBatch(BatchKey key, Integer size, Supplier<PreparedStatementGroup> statementGroup,
            JdbcCoordinator coordinator) {
        int batchSize = size == null ? configuredSize : size;
        PreparedStatementGroup statements = statementGroup.get();
        Optional<UpdateShape> shape = enabled && batchSize > 1 ? shapeOf(statements, coordinator) : Optional.empty();
        if (shape.isPresent()) {
            return new ArrayUpdateBatch(key, batchSize, statements, coordinator, shape.get());
        }
        return new BatchImpl(key, statements, batchSize, coordinator);
    }

    private Optional<UpdateShape> shapeOf(PreparedStatementGroup statements, JdbcCoordinator coordinator) {
        if (statements.getNumberOfStatements() != 1) {
            return Optional.empty();
        }
        PreparedStatementDetails details = statements.getSingleStatementDetails();
        if (details.isCallable()) {
            return Optional.empty();
        }
        String sql = details.getSqlString();
        Optional<UpdateShape> known = SHAPES.get(sql);
        if (known != null) {
            return known;
        }
        Optional<UpdateShape.Parsed> parsed = UpdateShape.parse(sql);
        Optional<UpdateShape> shape = Optional.empty();
        if (parsed.isPresent()) {
            try {
                shape = parsed.get().withTypes(parsed.get()
                        .readColumnTypes(coordinator.getLogicalConnection().getPhysicalConnection()));
            } catch (SQLException e) {
                throw ((SharedSessionContractImplementor) coordinator.getJdbcSessionOwner()).getJdbcServices()
                        .getSqlExceptionHelper().convert(e, "Could not read the column types of an updated table", sql);
            }
        }
        SHAPES.put(sql, shape);
        return shape;
    }
}
