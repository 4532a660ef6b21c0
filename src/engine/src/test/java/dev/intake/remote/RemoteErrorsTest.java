package dev.intake.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.intake.batch.RowErrorType;
import dev.intake.target.RowFailure;
import dev.intake.template.FieldType;
import dev.intake.template.ImportTemplate;
import dev.intake.template.RowOperation;
import dev.intake.template.TemplateColumn;

class RemoteErrorsTest {

    private static final ImportTemplate TEMPLATE = new ImportTemplate("crm.createPerson", "Person", "create", null,
            List.of(column("input/email"), column("input/address/city")),
            new RowOperation("createPerson", List.of(), " { person { id } }", false), "import-admin", null, "crm");

    private static TemplateColumn column(String reference) {
        return new TemplateColumn(reference, reference, "", FieldType.TEXT, "String", false, List.of(), null, false,
                List.of());
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void common_codes_have_their_types_and_an_unknown_code_is_the_targets_refusal() throws Exception {
        RemoteErrors errors = new RemoteErrors(Map.of());
        assertEquals(new RowFailure(RowErrorType.CONFLICT, "input/email", "email taken", true), errors.ofGraphQLErrors(
                TEMPLATE, json("[{\"message\": \"email taken\", \"extensions\": {\"code\": \"23505\", \"field\": \"email\"}}]")));
        assertEquals(RowErrorType.PERMISSION, errors.ofGraphQLErrors(TEMPLATE,
                json("[{\"message\": \"no\", \"extensions\": {\"code\": \"FORBIDDEN\"}}]")).type());
        assertEquals(new RowFailure(RowErrorType.VALIDATION, null, "odd; odder", true), errors.ofGraphQLErrors(TEMPLATE,
                json("[{\"message\": \"odd\", \"extensions\": {\"code\": \"E_ODD\"}}, {\"message\": \"odder\"}]")));
    }

    @Test
    void postgresql_codes_are_read_where_postgraphile_puts_them() throws Exception {
        RemoteErrors errors = new RemoteErrors(Map.of());
        // PostGraphile 4 with extendedErrors: ['errcode'], as its formatter writes an error
        assertEquals(RowErrorType.CONFLICT, errors.ofGraphQLErrors(TEMPLATE, json("[{\"errcode\": \"23505\","
                + " \"extensions\": {\"exception\": {\"errcode\": \"23505\"}}, \"message\": \"duplicate key value"
                + " violates unique constraint \\\"person_email_key\\\"\", \"path\": [\"createPerson\"]}]")).type());
        // its releases before 4.4 put the code beside the message only
        assertEquals(RowErrorType.NOT_FOUND, errors.ofGraphQLErrors(TEMPLATE, json("[{\"errcode\": \"23503\","
                + " \"message\": \"insert or update violates foreign key constraint\"}]")).type());
    }

    @Test
    void a_target_overrides_or_adds_codes() throws Exception {
        RemoteErrors errors = new RemoteErrors(Map.of("E_DUPLICATE", "conflict", "BAD_USER_INPUT", "LOOKUP"));
        assertEquals(RowErrorType.CONFLICT, errors.ofGraphQLErrors(TEMPLATE,
                json("[{\"message\": \"dup\", \"extensions\": {\"code\": \"E_DUPLICATE\"}}]")).type());
        assertEquals(RowErrorType.LOOKUP, errors.ofGraphQLErrors(TEMPLATE,
                json("[{\"message\": \"bad\", \"extensions\": {\"code\": \"BAD_USER_INPUT\"}}]")).type());
    }

    @Test
    void user_errors_name_their_column_by_path_or_by_name() throws Exception {
        RemoteErrors errors = new RemoteErrors(Map.of());
        assertEquals(new RowFailure(RowErrorType.VALIDATION, "input/address/city", "unknown city", true),
                errors.ofUserErrors(TEMPLATE, json("[{\"field\": [\"input\", \"address\", \"city\"], \"message\": "
                        + "\"unknown city\"}]")));
        assertEquals("input/email", errors.ofUserErrors(TEMPLATE,
                json("[{\"field\": \"email\", \"message\": \"bad\"}]")).field());
        assertEquals(null, errors.ofUserErrors(TEMPLATE, json("[{\"field\": [\"input\", \"phone\"], \"message\": "
                + "\"x\"}]")).field());
        assertEquals(RowErrorType.CONFLICT, errors.ofUserErrors(TEMPLATE,
                json("[{\"code\": \"TAKEN\", \"message\": \"taken\"}]")).type());
    }
}
