package dev.intake.processing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.intake.file.FileFormat;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.RowSource;
import dev.intake.file.csv.CsvRowSource;
import dev.intake.file.ndjson.NdjsonRowSource;
import dev.intake.file.xlsx.XlsxRowSource;
import dev.intake.template.ImportTemplate;

/** Opens the {@link RowSource} that reads a local copy of a file of a given format. */
public final class RowSources {

    private static final int BUFFER = 64 * 1024;

    private RowSources() {
    }

    public static RowSource open(FileFormat format, Path file, ReadLimits limits, ReadOptions options,
            ImportTemplate template) throws IOException {
        return switch (format) {
            case CSV -> new CsvRowSource(new BufferedInputStream(Files.newInputStream(file), BUFFER), limits, options);
            case NDJSON -> new NdjsonRowSource(new BufferedInputStream(Files.newInputStream(file), BUFFER), limits,
                    template.columns());
            case XLSX -> new XlsxRowSource(file, limits, options.sheet());
        };
    }
}
