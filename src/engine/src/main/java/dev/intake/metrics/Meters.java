package dev.intake.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where the engine's measurements go: Micrometer's global registry when Micrometer is on the class path, or nowhere.
 * The engine never needs Micrometer: a host without it gets {@link #NONE}, and no Micrometer class is loaded.
 */
interface Meters {

    /** Adds to a counter. */
    void count(Metric metric, double amount, String... tags);

    /** Records a duration in a timer. */
    void time(Metric metric, Duration duration, String... tags);

    /** Records a value in a distribution summary. */
    void record(Metric metric, double value, String... tags);

    /** Registers a gauge that reads its value when scraped; registering it again is a no-op. */
    void gauge(Metric metric, Supplier<Number> value, String... tags);

    /** Whether measurements go anywhere; callers skip the work of preparing them when not. */
    boolean recording();

    Meters NONE = new Meters() {
        @Override
        public void count(Metric metric, double amount, String... tags) {
        }

        @Override
        public void time(Metric metric, Duration duration, String... tags) {
        }

        @Override
        public void record(Metric metric, double value, String... tags) {
        }

        @Override
        public void gauge(Metric metric, Supplier<Number> value, String... tags) {
        }

        @Override
        public boolean recording() {
            return false;
        }
    };

    /** Micrometer's global registry (which Quarkus's Micrometer extension fills) when Micrometer is present. */
    static Meters find() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, Meters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return new MicrometerMeters();
    }
}
