package dev.intake.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.intake.processing.ImportWorker;
import dev.intake.support.Imports;
import dev.intake.support.Tokens;
import dev.intake.support.UniqueNames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HostileFilesTest {

    @Inject
    ImportWorker worker;

    @TestHTTPResource("/")
    URL server;

    @Test
    void formula_like_cells_are_guarded_on_the_way_out_and_restored_on_the_way_in() {
        String account = UniqueNames.of("Formula Co");
        Imports.graphql("mutation($input: AccountInput!) { createAccount(input: $input) { id } }",
                Map.of("input", Map.of("name", account)));
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        String id = Imports.accepted("createContact", "formulas.csv", Imports.templateHeader("createContact") + Imports.csv(
                account + "," + UniqueNames.email("plus") + ",\"" + formula.replace("\"", "\"\"") + "\",Minus,ACTIVE,,+44 1",
                account + ",@bad,-Dash,Sum,ACTIVE,,"));
        Imports.finish(worker, id);

        String results = Imports.download("/imports/" + id + "/results.csv");
        assertTrue(results.contains(",\"'" + formula.replace("\"", "\"\"") + "\",Minus,ACTIVE,,'+44 1,5,SUCCESS,"), results);
        String exceptions = Imports.download("/imports/" + id + "/exceptions.csv");
        assertTrue(exceptions.contains(account + ",'@bad,'-Dash,Sum,ACTIVE,,,6,VALIDATION,"), exceptions);

        String fixedEmail = UniqueNames.email("fixed");
        String again = Imports.accepted("createContact", "formulas-again.csv", exceptions.replace("'@bad", fixedEmail));
        assertEquals("COMPLETED", Imports.finish(worker, again).getString("status"));
        List<Map<String, Object>> contacts = Imports.graphql("{ contacts(limit: 1000) { firstName lastName phone emailAddress } }")
                .getList("data.contacts");
        assertTrue(contacts.stream().anyMatch(c -> "-Dash".equals(c.get("firstName")) && fixedEmail.equals(c.get("emailAddress"))),
                "the guard is taken off on re-import: " + contacts);
        assertTrue(contacts.stream().anyMatch(c -> formula.equals(c.get("firstName")) && "+44 1".equals(c.get("phone"))),
                "values are stored as given, unguarded");
    }

    @Test
    void a_hostile_file_name_is_sanitised_in_downloads() {
        byte[] content = Imports.csv("name", UniqueNames.of("Evil Name")).getBytes();
        String id = Imports.upload(Tokens.ADMIN, "createAccount", "..\\evil\";\r\nX-Injected: 1.csv", content)
                .then().statusCode(202).extract().path("id");
        String disposition = Imports.as(Tokens.ADMIN).get("/imports/" + id + "/original").then().statusCode(200)
                .extract().header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\""), disposition);
        assertTrue(!disposition.contains("\r") && !disposition.contains("\n") && !disposition.contains("\\"), disposition);
        String fallback = disposition.substring("attachment; filename=\"".length(), disposition.indexOf("\";"));
        assertTrue(fallback.matches("[A-Za-z0-9._ -]+"), fallback);
    }

    @Test
    void the_dev_token_endpoint_mints_a_working_token_in_tests() {
        String token = Imports.as(Tokens.ADMIN).get("/dev/token?user=devi&roles=import-viewer&org=acme")
                .then().statusCode(200).extract().asString();
        Imports.as(token).get("/imports/templates/createAccount.csv").then().statusCode(200);
        Imports.as(token).multiPart("template", "createAccount").post("/imports").then().statusCode(403)
                .body("errors[0].error_code", equalTo("forbidden"));
    }

    /**
     * A request that asks to upgrade to HTTP/2 on a plain connection would have its body held in memory until the
     * upgrade; the server answers it as HTTP/1.1 instead, so bodies keep streaming to disk.
     */
    @Test
    void a_cleartext_http2_upgrade_is_declined_so_bodies_are_never_held_in_memory() throws Exception {
        String body = "{\"query\":\"{ __typename }\"}";
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200", status, "answered over HTTP/1.1, not 101 Switching Protocols");
        }
    }
}
