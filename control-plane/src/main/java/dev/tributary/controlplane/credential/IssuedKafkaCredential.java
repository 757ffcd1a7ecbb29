package dev.tributary.controlplane.credential;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A credential just created or rotated: the only answer that holds its secret. */
@Schema(name = "IssuedKafkaCredential")
public record IssuedKafkaCredential(
    KafkaCredentialView credential,
    @Schema(description = "The secret. It is shown this once; Kafka keeps only its SCRAM hash.")
        String password,
    @Schema(description = "The brokers.") String bootstrapServers,
    @Schema(description = "SASL_PLAINTEXT or SASL_SSL, as the cluster's listener asks.")
        String securityProtocol,
    @Schema(description = "Always SCRAM-SHA-512.") String saslMechanism,
    @Schema(
            description =
                "A client properties file for Kafka's Java clients and tools"
                    + " (kafka-console-producer.sh --producer.config …), with the secret.")
        String clientProperties) {}
