-- Contacts are imported by the hundred thousand: each worker reserves 500 IDs per round trip instead of 50,
-- one per chunk of the default size. Contact.id's allocationSize matches.
alter sequence contact_id_seq increment by 500;
