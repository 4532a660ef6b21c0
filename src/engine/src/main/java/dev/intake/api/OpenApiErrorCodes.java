package dev.intake.api;

import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Lists every {@code error_code} of {@link RestErrorCodes} in the OpenAPI document, with when each is answered: an
 * application that publishes the document names this filter in {@code mp.openapi.filter}.
 */
public class OpenApiErrorCodes implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema item = openAPI.getComponents().getSchemas().get("ErrorItem");
        if (item == null || item.getProperties() == null) {
            return;
        }
        Schema code = item.getProperties().get("error_code");
        if (code == null) {
            return;
        }
        code.setEnumeration(new ArrayList<>(RestErrorCodes.ALL.keySet()));
        code.setDescription("A stable code for programs, one of:\n\n" + RestErrorCodes.ALL.entrySet().stream()
                .map(OpenApiErrorCodes::line).collect(Collectors.joining("\n")));
    }

    private static String line(Map.Entry<String, String> code) {
        return "- `" + code.getKey() + "`: " + code.getValue();
    }
}
