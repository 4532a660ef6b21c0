package dev.intake.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Names this server instance in leases and per-chunk data, so it is clear which instance did what. */
@ApplicationScoped
public class WorkerIdentity {

    private final String name = "worker " + ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String name() {
        return name;
    }
}
