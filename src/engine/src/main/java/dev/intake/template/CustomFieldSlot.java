package dev.intake.template;

/**
 * Where a mutation's input carries custom fields, and whose.
 *
 * @param path the reference of the field that carries them, such as {@code input/customFields}
 * @param entity the entity whose custom fields they are, such as {@code Product}
 */
public record CustomFieldSlot(String path, String entity) {
}
