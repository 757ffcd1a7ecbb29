-- The catalog of the control plane: teams, their pipelines, every revision of every pipeline,
-- and the audit log. Desired state in Kubernetes is the Pipeline resource; this keeps history,
-- tenancy and audit (ARCHITECTURE.md).

create table team (
    id                       bigint generated always as identity primary key,
    slug                     varchar(30)  not null unique,
    display_name             varchar(200) not null,
    namespace                varchar(63)  not null unique,
    topic_prefix             varchar(100) not null unique,
    keycloak_group           varchar(200) not null,
    max_pipelines            integer      not null check (max_pipelines >= 0),
    max_total_replicas       integer      not null check (max_total_replicas >= 0),
    max_partitions_per_topic integer      not null check (max_partitions_per_topic >= 1),
    -- Optimistic lock and the ETag of the team.
    version                  bigint       not null,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null
);

create table pipeline (
    id               bigint generated always as identity primary key,
    team_id          bigint       not null references team (id),
    name             varchar(63)  not null,
    state            varchar(16)  not null check (state in ('ACTIVE', 'PAUSED')),
    current_revision integer      not null,
    -- spec.runtime.replicas.max of the current revision, summed for the team's replica quota.
    max_replicas     integer      not null,
    description      varchar(1000),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    updated_by       varchar(200) not null,
    unique (team_id, name)
);

-- Keyset pagination lists a team's pipelines by name.
create index pipeline_team_state_name on pipeline (team_id, state, name);

-- Immutable: rows are only ever inserted (and removed with their pipeline).
create table pipeline_revision (
    id          bigint generated always as identity primary key,
    pipeline_id bigint       not null references pipeline (id) on delete cascade,
    number      integer      not null,
    -- The canonical document (JSON, as PipelineMapper writes it).
    document    text         not null,
    -- RFC 6902 JSON Patch from the previous revision's document to this one.
    diff        text         not null,
    source      varchar(16)  not null check (source in ('API', 'CONSOLE', 'KUBECTL')),
    author      varchar(200) not null,
    created_at  timestamptz  not null,
    rolled_back_from integer,
    unique (pipeline_id, number)
);

create table audit_event (
    id              bigint generated always as identity primary key,
    at              timestamptz  not null,
    actor           varchar(200) not null,
    action          varchar(40)  not null,
    -- Kept as text: the log outlives deleted teams and pipelines.
    team_slug       varchar(30),
    pipeline_name   varchar(63),
    revision_before integer,
    revision_after  integer,
    source          varchar(16),
    detail          varchar(2000)
);

create index audit_event_team on audit_event (team_slug, id);
