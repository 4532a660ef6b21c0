package dev.intake.customfield;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.intake.db.Jdbc;
import dev.intake.db.StoreException;
import dev.intake.error.ConflictException;

/** Custom-field definitions in PostgreSQL, per organisation and entity. */
@ApplicationScoped
public class CustomFieldStore {

    @Inject
    Jdbc jdbc;

    public List<CustomFieldDefinition> list(String organisation, String entity) {
        return jdbc.list("""
                select entity, name, type, required, allowed_values from intake.custom_field
                where organisation = ? and entity = ? order by id
                """, CustomFieldStore::definition, organisation, entity);
    }

    public void insert(String organisation, CustomFieldDefinition definition) {
        try {
            jdbc.update("""
                    insert into intake.custom_field (organisation, entity, name, type, required, allowed_values)
                    values (?, ?, ?, ?, ?, ?)
                    """, organisation, definition.entity(), definition.name(), definition.type(), definition.required(),
                    definition.allowedValues().toArray(String[]::new));
        } catch (StoreException e) {
            if (e.getMessage() != null && e.getMessage().contains("custom_field_name_key")) {
                throw new ConflictException("input/name", definition.entity() + " already has a custom field named '"
                        + definition.name() + "'");
            }
            throw e;
        }
    }

    private static CustomFieldDefinition definition(ResultSet row) throws SQLException {
        return new CustomFieldDefinition(row.getString("entity"), row.getString("name"),
                CustomFieldType.valueOf(row.getString("type")), row.getBoolean("required"),
                List.of((String[]) row.getArray("allowed_values").getArray()));
    }
}
