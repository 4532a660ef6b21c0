package dev.intake.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The engine's SQL migrations, named rather than found by scanning the class path: a scan does not work in a native
 * image, and a host's class path may hold other folders of the same name. {@code EngineScriptsTest} checks the list
 * against the folder.
 */
final class EngineScripts implements ResourceProvider {

    static final String FOLDER = "db/intake";

    private final List<String> names;

    EngineScripts(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public LoadableResource getResource(String name) {
        return names.contains(name) ? resource(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return names.stream()
                .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                .map(EngineScripts::resource).toList();
    }

    private static LoadableResource resource(String name) {
        return new ClassPathResource(new Location("classpath:" + FOLDER), FOLDER + "/" + name,
                EngineScripts.class.getClassLoader(), StandardCharsets.UTF_8);
    }
}
