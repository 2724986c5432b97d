package dev.shop.admin;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.shop.testkit.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** An admin of the tests: known to the user directory (so audit entries carry its phone), with a token. */
public final class Admins {

    public final String id;
    public final String phone;
    public final String token;

    private Admins(String id, String phone) {
        this.id = id;
        this.phone = phone;
        this.token = TestTokens.admin(id);
    }

    /** A new admin, registered through the identity topic and waited for in the directory. */
    public static Admins registered(Events events) {
        String id = Events.newId();
        String phone = "+9190" + String.format("%08d", Math.abs(id.hashCode()) % 100_000_000);
        events.send(Events.registered(id, phone, "Admin " + id.substring(18), Instant.now(), "customer", "admin"));
        Admins admin = new Admins(id, phone);
        Await.until("admin " + id + " registered in the user directory",
                () -> admin.request().get("/api/v1/admin/users/" + id),
                r -> r.statusCode() == 200 && phone.equals(r.jsonPath().getString("phoneNumber"))
                        && r.jsonPath().getList("roles").contains("admin"));
        return admin;
    }

    public RequestSpecification request() {
        return given().auth().oauth2(token);
    }

    /** The audit entries naming {@code targetId}, newest first. */
    public List<Map<String, Object>> auditOf(String targetId) {
        JsonPath page = request().queryParam("target", targetId).queryParam("size", "100")
                .get("/api/v1/admin/audit").then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /** Waits until {@code count} audit entries name {@code targetId}. */
    public List<Map<String, Object>> awaitAudit(String targetId, int count) {
        return Await.until(count + " audit entries on " + targetId, () -> auditOf(targetId), e -> e.size() >= count);
    }
}
