-- Rollback images are written and read whole, as text, and compared in the server: json keeps each as it was written,
-- where jsonb converted it to its binary form on every write and back to text on every read. In a 1M-row create run
-- their insert was PostgreSQL's most expensive statement, above the inserts of the records themselves.
alter table import_row_image
    alter column before type json using before::json,
    alter column after type json using after::json,
    alter column input type json using input::json;

-- An in-process import keeps a committed row's images in its outcome row, written by the same COPY: one row per
-- committed row instead of two. A remote import's images are read before its rows are sent, before any outcome
-- exists, and stay in import_row_image; readers take both.
alter table import_outcome
    add column before json,
    add column after json,
    add column input json;
