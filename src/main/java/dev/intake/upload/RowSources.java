package dev.intake.upload;

import java.io.InputStream;

import dev.intake.file.FileFormat;
import dev.intake.file.ReadLimits;
import dev.intake.file.RowSource;
import dev.intake.file.csv.CsvRowSource;

/** Opens the {@link RowSource} that reads a file of a given format. */
final class RowSources {

    private RowSources() {
    }

    static RowSource open(FileFormat format, InputStream in, ReadLimits limits) {
        return switch (format) {
            case CSV -> new CsvRowSource(in, limits);
        };
    }
}
