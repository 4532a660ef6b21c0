package dev.intake.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Creates sample-domain records through the GraphQL API, as test setup. */
public final class Catalogue {

    private Catalogue() {
    }

    public static String account(String token, String name) {
        return create(token, "mutation($input: AccountInput!) { createAccount(input: $input) { id } }", "createAccount",
                Map.of("name", name));
    }

    public static String courseTemplate(String token, String code) {
        return create(token, "mutation($input: CourseTemplateInput!) { createCourseTemplate(input: $input) { id } }",
                "createCourseTemplate", Map.of("code", code, "title", "Course " + code));
    }

    public static String location(String token, String name) {
        return create(token, "mutation($input: LocationInput!) { createLocation(input: $input) { id } }", "createLocation",
                Map.of("name", name, "timeZone", "Europe/London",
                        "address", Map.of("street", "1 High Street", "city", "London", "country", "GB")));
    }

    public static String event(String token, String courseTemplate, String location, String title) {
        return create(token, "mutation($input: EventInput!) { createEvent(input: $input) { id } }", "createEvent",
                Map.of("courseTemplate", courseTemplate, "location", location, "title", title,
                        "start", "2026-03-02T09:00:00Z", "end", "2026-03-02T17:00:00Z", "timeZone", "Europe/London",
                        "capacity", 12, "status", "PUBLISHED"));
    }

    private static String create(String token, String mutation, String field, Map<String, Object> input) {
        JsonPath result = Imports.graphql(token, mutation, Map.of("input", input));
        String id = result.getString("data." + field + ".id");
        assertNotNull(id, result.prettify());
        return id;
    }
}
