package dev.intake.graphql;

import java.util.function.IntConsumer;

import dev.intake.template.RowOperation;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;

/**
 * Tells the import engine when each row of a several-row operation starts to run: SmallRye GraphQL calls it before
 * every data fetch, on the thread that runs the operation, and it passes the row of a top-level mutation field to
 * the listener the engine set for that thread. The engine judges from it what each row left behind.
 * <p>
 * Registered with {@link java.util.ServiceLoader} ({@code META-INF/services}), as SmallRye GraphQL finds its
 * eventing services; on any thread without a listener it does nothing.
 */
public final class RowStarts implements EventingService {

    private static final ThreadLocal<IntConsumer> LISTENER = new ThreadLocal<>();

    /** Runs the work with the listener told of every row that starts on this thread meanwhile. */
    public static void listening(IntConsumer listener, Runnable work) {
        LISTENER.set(listener);
        try {
            work.run();
        } finally {
            LISTENER.remove();
        }
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void beforeDataFetch(Context context) {
        IntConsumer listener = LISTENER.get();
        if (listener != null) {
            int row = RowOperation.rowOf(context.getPath());
            if (row >= 0) {
                listener.accept(row);
            }
        }
    }
}
