-- The library's own tables, in public, migrated by the application's own Flyway (quarkus-flyway, with its default
-- history public.flyway_schema_history); Intake's tables and history are in the schema intake.
create sequence book_id_seq increment by 50;
create table book (
    id bigint primary key,
    library text not null,
    isbn text not null,
    title text not null,
    genre text not null check (genre in ('FICTION', 'NON_FICTION', 'REFERENCE', 'CHILDREN'))
);
create unique index book_isbn_key on book (library, isbn);

create sequence member_id_seq increment by 50;
create table member (
    id bigint primary key,
    library text not null,
    card_number text not null,
    name text not null
);
create unique index member_card_number_key on member (library, card_number);

create sequence loan_id_seq increment by 50;
create table loan (
    id bigint primary key,
    library text not null,
    book_id bigint not null references book (id),
    member_id bigint not null references member (id),
    due_on date not null,
    returned_on date
);
create index loan_book_idx on loan (book_id);
