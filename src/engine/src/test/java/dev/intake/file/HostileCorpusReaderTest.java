package dev.intake.file;

import static dev.intake.support.Templates.aColumn;
import static dev.intake.support.Templates.aTemplate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.intake.file.csv.CsvRowSource;
import dev.intake.report.ReportColumns;
import dev.intake.template.ImportTemplate;

/**
 * The hostile corpus (src/test/resources/hostile) read by the sniffer and the reader alone, as the upload and
 * validation steps use them: each file gets the decision expectations.csv gives it. HostileCorpusTest runs the
 * same files end to end, through the server.
 */
class HostileCorpusReaderTest {

    private static final ImportTemplate ACCOUNTS = aTemplate("createAccount").forEntity("Account", "create")
            .with(aColumn("Name", "input/name").required(), aColumn("Website", "input/website")).build();
    private static final ReadLimits LIMITS = new ReadLimits(1000, 1_000_000, 32_767);

    @TestFactory
    List<DynamicTest> every_file_of_the_corpus_gets_its_expected_decision() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Reader in = new InputStreamReader(resource("expectations.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord expectation : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                tests.add(DynamicTest.dynamicTest(expectation.get("file"), () -> check(expectation)));
            }
        }
        return tests;
    }

    private static void check(CSVRecord expectation) throws IOException {
        byte[] content;
        try (InputStream in = resource(expectation.get("file"))) {
            content = in.readAllBytes();
        }
        String expected = expectation.get("expected");
        Optional<String> refusal = FileSniffer.problem(content, Math.min(content.length, FileSniffer.HEAD_SIZE));
        if (expectation.get("http").equals("400")) {
            assertTrue(refusal.orElse("").contains(expected), refusal.toString());
            return;
        }
        assertEquals(Optional.empty(), refusal);
        String decision = read(content);
        switch (expectation.get("status")) {
            case "COMPLETED" -> assertEquals("every row readable", decision);
            case "VALIDATION_FAILED", "PARTIAL_SUCCESS" -> assertTrue(decision.contains(expected),
                    "expected '" + expected + "' in: " + decision);
            case "MAPPING" -> assertTrue(decision.contains("both hold") || decision.contains("is not a field")
                    || decision.contains("is missing"), "the header is not the template's, so the mapping step decides: "
                            + decision);
            default -> throw new AssertionError("unexpected status in expectations.csv: " + expectation);
        }
    }

    /** What the reader decides for the whole file: a file-level problem, the first row problem, or neither. */
    private static String read(byte[] content) throws IOException {
        try (TemplateFileReader reader = new TemplateFileReader(new CsvRowSource(new ByteArrayInputStream(content),
                LIMITS), ACCOUNTS, LIMITS, ReportColumns::isReportColumn)) {
            HeaderMatch header = reader.header();
            if (!header.matches()) {
                return String.join("; ", header.problems());
            }
            int rows = 0;
            for (FileRow row = reader.nextRow(); row != null; row = reader.nextRow()) {
                rows++;
                if (row.parseError() != null) {
                    return row.parseError();
                }
            }
            return rows == 0 ? "the file has a header but no data rows" : "every row readable";
        } catch (UnreadableFileException e) {
            return e.getMessage();
        }
    }

    private static InputStream resource(String name) {
        return HostileCorpusReaderTest.class.getResourceAsStream("/hostile/" + name);
    }
}
