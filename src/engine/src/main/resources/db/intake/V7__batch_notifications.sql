-- Live progress for subscribers on every instance. A batch notifies the channel intake_batch when it is created,
-- when its status or its pause changes, and when one of its chunks is done: never per row. The payload is the batch's
-- ID, followed by ':status' when its status changed. PostgreSQL delivers a notification when its transaction commits,
-- never for one rolled back, and folds the same payload sent twice in a transaction into one.
create function notify_batch_changed() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'import_chunk' then
        perform pg_notify('intake_batch', new.batch_id::text);
    elsif tg_op = 'INSERT' or old.status is distinct from new.status then
        perform pg_notify('intake_batch', new.id::text || ':status');
    else
        perform pg_notify('intake_batch', new.id::text);
    end if;
    return null;
end
$$;

create trigger import_batch_created after insert on import_batch
    for each row execute function notify_batch_changed();

create trigger import_batch_changed after update on import_batch
    for each row when (old.status is distinct from new.status or old.pause_reason is distinct from new.pause_reason
                       or old.paused_until is distinct from new.paused_until)
    execute function notify_batch_changed();

create trigger import_chunk_done after update on import_chunk
    for each row when (new.status = 'DONE' and old.status <> 'DONE')
    execute function notify_batch_changed();
