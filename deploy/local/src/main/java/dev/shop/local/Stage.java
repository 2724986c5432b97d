package dev.shop.local;

/**
 * When a component starts relative to the others. Components of one stage start together once every earlier stage is
 * healthy (a stage that {@link #startsWithPrevious() starts with the previous one} is launched together with it), and
 * stop together after every later stage has stopped.
 */
public enum Stage {
    INFRASTRUCTURE(false),
    SERVICES(false),
    /**
     * Launched with the services: the gateway needs none of them to boot (it finds an unready upstream per request and
     * fetches API documents when they are asked for), so waiting for them first only adds its own start time.
     */
    GATEWAY(true);

    private final boolean startsWithPrevious;

    Stage(boolean startsWithPrevious) {
        this.startsWithPrevious = startsWithPrevious;
    }

    /** Launched together with the stage before it rather than after it is healthy; still stopped before it. */
    public boolean startsWithPrevious() {
        return startsWithPrevious;
    }
}
