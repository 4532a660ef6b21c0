package dev.intake.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.fixtures.MetricsScrape;
import dev.intake.metrics.Metric;
import dev.intake.processing.ImportWorker;
import dev.intake.support.Catalogue;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** What operators read: the Prometheus metrics at /q/metrics and the OpenAPI document at /q/openapi. */
@QuarkusTest
class OperationsTest {

    @Inject
    ImportWorker worker;

    @Test
    void metrics_count_an_imports_rows_by_outcome_its_end_and_its_bytes_with_no_user_data_in_labels() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Metered Ltd"));
        String ok = UniqueNames.email("metered");
        String csv = Imports.templateHeader("createContact") + Imports.csv(
                account + "," + ok + ",Mia,Metered,ACTIVE,,",
                account + "," + UniqueNames.email("second") + ",Sam,Second,LEAD,,",
                "No Such Account Anywhere," + UniqueNames.email("lost") + ",Lou,Lost,ACTIVE,,",
                account + ",not-an-email,Bad,Email,ACTIVE,,");
        MetricsScrape before = scrape();

        String id = Imports.accepted("createContact", "metered-contacts.csv", csv);
        assertEquals("PARTIAL_SUCCESS", Imports.finish(worker, id).getString("status"));

        MetricsScrape after = scrape();
        Map<String, String> rows = Map.of("target", "in-process", "template", "createContact", "dry_run", "false");
        assertEquals(2, after.increaseSince(before, "intake_rows_total", with(rows, "outcome", "success")));
        assertEquals(1, after.increaseSince(before, "intake_rows_total", with(rows, "outcome", "LOOKUP")));
        assertEquals(1, after.increaseSince(before, "intake_rows_total", with(rows, "outcome", "VALIDATION")));
        assertEquals(1, after.increaseSince(before, "intake_batches_ended_total", Map.of("status", "PARTIAL_SUCCESS")));
        assertEquals(1, after.increaseSince(before, "intake_batch_duration_seconds_count", Map.of("status", "PARTIAL_SUCCESS")));
        assertEquals(1, after.increaseSince(before, "intake_batch_rows_per_second_count",
                Map.of("status", "PARTIAL_SUCCESS")));
        assertEquals(csv.getBytes(StandardCharsets.UTF_8).length,
                after.increaseSince(before, "intake_upload_bytes_total", Map.of("source", "upload")));
        assertNotNull(after.value("intake_workers_busy", Map.of()), "busy workers are a gauge");
        assertNotNull(after.value("intake_chunks_waiting", Map.of()), "the queue depth is a gauge");

        String text = metricsText();
        for (String userData : List.of(id, "metered-contacts.csv", ok, account, "alice")) {
            assertFalse(text.contains(userData), "no metric carries " + userData);
        }
    }

    @Test
    void a_dry_run_is_counted_apart() {
        String account = Catalogue.account(Tokens.ADMIN, UniqueNames.of("Dry Metered"));
        MetricsScrape before = scrape();

        String id = Imports.acceptedDryRun(Tokens.ADMIN, "createContact", "dry.csv", Imports.templateHeader(
                "createContact") + Imports.csv(account + "," + UniqueNames.email("dry") + ",Dee,Dry,ACTIVE,,"));
        assertEquals("READY", Imports.finish(worker, id).getString("status"));

        MetricsScrape after = scrape();
        assertEquals(1, after.increaseSince(before, "intake_rows_total", Map.of("target", "in-process",
                "template", "createContact", "dry_run", "true", "outcome", "success")));
        assertEquals(0, after.increaseSince(before, "intake_rows_total", Map.of("target", "in-process",
                "template", "createContact", "dry_run", "false", "outcome", "success")));
    }

    @Test
    void every_metric_of_the_engine_is_documented_on_the_metrics_page() throws Exception {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("../site/markdown/metrics.md"));
        for (Metric metric : Metric.values()) {
            String prometheus = metric.metricName().replace('.', '_');
            assertTrue(page.contains("`" + prometheus), "the metrics page's table names " + prometheus);
        }
    }

    @Test
    void the_openapi_document_is_valid_openapi_3_and_describes_every_endpoint_and_error_code() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document);

        assertEquals(List.of(), parsed.getMessages(), "the document is valid OpenAPI 3");
        OpenAPI api = parsed.getOpenAPI();
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
        assertEquals(List.of("/imports", "/imports/sets", "/imports/sets/{id}", "/imports/templates/{name}.csv", "/imports/{id}", "/imports/{id}/exceptions.csv",
                "/imports/{id}/exceptions.xlsx", "/imports/{id}/original", "/imports/{id}/records.csv", "/imports/{id}/results.csv",
                "/imports/{id}/results.ndjson", "/imports/{id}/retry", "/imports/{id}/rollback-preview.csv", "/imports/{id}/rollback.csv"), api.getPaths().keySet().stream().sorted()
                .toList(),
                "the REST API's endpoints, and not the console's pages");
        Schema<?> form = api.getPaths().get("/imports").getPost().getRequestBody().getContent()
                .get("multipart/form-data").getSchema();
        assertEquals("binary", ((Schema<?>) form.getProperties().get("file")).getFormat(), "the upload is a file");
        assertTrue(form.getProperties().keySet().containsAll(List.of("template", "dryRun", "mapping", "format",
                "delimiter", "sheet")), form.getProperties().keySet().toString());
        Schema<?> code = (Schema<?>) api.getComponents().getSchemas().get("ErrorItem").getProperties().get("error_code");
        assertEquals(List.copyOf(RestErrorCodes.ALL.keySet()), code.getEnum());
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            assertNotNull(operation.getSummary(), path + " has a summary");
            assertTrue(operation.getResponses().containsKey("401"), path + " says it needs a token");
            assertEquals("#/components/schemas/ErrorBody", operation.getResponses().get("401").getContent()
                    .get("application/json").getSchema().get$ref(), path + "'s refusals answer the error body");
        }));
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("bearer").getScheme());
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static String metricsText() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static MetricsScrape scrape() {
        return MetricsScrape.of(metricsText());
    }
}
