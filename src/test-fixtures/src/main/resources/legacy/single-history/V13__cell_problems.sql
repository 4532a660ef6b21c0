-- A staged row whose file spoiled a cell a field reads (a workbook's error cell such as #N/A) fails with
-- VALIDATION on that field, not PARSE: the field is kept with the row. Null for every other row.
alter table import_row add column problem_field text;
