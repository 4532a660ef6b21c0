package dev.intake.remote;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.intake.template.FieldType;
import dev.intake.template.UndoDeclaration;

/**
 * Reads an overlay file, written in YAML, into an {@link Overlay}, and says what is wrong with it, line by line. Only
 * the shape is checked here; {@link OverlayCheck} checks the names against the schema.
 *
 * <pre>
 * mutations:
 *   createPerson:
 *     id: person.id
 *     userErrors: userErrors
 *     idempotencyHeader: Idempotency-Key
 *     find: "person(email: $value) { id }"
 *     findBy: input/email
 *     undo: deletePerson
 *     read: peopleById
 *   updatePerson:
 *     undo: updatePerson
 *     read: peopleById
 *     clear: clear
 *   createCompany:
 *     idempotencyDirective: "@idempotent(key:)"
 *   createTag:
 *     idempotencyArgument: idempotencyKey
 *   deletePerson:
 *     importable: false
 * lookups:
 *   CreatePersonInput.companyId:
 *     entity: accounts
 *     field: name
 *     query: "accounts(filter: {name: {in: $values}}) { nodes { id name } }"
 * aliases:
 *   CreatePersonInput.email: [E-mail, Mail]
 * scalars:
 *   Datetime: LocalDateTime
 * </pre>
 */
final class OverlayReader {

    private static final Set<String> SECTIONS = Set.of("mutations", "lookups", "aliases", "scalars");
    private static final int MAX_CHARACTERS = 1_000_000;
    /** A GraphQL name. */
    private static final String NAME = "[_A-Za-z][_0-9A-Za-z]*";

    private final List<OverlayProblem> problems = new ArrayList<>();
    /** The line of the entry being read: where its coordinate is written. */
    private int entryLine;

    private OverlayReader() {
    }

