-- Rollback images are written and read whole, as text, and compared in the server: json keeps each as it was written,
-- where jsonb converted it to its binary form on every write and back to text on every read. In a 1M-row create run
-- their insert was PostgreSQL's most expensive statement, above the inserts of the records themselves.
alter table import_row_image
    alter column before type json using before::json,
    alter column after type json using after::json,
    alter column input type json using input::json;
