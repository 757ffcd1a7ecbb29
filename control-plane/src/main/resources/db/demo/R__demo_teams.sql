-- The two demo teams of the realm file (groups /teams/payments and /teams/logistics), for local
-- mode and the tests only (see quarkus.flyway.locations in application.properties).
insert into team (slug, display_name, namespace, topic_prefix, keycloak_group, max_pipelines,
                  max_total_replicas, max_partitions_per_topic, max_topics, max_total_partitions,
                  version, created_at, updated_at)
values ('payments', 'Payments', 'team-payments', 'payments.', '/teams/payments', 200, 400, 24, 1000, 10000, 0, now(), now()),
       ('logistics', 'Logistics', 'team-logistics', 'logistics.', '/teams/logistics', 200, 400, 24, 1000, 10000, 0, now(), now())
on conflict (slug) do nothing;
