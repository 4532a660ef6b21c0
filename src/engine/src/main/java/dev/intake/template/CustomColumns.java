package dev.intake.template;

import java.util.List;

/** Supplies the columns of an organisation's custom fields for a template that carries them. */
public interface CustomColumns {

    List<TemplateColumn> columns(String organisation, CustomFieldSlot slot);
}
