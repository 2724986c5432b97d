package dev.shop.system.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.shop.system.support.Await;
import dev.shop.system.support.Catalog;
import dev.shop.system.support.Client;
import dev.shop.system.support.Orders;
import dev.shop.system.support.SystemTest;
import io.restassured.response.Response;

/** What an admin does through the gateway: catalogue, orders, dashboard, audit log. */
@SystemTest
@Order(20)
class AdminJourneyIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Test
    void createsAProductWithAnImageShipsAnOrderAndFindsItAllInTheAuditLog() throws IOException {
        Client admin = Client.demoAdmin();
        Catalog catalog = Catalog.create(admin, "Admin");

        // a product created through admin-service (audited), with an image uploaded to the catalogue
        String word = "Zircon" + Catalog.code(5).toLowerCase(java.util.Locale.ROOT);
        Response created = admin.json(catalog.productBody(word + " oil filter", 45_000, 30))
                .post("/api/v1/admin/catalog/products");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String productId = created.path("id");
        Response image = admin.request().multiPart("file", "filter.png", png(), "image/png")
                .multiPart("alt", "the filter from above").post("/api/v1/products/" + productId + "/images");
        assertThat(image.statusCode()).as(image.asString()).isEqualTo(201);
        // the answer lists the product's images
        List<String> imageUrls = image.path("url");
        assertThat(imageUrls).hasSize(1);
        String imageUrl = imageUrls.get(0);
        Response media = Client.visitor().anonymous().get(imageUrl);
        assertThat(media.statusCode()).isEqualTo(200);
        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.header("ETag")).isNotBlank();

        // found by a visitor's search, with its image
        Response found = Await.until("the product found by its name", EVENTUALLY,
                () -> Client.visitor().anonymous().queryParam("q", word).get("/api/v1/products"),
                r -> r.statusCode() == 200 && r.<List<String>> path("items.id").contains(productId));
        assertThat(found.<List<String>> path("items.id")).containsExactly(productId);
        assertThat(Catalog.product(productId).<List<String>> path("images.url")).containsExactly(imageUrl);

        // a customer buys three; the admin ships and delivers the order through admin-service
        Map<String, Object> before = admin.request().get("/api/v1/admin/dashboard").path("totals");
        Client customer = Client.otpCustomer();
        Orders.cartWith(customer, productId, 3);
        String orderId = Orders.place(customer, Orders.cod());
        Orders.awaitStatus(customer, orderId, "CONFIRMED");
        Await.until("the order in the back office's index", EVENTUALLY,
                () -> admin.request().get("/api/v1/admin/orders/" + orderId), r -> r.statusCode() == 200);
        Orders.shipAndDeliver(admin, orderId);
        Response delivered = Orders.awaitStatus(customer, orderId, "DELIVERED");
        assertThat(delivered.<List<String>> path("statusHistory.status")).containsSubsequence("CONFIRMED",
                "SHIPPED", "DELIVERED");

        // the dashboard and the most-bought list move
        Response dashboard = Await.until("the dashboard counts the order and its product", EVENTUALLY,
                () -> admin.request().get("/api/v1/admin/dashboard"),
                r -> r.statusCode() == 200
                        && ((Number) r.path("totals.orders")).longValue() > ((Number) before.get("orders")).longValue()
                        && r.<List<String>> path("topProducts.productId").contains(productId));
        assertThat(((Number) dashboard.path("totals.revenue.amount")).longValue())
                .isGreaterThanOrEqualTo(135_000);
        Await.until("most-bought lists the product", EVENTUALLY,
                () -> Client.visitor().anonymous().queryParam("limit", 50).get("/api/v1/analytics/most-bought"),
                r -> r.statusCode() == 200 && r.<List<String>> path("items.product.id").contains(productId));

        // every command is in the audit log with the admin as its actor
        String adminId = admin.userId();
        for (String[] action : new String[][] { { "catalog.product.create", productId },
                { "order.status.change", orderId } }) {
            Response audit = Await.until(action[0] + " audited", EVENTUALLY,
                    () -> admin.request().queryParam("action", action[0]).queryParam("actor", adminId)
                            .get("/api/v1/admin/audit"),
                    r -> r.statusCode() == 200 && r.<List<String>> path("items.targetId").contains(action[1]));
            List<Map<String, Object>> entries = audit.path("items.findAll { it.targetId == '" + action[1] + "' }");
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.get("actorId")).isEqualTo(adminId);
                assertThat(e.get("actorPhone")).isEqualTo(Client.DEMO_ADMIN_PHONE);
                assertThat(e.get("outcome")).isEqualTo("SUCCEEDED");
            });
            if (action[0].equals("order.status.change")) {
                assertThat(entries).hasSize(2);
            }
        }
        Response chain = admin.request().get("/api/v1/admin/audit/verify");
        assertThat(chain.statusCode()).isEqualTo(200);
        assertThat(chain.<Boolean> path("valid")).isTrue();
    }

    /** A small real PNG: the catalogue sniffs the type from the bytes. */
    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 30));
        g.fillRect(8, 8, 48, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
