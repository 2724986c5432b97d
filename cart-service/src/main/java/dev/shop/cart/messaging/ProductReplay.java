package dev.shop.cart.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.shop.cart.persistence.ProductRepository;
import dev.shop.kit.messaging.IdempotentConsumer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Rebuilds an empty product read model (a new database, or one whose products were dropped) by replaying
 * {@code shop.catalog.products.v1} from the beginning, whatever offsets the consumer group has committed. When the
 * consumer receives its partitions and the read model holds no product, it forgets which product events it processed,
 * moves to the beginning of each partition and commits that position (so an instance taking a partition over during
 * the replay starts from the beginning too). Replaying is safe: the projection keeps the newest version of each
 * product.
 */
@ApplicationScoped
@Identifier(ProductReplay.NAME)
public class ProductReplay implements KafkaConsumerRebalanceListener {

    public static final String NAME = "cart-product-replay";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ProductRepository products;
    private final IdempotentConsumer consumer;

    public ProductReplay(ProductRepository products, IdempotentConsumer consumer) {
        this.products = products;
        this.consumer = consumer;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            // Products fetched from the catalogue before the first assignment (requests can come first) do not
            // count: only events make the read model complete.
            if (products.countFromEvents().await().atMost(WAIT) > 0) {
                return;
            }
            Log.infof("The product read model is empty: replaying %s from the beginning", partitions);
            long forgotten = consumer.forget(ProductEventsConsumer.CONSUMER).await().atMost(WAIT);
            Map<TopicPartition, Long> beginning = kafka.beginningOffsets(partitions, WAIT);
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            beginning.forEach((partition, offset) -> {
                kafka.seek(partition, offset);
                positions.put(partition, new OffsetAndMetadata(offset, "product read model replay"));
            });
            kafka.commitSync(positions, WAIT);
            Log.debugf("Replay positions %s committed; %d processed markers forgotten", positions, forgotten);
        } catch (RuntimeException e) {
            // The consumer goes on from its committed positions; the next assignment checks again.
            Log.errorf(e, "Could not check or start the product read model replay for %s", partitions);
        }
    }
}
