package dev.intake.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every file in src/test/resources/hostile, with its expected outcome in expectations.csv: an answer to the
 * upload, or the status the batch ends in (or waits in, for MAPPING) and a message. Whatever the file, the server
 * stays healthy, the batch ends or waits for a person, and every failed row is named.
 */
@QuarkusTest
class HostileCorpusTest {

    private static final String TOKEN = Tokens.of("hal", "hostile", "import-admin", "accounts-writer");

    @Inject
    ImportWorker worker;

    @TestFactory
    List<DynamicTest> every_file_of_the_corpus_gets_its_expected_outcome() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (CSVRecord expectation : expectations()) {
            tests.add(DynamicTest.dynamicTest(expectation.get("file"), () -> check(expectation)));
        }
        return tests;
    }

    @Test
    void a_fifty_megabyte_line_fails_the_file_and_nothing_runs_out_of_memory() {
        StringBuilder csv = new StringBuilder("name,website\r\nOne,");
        csv.append("x".repeat(50 * 1024 * 1024)).append("\r\n");
        String id = Imports.upload(TOKEN, "createAccount", "long-line.csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .then().statusCode(202).extract().path("id");
        csv.setLength(0);

        JsonPath batch = Imports.finish(worker, TOKEN, id);

        assertEquals("VALIDATION_FAILED", batch.getString("status"));
        assertTrue(batch.getString("message").startsWith("Line 2 of the file is longer than 1000000 characters, the limit "
                + "(intake.limits.max-line-length)"), batch.getString("message"));
        healthy();
    }

    private void check(CSVRecord expectation) throws IOException {
        String file = expectation.get("file");
        Response upload = Imports.upload(TOKEN, "createAccount", file, fixture(file));
        assertEquals(Integer.parseInt(expectation.get("http")), upload.statusCode(), file + ": " + upload.asString());
        String expected = expectation.get("expected");
        if (upload.statusCode() != 202) {
            assertTrue(upload.jsonPath().getString("errors[0].message").contains(expected), upload.asString());
            healthy();
            return;
        }
        String id = upload.jsonPath().getString("id");
        JsonPath batch;
        if ("MAPPING".equals(expectation.get("status"))) {
            worker.drain();
            batch = Imports.batch(TOKEN, id);
        } else {
            batch = Imports.finish(worker, TOKEN, id);
        }
        assertEquals(expectation.get("status"), batch.getString("status"), file + ": " + batch.prettify());
        List<String> failures = Imports.graphql(TOKEN,
                "query($id: ID!) { importBatch(id: $id) { failures(first: 500) { edges { node { message } } } } }",
                Map.of("id", id)).getList("data.importBatch.failures.edges.node.message");
        failures.forEach(message -> assertTrue(message.startsWith("Row "), "every failed row is named: " + message));
        if (!expected.isEmpty()) {
            String said = List.of("VALIDATION_FAILED", "MAPPING").contains(batch.getString("status")) ? batch.getString("message")
                    : String.join("\n", failures);
            assertTrue(said.contains(expected), file + ": expected '" + expected + "' in: " + said);
        }
        healthy();
    }

    private static void healthy() {
        RestAssured.get("/q/health").then().statusCode(200);
    }

    private static List<CSVRecord> expectations() throws IOException {
        try (Reader in = new InputStreamReader(HostileCorpusTest.class.getResourceAsStream("/hostile/expectations.csv"),
                StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = HostileCorpusTest.class.getResourceAsStream("/hostile/" + name)) {
            return in.readAllBytes();
        }
    }
}
