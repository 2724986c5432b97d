package dev.shop.contracts.events;

/**
 * Kafka topic names (docs/events.md). Names are domain nouns with a version; a breaking change gets a new topic.
 */
public final class Topics {

    /** auth-service: UserRegistered, UserUpdated, UserBlocked, UserUnblocked, UserRoleChanged, SignInLocked. */
    public static final String IDENTITY_USERS = "shop.identity.users.v1";
    /** auth-service: SessionRevoked. */
    public static final String IDENTITY_SESSIONS = "shop.identity.sessions.v1";
    /** catalog-service: ProductCreated, ProductUpdated, ProductDeleted. */
    public static final String CATALOG_PRODUCTS = "shop.catalog.products.v1";
    /** catalog-service: StockReserved, StockRejected, StockReleased, StockLow. */
    public static final String CATALOG_INVENTORY = "shop.catalog.inventory.v1";
    /** order-service: OrderPlaced, OrderConfirmed, OrderRejected, OrderPaid, OrderCancelled, OrderShipped, OrderDelivered. */
    public static final String ORDERS = "shop.orders.v1";
    /** admin-service: AuditRecorded. */
    public static final String ADMIN_AUDIT = "shop.admin.audit.v1";

    private Topics() {
    }

    /** Every topic the platform produces to. */
    public static java.util.List<String> all() {
        return java.util.List.of(IDENTITY_USERS, IDENTITY_SESSIONS, CATALOG_PRODUCTS, CATALOG_INVENTORY, ORDERS,
                ADMIN_AUDIT);
    }

    /**
     * The dead-letter topic of one consumer channel of one service, e.g. {@code shop.dlq.catalog-service.orders}.
     * Events that a consumer cannot process land there instead of being acknowledged and lost.
     */
    public static String deadLetter(String service, String channel) {
        return "shop.dlq." + service + "." + channel;
    }
}