    /** The overlay and its problems; with problems, the overlay holds what could be read. */
    record Result(Overlay overlay, List<OverlayProblem> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    static Result read(String text) {
        return new OverlayReader().parse(new StringReader(text));
    }

    private Result parse(Reader text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_CHARACTERS);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(text);
        } catch (MarkedYAMLException e) {
            problems.add(new OverlayProblem(e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem()));
            return new Result(Overlay.EMPTY, problems);
        } catch (YAMLException e) {
            problems.add(new OverlayProblem(0, "not valid YAML: " + e.getMessage()));
            return new Result(Overlay.EMPTY, problems);
        }
        if (root == null) {
            return new Result(Overlay.EMPTY, problems);
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(new OverlayProblem(line(root), "expected sections (mutations, lookups, aliases, scalars)"));
            return new Result(Overlay.EMPTY, problems);
        }
        Map<String, Overlay.MutationRule> mutations = Map.of();
        Map<String, Overlay.LookupRule> lookups = Map.of();
        Map<String, Overlay.AliasRule> aliases = Map.of();
        Map<String, Overlay.ScalarRule> scalars = Map.of();
        for (NodeTuple section : top.getValue()) {
            String name = scalar(section.getKeyNode());
            Node value = section.getValueNode();
            switch (name == null ? "" : name) {
                case "mutations" -> mutations = entries(value, "mutations", this::mutation);
                case "lookups" -> lookups = entries(value, "lookups", this::lookup);
                case "aliases" -> aliases = entries(value, "aliases", this::aliases);
                case "scalars" -> scalars = entries(value, "scalars", this::scalar);
                default -> problems.add(new OverlayProblem(line(section.getKeyNode()),
                        "unknown section " + name + "; expected one of " + String.join(", ", SECTIONS.stream().sorted().toList())));
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Result(new Overlay(mutations, lookups, aliases, scalars), problems);
    }

    private <T> Map<String, T> entries(Node section, String sectionName, BiFunction<String, Node, T> entry) {
        Map<String, T> entries = new LinkedHashMap<>();
        if (isNull(section)) {
            return entries;
        }
        if (!(section instanceof MappingNode mapping)) {
            problems.add(new OverlayProblem(line(section), sectionName + ": expected a map of schema coordinates"));
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String coordinate = scalar(tuple.getKeyNode());
            if (coordinate == null || coordinate.isBlank()) {
                problems.add(new OverlayProblem(line(tuple.getKeyNode()), sectionName + ": expected a schema coordinate"));
                continue;
            }
            if (entries.containsKey(coordinate)) {
                problems.add(new OverlayProblem(line(tuple.getKeyNode()), sectionName + ": " + coordinate
                        + " is given twice"));
                continue;
            }
            entryLine = line(tuple.getKeyNode());
            T value = entry.apply(coordinate, tuple.getValueNode());
            if (value != null) {
                entries.put(coordinate, value);
            }
        }
        return entries;
    }

    private Overlay.MutationRule mutation(String name, Node node) {
        Map<String, Node> fields = fields(node, "mutation " + name, Set.of("importable", "entity", "action", "id",
                "userErrors", "idempotencyHeader", "idempotencyArgument", "idempotencyDirective", "find", "findBy", "undo", "restore", "read", "clear"));
        if (fields == null) {
            return null;
        }
        Boolean importable = null;
        if (fields.containsKey("importable")) {
            String text = scalar(fields.get("importable"));
            if (!"true".equals(text) && !"false".equals(text)) {
                problems.add(new OverlayProblem(line(fields.get("importable")),
                        "mutation " + name + ": importable must be true or false, not " + text));
            } else {
                importable = Boolean.valueOf(text);
            }
        }
        IdempotencyKey key = idempotencyKey(name, fields);
        String find = text(fields, "find");
        String findBy = text(fields, "findBy");
        if ((find == null) != (findBy == null)) {
            problems.add(new OverlayProblem(line(fields.get(find == null ? "findBy" : "find")), "mutation " + name
                    + ": find and findBy go together: the query that finds a row's record by $value, and the column"
                    + " whose value it is, such as input/email"));
            find = null;
            findBy = null;
        } else if (find != null && !find.contains("$value")) {
            problems.add(new OverlayProblem(line(fields.get("find")), "mutation " + name + ": find must use $value,"
                    + " the row's value of " + findBy));
            find = null;
            findBy = null;
        }
        return new Overlay.MutationRule(entryLine, importable, text(fields, "entity"), text(fields, "action"),
                path(fields, "id"), path(fields, "userErrors"), key, find, findBy, new UndoDeclaration(
                        text(fields, "undo"), text(fields, "restore"), text(fields, "read"), text(fields, "clear")));
    }

    /** Where the mutation takes its idempotency key: at most one of a header, an argument and a directive. */
    private IdempotencyKey idempotencyKey(String mutation, Map<String, Node> fields) {
        List<String> given = java.util.stream.Stream.of("idempotencyHeader", "idempotencyArgument",
                "idempotencyDirective").filter(key -> text(fields, key) != null).toList();
        if (given.size() > 1) {
            problems.add(new OverlayProblem(line(fields.get(given.get(1))), "mutation " + mutation + ": give one of "
                    + String.join(" and ", given) + ": a mutation takes its idempotency key in one place"));
            return null;
        }
        if (given.isEmpty()) {
            return null;
        }
        String key = given.get(0);
        String value = text(fields, key);
        int at = line(fields.get(key));
        switch (key) {
            case "idempotencyHeader" -> {
                if (value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    return IdempotencyKey.header(value);
                }
                problems.add(new OverlayProblem(at, "mutation " + mutation
                        + ": idempotencyHeader must be a header name, such as Idempotency-Key, not " + value));
            }
            case "idempotencyArgument" -> {
                if (value.matches(NAME)) {
                    return IdempotencyKey.argument(value);
                }
                problems.add(new OverlayProblem(at, "mutation " + mutation
                        + ": idempotencyArgument must be the name of an argument, such as idempotencyKey, not " + value));
            }
            default -> {
                java.util.regex.Matcher directive = java.util.regex.Pattern
                        .compile("@?(" + NAME + ")\\(\\s*(" + NAME + ")\\s*:?\\s*\\)").matcher(value.strip());
                if (directive.matches()) {
                    return IdempotencyKey.directive(directive.group(1), directive.group(2));
                }
                problems.add(new OverlayProblem(at, "mutation " + mutation + ": idempotencyDirective must name a"
                        + " directive and its argument that takes the key, such as \"@idempotent(key:)\", not " + value));
            }
        }
        return null;
    }

    private Overlay.LookupRule lookup(String coordinate, Node node) {
        Map<String, Node> fields = fields(node, "lookup " + coordinate, Set.of("entity", "field", "query", "create"));
        if (fields == null) {
            return null;
        }
        String entity = text(fields, "entity");
        String field = text(fields, "field");
        String query = text(fields, "query");
        boolean complete = true;
        for (String required : List.of("entity", "field", "query")) {
            if (text(fields, required) == null) {
                problems.add(new OverlayProblem(entryLine, "lookup " + coordinate + ": " + required + " is required"));
                complete = false;
            }
        }
        if (query != null && !query.contains("$value")) {
            problems.add(new OverlayProblem(line(fields.get("query")),
                    "lookup " + coordinate + ": the query must use $value (one value) or $values (a list of values)"));
            complete = false;
        }
        String create = text(fields, "create");
        if (create != null && !create.contains("$value")) {
            problems.add(new OverlayProblem(line(fields.get("create")),
                    "lookup " + coordinate + ": create must use $value, the cell's value"));
            complete = false;
        }
        return complete ? new Overlay.LookupRule(entryLine, entity, field, query, create) : null;
    }

    private Overlay.AliasRule aliases(String coordinate, Node node) {
        List<String> names = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                String name = scalar(item);
                if (name == null || name.isBlank()) {
                    problems.add(new OverlayProblem(line(item), "aliases of " + coordinate + ": expected header names"));
                } else {
                    names.add(name.strip());
                }
            }
        } else if (scalar(node) != null && !scalar(node).isBlank()) {
            names.add(scalar(node).strip());
        } else {
            problems.add(new OverlayProblem(line(node), "aliases of " + coordinate + ": expected a list of header names"));
        }
        return new Overlay.AliasRule(entryLine, names);
    }

    private Overlay.ScalarRule scalar(String name, Node node) {
        String type = scalar(node);
        for (FieldType fieldType : FieldType.values()) {
            if (fieldType != FieldType.LOOKUP && fieldType != FieldType.FIXED && fieldType.label().equals(type)) {
                return new Overlay.ScalarRule(entryLine, type);
            }
        }
        problems.add(new OverlayProblem(line(node), "scalar " + name + ": the column type " + type
                + " is not one of " + String.join(", ", columnTypes())));
        return null;
    }

    static List<String> columnTypes() {
        List<String> labels = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            if (type != FieldType.LOOKUP && type != FieldType.FIXED) {
                labels.add(type.label());
            }
        }
        return labels;
    }

    private Map<String, Node> fields(Node node, String what, Set<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(new OverlayProblem(line(node), what + ": expected " + String.join(", ", known.stream().sorted().toList())));
            return null;
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key != null && fields.containsKey(key)) {
                problems.add(new OverlayProblem(line(tuple.getKeyNode()), what + ": " + key + " is given twice"));
            } else if (key == null || !known.contains(key)) {
                problems.add(new OverlayProblem(line(tuple.getKeyNode()), what + ": unknown setting " + key
                        + "; expected one of " + String.join(", ", known.stream().sorted().toList())));
            } else {
                fields.put(key, tuple.getValueNode());
            }
        }
        return fields;
    }

    private String text(Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String text = scalar(node);
        if (text == null) {
            problems.add(new OverlayProblem(line(node), key + ": expected text"));
            return null;
        }
        return text.isBlank() ? null : text.strip();
    }

    /** A dotted path, such as {@code person.id}, each part a GraphQL name. */
    private String path(Map<String, Node> fields, String key) {
        String path = text(fields, key);
        if (path != null && !path.matches("[_A-Za-z][_0-9A-Za-z]*(\\.[_A-Za-z][_0-9A-Za-z]*)*")) {
            problems.add(new OverlayProblem(line(fields.get(key)),
                    key + ": expected a path of field names such as person.id, not " + path));
            return null;
        }
        return path;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
