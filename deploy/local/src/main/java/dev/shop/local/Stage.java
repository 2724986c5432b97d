package dev.shop.local;

/**
 * When a component starts relative to the others. Components of one stage start together once every earlier stage is
 * healthy, and stop together after every later stage has stopped.
 */
public enum Stage {
    INFRASTRUCTURE,
    SERVICES,
    GATEWAY
}
