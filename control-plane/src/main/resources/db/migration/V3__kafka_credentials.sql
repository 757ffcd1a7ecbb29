-- The Kafka credentials of a team's own applications (docs/security.md, "Kafka credentials"). The
-- secrets are not stored: Kafka keeps only their SCRAM hashes, and the API shows a secret once.
-- The SCRAM user of a generation is team.<team slug>.<name>.<generation>.
create table kafka_credential (
    id                  bigint generated always as identity primary key,
    team_id             bigint      not null references team (id) on delete cascade,
    name                varchar(63) not null,
    generation          integer     not null check (generation >= 1),
    -- The generation before the last rotation, still valid until it is retired.
    previous_generation integer check (previous_generation >= 1),
    created_at          timestamptz not null,
    rotated_at          timestamptz,
    unique (team_id, name)
);
