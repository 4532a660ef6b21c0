package dev.intake.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.UniqueNames;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each batch says who uploaded it, from where, what exactly, and every status change with its time and actor. */
@QuarkusTest
class AuditTest {

    private static final String AUDIT = """
            query($id: ID!) { importBatch(id: $id) { createdBy clientAddress sha256 createdAt
              events { at actor status detail } } }
            """;

    @Inject
    ImportWorker worker;

    @Test
    void a_batch_records_its_upload_and_every_status_change() throws Exception {
        String content = Imports.csv("name", UniqueNames.of("Audited"));
        String id = Imports.accepted("createAccount", "audited.csv", content);
        Imports.finish(worker, id);

        JsonPath batch = new JsonPath(Imports.graphql(AUDIT, Map.of("id", id)).prettify()).setRootPath("data.importBatch");
        assertEquals("alice", batch.getString("createdBy"));
        assertEquals("127.0.0.1", batch.getString("clientAddress"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8))), batch.getString("sha256"));
        assertEquals(List.of("PENDING", "VALIDATING", "PROCESSING", "COMPLETED"), batch.getList("events.status"));
        List<String> actors = batch.getList("events.actor");
        assertEquals("alice", actors.get(0));
        assertEquals("UPLOAD from 127.0.0.1", batch.getString("events[0].detail"));
        assertTrue(actors.subList(1, 4).stream().allMatch(actor -> actor.startsWith("worker ")), actors.toString());
        assertEquals(batch.getString("createdAt"), batch.getString("events[0].at"));
    }

    @Test
    void a_cancel_is_recorded_with_the_user_who_made_it() {
        String id = Imports.accepted("createAccount", "to-cancel.csv", Imports.csv("name", UniqueNames.of("Cancelled")));
        Imports.graphql("mutation($id: ID!) { cancelImport(id: $id) { status } }", Map.of("id", id));

        JsonPath batch = Imports.graphql(AUDIT, Map.of("id", id));
        assertEquals(List.of("PENDING", "CANCELLED"), batch.getList("data.importBatch.events.status"));
        assertEquals(List.of("alice", "alice"), batch.getList("data.importBatch.events.actor"));
        assertEquals("Cancelled by alice", batch.getString("data.importBatch.events[1].detail"));
        Imports.finish(worker, id);
        assertEquals("CANCELLED", Imports.batch(id).getString("status"), "the worker leaves a cancelled batch alone");
    }
}
