-- Quotas on the topics a team's pipelines use: how many, and how many partitions in all. One
-- valid document may name a hundred topics; these bound what the team's pipelines make the
-- deploy target create (docs/security.md, "Quotas").

alter table team
    add column max_topics           integer not null default 200  check (max_topics >= 0),
    add column max_total_partitions integer not null default 2000 check (max_total_partitions >= 0);

-- The topics the current revision of each pipeline plans (pipeline-api's Planner: its sources,
-- tables, sinks and dead-letter topic), so that a team's usage is one query over this table.
create table pipeline_topic (
    id          bigint generated always as identity primary key,
    pipeline_id bigint       not null references pipeline (id) on delete cascade,
    name        varchar(249) not null,
    -- The partitions the document asks for; 1 when it does not say.
    partitions  integer      not null check (partitions >= 1),
    unique (pipeline_id, name)
);

-- The pipelines that exist already: the topics of their current revision, read from its canonical
-- document as the Planner reads them; a topic named twice counts once, with the larger ask.
insert into pipeline_topic (pipeline_id, name, partitions)
select planned.pipeline_id, planned.name, max(planned.partitions)
from (
    select p.id as pipeline_id, topic.value ->> 'topic' as name,
           coalesce((topic.value ->> 'partitions')::integer, 1) as partitions
    from pipeline p
    join pipeline_revision r on r.pipeline_id = p.id and r.number = p.current_revision
    cross join lateral jsonb_array_elements(
        coalesce(r.document::jsonb -> 'spec' -> 'sources', '[]'::jsonb)
        || coalesce(r.document::jsonb -> 'spec' -> 'tables', '[]'::jsonb)
        || coalesce(r.document::jsonb -> 'spec' -> 'sinks', '[]'::jsonb)) as topic
    union all
    select p.id, coalesce(r.document::jsonb -> 'spec' -> 'deadLetter' ->> 'topic',
                          t.topic_prefix || p.name || '.dead-letter'), 1
    from pipeline p
    join team t on t.id = p.team_id
    join pipeline_revision r on r.pipeline_id = p.id and r.number = p.current_revision
) planned
group by planned.pipeline_id, planned.name;
