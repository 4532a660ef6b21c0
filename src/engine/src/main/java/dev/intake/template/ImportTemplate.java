package dev.intake.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A CSV template for one mutation: its columns, and the GraphQL document that imports one row.
 *
 * @param name the mutation, such as {@code createProduct}
 * @param entity what the rows are, such as {@code Product}
 * @param action what each row does to it, such as {@code create}
 * @param description the mutation's description
 * @param columns in template order: required first, then optional, alphabetical within each; custom fields last
 * @param operation the GraphQL operation that runs rows, with the rows' values as variables
 * @param requiredRole the role the mutation requires (its {@code @rolesAllowed} directive), or {@code null}
 * @param customFieldSlot where the input carries custom fields, or {@code null}
 * @param target the remote target whose API runs the rows, or {@code null} for the application's own schema
 * @param undo how the committed rows are undone, or why they cannot be
 */
public record ImportTemplate(
        String name,
        String entity,
        String action,
        String description,
        List<TemplateColumn> columns,
        RowOperation operation,
        String requiredRole,
        CustomFieldSlot customFieldSlot,
        String target,
        Undo undo) {

    public ImportTemplate {
        columns = List.copyOf(columns);
        if (undo == null) {
            undo = Undo.refused("The mutation " + name + " declares no undo, so its imports cannot be rolled back");
        }
    }

    /** A template that declares no undo. */
    public ImportTemplate(String name, String entity, String action, String description, List<TemplateColumn> columns,
            RowOperation operation, String requiredRole, CustomFieldSlot customFieldSlot, String target) {
        this(name, entity, action, description, columns, operation, requiredRole, customFieldSlot, target, null);
    }

    /** A template of the application's own schema. */
    public ImportTemplate(String name, String entity, String action, String description, List<TemplateColumn> columns,
            RowOperation operation, String requiredRole, CustomFieldSlot customFieldSlot) {
        this(name, entity, action, description, columns, operation, requiredRole, customFieldSlot, null, null);
    }

    /** Whether the rows run on a remote target's API rather than in-process. */
    public boolean remote() {
        return target != null;
    }

    /** What the rows do to their records, from the action. */
    public WriteKind writeKind() {
        return WriteKind.of(action);
    }

    /** The GraphQL document that imports one row. */
    public String document() {
        return operation.document();
    }

    public Optional<TemplateColumn> column(String reference) {
        return columns.stream().filter(column -> column.reference().equals(reference)).findFirst();
    }

    /** The template with extra columns at the end, such as an organisation's custom fields. */
    public ImportTemplate withColumns(List<TemplateColumn> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<TemplateColumn> all = new ArrayList<>(columns);
        all.addAll(extra);
        return new ImportTemplate(name, entity, action, description, all, operation, requiredRole, customFieldSlot,
                target, undo);
    }

    /**
     * A short hash of what the columns are (reference, type, requirement), such as {@code createProduct@1a2b3c4d}:
     * it changes when a column is added, removed, renamed, retyped or becomes required, and not otherwise.
     */
    public String version() {
        StringBuilder shape = new StringBuilder(name);
        for (TemplateColumn column : columns) {
            shape.append('\n').append(column.reference()).append('|').append(column.typeDescription());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return name + "@" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
