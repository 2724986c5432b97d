package dev.shop.catalog.api;

import static dev.shop.catalog.CatalogFixtures.adminToken;
import static dev.shop.catalog.CatalogFixtures.asAdmin;
import static dev.shop.catalog.CatalogFixtures.createSimpleProduct;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.shop.catalog.TestImages;
import dev.shop.contracts.catalog.ProductUpdated;
import dev.shop.contracts.events.EventEnvelope;
import dev.shop.contracts.events.EventJson;
import dev.shop.contracts.events.Topics;
import dev.shop.testkit.ShopTestResources;
import dev.shop.testkit.TestTokens;
import dev.shop.testkit.TopicProbe;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class ImageResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    ReactiveMongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private static Response upload(String productId, String fileName, byte[] bytes, String declaredType) {
        return given().auth().oauth2(adminToken())
                .multiPart("file", fileName, bytes, declaredType)
                .when().post("/api/v1/products/" + productId + "/images");
    }

    private long storedFiles() {
        return mongo.getDatabase(database).getCollection("media.files").countDocuments().await().indefinitely();
    }

    private long storedChunks() {
        return mongo.getDatabase(database).getCollection("media.chunks").countDocuments().await().indefinitely();
    }

    @Test
    void anUploadedImageIsServedWithLongCachingAndAnnounced() {
        String product = createSimpleProduct(5, 10_000);
        byte[] png = TestImages.png(40, 30, Color.BLUE);

        try (TopicProbe probe = TopicProbe.open(Topics.CATALOG_PRODUCTS)) {
            String imageId = given().auth().oauth2(adminToken())
                    .multiPart("file", "front.png", png, "image/png")
                    .multiPart("alt", "Front view")
                    .when().post("/api/v1/products/" + product + "/images")
                    .then().statusCode(201)
                    .body("", hasSize(1))
                    .body("[0].contentType", equalTo("image/png"))
                    .body("[0].size", equalTo(png.length))
                    .body("[0].alt", equalTo("Front view"))
                    .extract().path("[0].id");

            byte[] served = given().when().get("/api/v1/media/" + imageId)
                    .then().statusCode(200)
                    .contentType("image/png")
                    .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                    .header("ETag", equalTo("\"" + imageId + "\""))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .extract().asByteArray();
            assertThat(served).isEqualTo(png);
            given().header("If-None-Match", "\"" + imageId + "\"").when().get("/api/v1/media/" + imageId)
                    .then().statusCode(304);

            given().when().get("/api/v1/products/" + product).then()
                    .body("images[0].url", equalTo("/api/v1/media/" + imageId));
            EventEnvelope event = probe.awaitEvents(ProductUpdated.TYPE, 1, Duration.ofSeconds(20)).stream()
                    .filter(e -> e.aggregateId().equals(product)).findFirst().orElseThrow();
            ProductUpdated updated = EventJson.dataAs(event, ProductUpdated.class);
            assertThat(updated.changes()).containsExactly("images");
            assertThat(updated.product().imageUrl()).isEqualTo("/api/v1/media/" + imageId);
        }
    }

    @Test
    void theTypeComesFromTheBytesNotFromTheClient() {
        String product = createSimpleProduct(5, 10_000);

        upload(product, "photo.png", TestImages.jpeg(20, 20, Color.GREEN), "image/png")
                .then().statusCode(201).body("[0].contentType", equalTo("image/jpeg"));
        upload(product, "photo.bin", TestImages.webp(), "application/octet-stream")
                .then().statusCode(201).body("[1].contentType", equalTo("image/webp"));
    }

    @Test
    void aPngThatIsReallyTextIs415AndNothingIsStored() {
        String product = createSimpleProduct(5, 10_000);
        long files = storedFiles();

        upload(product, "evil.png", "<script>alert(1)</script> not an image at all".getBytes(StandardCharsets.UTF_8),
                "image/png")
                .then().statusCode(415).contentType(PROBLEM).body("detail", containsString("JPEG, PNG or WebP"));
        // A GIF is an image, but not one we accept.
        upload(product, "anim.gif", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1),
                "image/gif")
                .then().statusCode(415);
        // The PNG signature alone, without the header chunk that follows it in every PNG.
        byte[] fakePng = new byte[64];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }, 0, fakePng, 0, 8);
        upload(product, "fake.png", fakePng, "image/png").then().statusCode(415);

        assertThat(storedFiles()).isEqualTo(files);
        given().when().get("/api/v1/products/" + product).then().body("images", hasSize(0));
    }

    @Test
    void anImageOverFiveMegabytesIs413AndNothingIsStored() {
        String product = createSimpleProduct(5, 10_000);
        long files = storedFiles();
        long chunks = storedChunks();

        upload(product, "big.png", TestImages.pngOfSize(5 * 1024 * 1024 + 1), "image/png")
                .then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
        // Far above the limit: refused from the declared length, before the body is read.
        upload(product, "huge.png", TestImages.pngOfSize(7 * 1024 * 1024), "image/png")
                .then().statusCode(413).contentType(PROBLEM);

        assertThat(storedFiles()).isEqualTo(files);
        assertThat(storedChunks()).isEqualTo(chunks);
        upload(product, "ok.png", TestImages.pngOfSize(5 * 1024 * 1024), "image/png").then().statusCode(201);
    }

    @Test
    void aProductHoldsAtMostTenImages() {
        String product = createSimpleProduct(5, 10_000);
        for (int i = 0; i < 10; i++) {
            upload(product, "i" + i + ".png", TestImages.png(8, 8, new Color(i * 20, 0, 0)), "image/png")
                    .then().statusCode(201).body("", hasSize(i + 1));
        }
        long files = storedFiles();

        upload(product, "eleventh.png", TestImages.png(8, 8, Color.WHITE), "image/png")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("10"));

        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void imagesCanBeReorderedAndDeleted() {
        String product = createSimpleProduct(5, 10_000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(upload(product, "i.png", TestImages.png(8, 8, new Color(0, i * 50, 0)), "image/png")
                    .then().statusCode(201).extract().path("[" + i + "].id"));
        }
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);

        asAdmin().body(Map.of("imageIds", reversed)).when().put("/api/v1/products/" + product + "/images/order")
                .then().statusCode(200).body("id", equalTo(reversed));
        given().when().get("/api/v1/products/" + product + "/images").then().statusCode(200)
                .body("id", equalTo(reversed));
        asAdmin().body(Map.of("imageIds", ids.subList(0, 2))).when()
                .put("/api/v1/products/" + product + "/images/order")
                .then().statusCode(400).body("violations[0].field", equalTo("imageIds"));
        asAdmin().body(Map.of("imageIds", List.of(ids.get(0), ids.get(0), ids.get(1)))).when()
                .put("/api/v1/products/" + product + "/images/order")
                .then().statusCode(400);

        asAdmin().when().delete("/api/v1/products/" + product + "/images/" + ids.get(1)).then().statusCode(204);
        given().when().get("/api/v1/media/" + ids.get(1)).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/products/" + product).then()
                .body("images.id", equalTo(List.of(ids.get(2), ids.get(0))));
        asAdmin().when().delete("/api/v1/products/" + product + "/images/" + ids.get(1)).then().statusCode(404);
    }

    @Test
    void imageWritesNeedTheAdminRoleAndAProduct() {
        String product = createSimpleProduct(5, 10_000);
        byte[] png = TestImages.png(8, 8, Color.BLACK);
        String imageId = upload(product, "a.png", png, "image/png").then().statusCode(201).extract().path("[0].id");
        long files = storedFiles();

        given().multiPart("file", "a.png", png, "image/png").when().post("/api/v1/products/" + product + "/images")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.customer("c-1")).multiPart("file", "a.png", png, "image/png")
                .when().post("/api/v1/products/" + product + "/images").then().statusCode(403);
        given().auth().oauth2(TestTokens.customer("c-1")).when()
                .delete("/api/v1/products/" + product + "/images/" + imageId).then().statusCode(403);
        given().auth().oauth2(TestTokens.customer("c-1")).contentType("application/json")
                .body(Map.of("imageIds", List.of(imageId)))
                .when().put("/api/v1/products/" + product + "/images/order").then().statusCode(403);
        upload("0123456789abcdef01234567", "a.png", png, "image/png").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(adminToken()).multiPart("alt", "no file")
                .when().post("/api/v1/products/" + product + "/images")
                .then().statusCode(400).body("violations[0].field", equalTo("file"));

        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void unknownMediaIs404() {
        given().when().get("/api/v1/media/0123456789abcdef01234567").then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/media/not-an-id").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void gridFsKeepsContentTypeAndProductInTheFileMetadata() {
        String product = createSimpleProduct(5, 10_000);
        String imageId = upload(product, "m.png", TestImages.png(8, 8, Color.CYAN), "image/png")
                .then().statusCode(201).extract().path("[0].id");

        Document file = mongo.getDatabase(database).getCollection("media.files")
                .find(new Document("_id", new org.bson.types.ObjectId(imageId))).collect().first()
                .await().indefinitely();
        assertThat(file.get("metadata", Document.class)).containsEntry("contentType", "image/png")
                .containsEntry("productId", product);
    }
}
