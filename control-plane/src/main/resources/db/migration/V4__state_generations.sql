-- State generations (docs/upgrades.md): an update with spec.upgrade.mode reset-state runs under a
-- new application id, <topic prefix><name>.<generation>, with a new consumer group, internal
-- topics and stores. A revision records the generation it runs under; the pipeline, the one in
-- force. Numbers are never reused: a new generation is the largest of the pipeline's revisions + 1.
alter table pipeline
    add column state_generation integer not null default 1 check (state_generation >= 1);
alter table pipeline_revision
    add column state_generation integer not null default 1 check (state_generation >= 1);

-- The automatic rollback of a revision that does not become Running: the last revision the deploy
-- target reported Running with every worker on it, and the last rollback the control plane made.
alter table pipeline
    add column last_running_revision        integer,
    add column automatic_rollback_from      integer,
    add column automatic_rollback_to        integer,
    add column automatic_rollback_revision  integer,
    add column automatic_rollback_at        timestamptz,
    add column automatic_rollback_reason    varchar(2000);

-- A revision the control plane wrote itself (an automatic rollback) has the source AUTOMATIC.
alter table pipeline_revision drop constraint pipeline_revision_source_check;
alter table pipeline_revision
    add constraint pipeline_revision_source_check
        check (source in ('API', 'CONSOLE', 'KUBECTL', 'AUTOMATIC'));
