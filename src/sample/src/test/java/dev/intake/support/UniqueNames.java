package dev.intake.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Names and emails no other test uses, so tests share one database without cleaning it. */
public final class UniqueNames {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private UniqueNames() {
    }

    public static String of(String base) {
        return base + " " + RUN + "-" + NEXT.incrementAndGet();
    }

    public static String email(String local) {
        return local + "." + RUN + "-" + NEXT.incrementAndGet() + "@example.com";
    }
}
