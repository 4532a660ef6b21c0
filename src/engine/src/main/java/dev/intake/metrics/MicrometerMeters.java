package dev.intake.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/** The engine's measurements in Micrometer's global registry; loaded only when Micrometer is on the class path. */
final class MicrometerMeters implements Meters {

    private final MeterRegistry registry = Metrics.globalRegistry;

    @Override
    public void count(Metric metric, double amount, String... tags) {
        Counter.builder(metric.metricName()).description(metric.description()).baseUnit(metric.unit()).tags(metric.tagged(tags))
                .register(registry).increment(amount);
    }

    @Override
    public void time(Metric metric, Duration duration, String... tags) {
        Timer.builder(metric.metricName()).description(metric.description()).tags(metric.tagged(tags)).register(registry).record(duration);
    }

    @Override
    public void record(Metric metric, double value, String... tags) {
        DistributionSummary.builder(metric.metricName()).description(metric.description()).baseUnit(metric.unit())
                .tags(metric.tagged(tags)).register(registry).record(value);
    }

    @Override
    public void gauge(Metric metric, Supplier<Number> value, String... tags) {
        Gauge.builder(metric.metricName(), value).description(metric.description()).baseUnit(metric.unit()).tags(metric.tagged(tags))
                .strongReference(true).register(registry);
    }

    @Override
    public boolean recording() {
        return true;
    }
}
