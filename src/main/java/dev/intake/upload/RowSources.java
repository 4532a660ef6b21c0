package dev.intake.upload;

import java.io.InputStream;

import dev.intake.file.FileFormat;
import dev.intake.file.ReadLimits;
import dev.intake.file.ReadOptions;
import dev.intake.file.RowSource;
import dev.intake.file.UnreadableFileException;
import dev.intake.file.csv.CsvRowSource;
import dev.intake.file.ndjson.NdjsonRowSource;
import dev.intake.template.ImportTemplate;

/** Opens the {@link RowSource} that reads a file of a given format. */
final class RowSources {

    private RowSources() {
    }

    static RowSource open(FileFormat format, InputStream in, ReadLimits limits, ReadOptions options,
            ImportTemplate template) {
        return switch (format) {
            case CSV -> new CsvRowSource(in, limits, options);
            case NDJSON -> new NdjsonRowSource(in, limits, template.columns());
            case XLSX -> throw new UnreadableFileException("Excel workbooks are not read yet; save the sheet as "
                    + "\"CSV UTF-8\" and upload that");
        };
    }
}
