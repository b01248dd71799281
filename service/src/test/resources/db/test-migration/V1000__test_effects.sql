-- Test only: what test deadline handlers did, to count effects across instances.
create table test_deadline_effect (
    deadline_id bigint       not null,
    instance    varchar(200) not null,
    fired_at    timestamp with time zone not null
);
