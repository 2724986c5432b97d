package dev.shop.contracts.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event payload on the wire: the topic it is published to, its {@code type} in the envelope and its schema
 * version. Every payload record of this module carries one, so a producer never picks a type with an
 * {@code instanceof} chain and a consumer switches on the same constants:
 *
 * <pre>
 * &#64;EventContract(topic = Topics.ORDERS, type = OrderPlaced.TYPE, version = OrderPlaced.VERSION)
 * public record OrderPlaced(...) {
 *     public static final String TYPE = "OrderPlaced";
 *     public static final int VERSION = 1;
 * }
 * </pre>
 *
 * Read it with {@link EventContracts#of(Class)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventContract {

    /** The topic, one of {@link Topics}. */
    String topic();

    /** The envelope's {@code type}, equal to the record's {@code TYPE} constant. */
    String type();

    /** The schema version, equal to the record's {@code VERSION} constant. */
    int version();
}
