package dev.intake.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

/**
 * CPU time used so far by the server JVMs and by PostgreSQL's processes, all started by the benchmark. Wall-clock
 * rates on a shared two-core machine move by a tenth or more between runs; the CPU a row costs moves much less,
 * so it is what to compare when a change is measured. PostgreSQL's figure counts the postmaster and its live children: the
 * servers' pooled connections and the background writers, which live through the import.
 */
record CpuClock(Duration servers, Duration postgres) {

    static CpuClock read(List<Long> serverPids, ProcessHandle postmaster) {
        Duration servers = Duration.ZERO;
        for (long pid : serverPids) {
            servers = servers.plus(ProcessHandle.of(pid).map(CpuClock::cpu).orElse(Duration.ZERO));
        }
        Duration postgres = cpu(postmaster);
        for (ProcessHandle process : postmaster.descendants().toList()) {
            postgres = postgres.plus(cpu(process));
        }
        return new CpuClock(servers, postgres);
    }

    /** The postmaster: the parent of the backend serving {@code database}'s connection. */
    static ProcessHandle postmaster(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection();
                ResultSet backend = connection.createStatement().executeQuery("select pg_backend_pid()")) {
            backend.next();
            long pid = backend.getLong(1);
            return ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("No parent process for PostgreSQL backend " + pid));
        }
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Microseconds of CPU per row between {@code start} and this reading, servers then PostgreSQL. */
    double[] microsPerRow(CpuClock start, long rows) {
        return new double[] { servers.minus(start.servers).toNanos() / 1e3 / rows,
                postgres.minus(start.postgres).toNanos() / 1e3 / rows };
    }

    /** The CPU used so far by two processes, such as a sender and its target. */
    record Pair(Duration first, Duration second) {

        /** Microseconds of CPU per row of each since {@code start}. */
        double[] perRow(Pair start, long rows) {
            return new double[] { first.minus(start.first).toNanos() / 1e3 / rows,
                    second.minus(start.second).toNanos() / 1e3 / rows };
        }
    }
}
