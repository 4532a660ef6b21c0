package dev.intake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap of the server processes, read from their GC logs ({@code -Xlog:gc}): the largest heap occupancy
 * any collection started from. Reading logs costs the measured processes nothing.
 */
final class HeapSampler {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private HeapSampler() {
    }

    /** The JVM option that writes the GC log the sampler reads. */
    static String option(Path log) {
        return "-Xlog:gc:file=" + log;
    }

    static long peakMiB(List<Path> logs) throws IOException {
        long peak = 0;
        for (Path log : logs) {
            if (!Files.exists(log)) {
                continue;
            }
            for (String line : Files.readAllLines(log)) {
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    peak = Math.max(peak, Long.parseLong(pause.group(1)));
                }
            }
        }
        return peak;
    }
}
