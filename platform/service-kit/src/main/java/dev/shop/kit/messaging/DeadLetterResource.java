package dev.shop.kit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

/**
 * Operations on what a service could not process or publish, for admins, in every service that has the kit:
 * <ul>
 * <li>{@code GET /internal/dead-letters}: each consumer channel with its dead-letter topic, how many records it holds
 * and how many were not replayed yet;</li>
 * <li>{@code GET /internal/dead-letters/{channel}?limit=}: the records, with the failure reason from their
 * headers;</li>
 * <li>{@code POST /internal/dead-letters/{channel}/replay}: publishes the records not replayed yet back to their
 * original topic (see {@link DeadLetterTopics});</li>
 * <li>{@code GET /internal/outbox/parked}: outbox events the broker kept refusing, moved aside by the relay.</li>
 * </ul>
 * {@code /internal/} paths are not routed by the gateway: call the service's own port with an admin token.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
@Tag(name = "Operations")
public class DeadLetterResource {

    private static final Pattern DLQ_TOPIC = Pattern
            .compile("mp\\.messaging\\.incoming\\.([^.]+)\\.dead-letter-queue\\.topic");
    private static final Pattern CONNECTOR = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    /** A consumer channel and its dead-letter topic. */
    public record Channel(String channel, String topic, long total, long pending) {
    }

    public record Replayed(String channel, String topic, int replayed) {
    }

    private final Config config;
    private final OutboxRelay relay;

    public DeadLetterResource(Config config, OutboxRelay relay) {
        this.config = config;
        this.relay = relay;
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Consumer channels with their dead-letter topics and counts")
    public List<Channel> channels() {
        DeadLetterTopics topics = topics();
        List<Channel> channels = new ArrayList<>();
        deadLetterTopics().forEach((channel, topic) -> {
            DeadLetterTopics.Summary summary;
            try {
                summary = broker(() -> topics.summary(topic));
            } catch (IllegalArgumentException noTopicYet) {
                summary = new DeadLetterTopics.Summary(topic, 0, 0);
            }
            channels.add(new Channel(channel, topic, summary.total(), summary.pending()));
        });
        return channels;
    }

    @GET
    @Path("/dead-letters/{channel}")
    @Operation(summary = "The dead letters of one consumer channel, oldest first, with the failure reason")
    public List<DeadLetterTopics.DeadLetter> list(@PathParam("channel") String channel,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        String topic = topicOf(channel);
        try {
            return broker(() -> topics().list(topic, limit));
        } catch (IllegalArgumentException noTopicYet) {
            return List.of();
        }
    }

    @POST
    @Path("/dead-letters/{channel}/replay")
    @Operation(summary = "Publish the dead letters not replayed yet back to their original topic")
    public Replayed replay(@PathParam("channel") String channel) {
        String topic = topicOf(channel);
        try {
            return new Replayed(channel, topic, broker(() -> topics().replay(topic)));
        } catch (IllegalArgumentException noTopicYet) {
            return new Replayed(channel, topic, 0);
        }
    }

    @GET
    @Path("/outbox/parked")
    @Operation(summary = "Outbox events the broker kept refusing, moved aside by the relay")
    public Uni<List<OutboxRelay.ParkedEvent>> parked(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be between 1 and 1000");
        }
        return relay.parked(limit);
    }

    private String topicOf(String channel) {
        String topic = deadLetterTopics().get(channel);
        if (topic == null) {
            throw ProblemException.notFound("No consumer channel " + channel);
        }
        return topic;
    }

    /** Every incoming Kafka channel of this service and its dead-letter topic (the connector's default name if unset). */
    private Map<String, String> deadLetterTopics() {
        Map<String, String> topics = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher connector = CONNECTOR.matcher(name);
            if (connector.matches() && "smallrye-kafka".equals(config.getOptionalValue(name, String.class)
                    .orElse(""))) {
                topics.putIfAbsent(connector.group(1), "dead-letter-topic-" + connector.group(1));
            }
        }
        for (String name : config.getPropertyNames()) {
            Matcher dlq = DLQ_TOPIC.matcher(name);
            if (dlq.matches()) {
                config.getOptionalValue(name, String.class).ifPresent(t -> topics.put(dlq.group(1), t));
            }
        }
        return topics;
    }

    private DeadLetterTopics topics() {
        return new DeadLetterTopics(config.getValue("kafka.bootstrap.servers", String.class));
    }

    private static <T> T broker(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw ProblemException.unavailable("Kafka: " + e.getMessage());
        }
    }
}
