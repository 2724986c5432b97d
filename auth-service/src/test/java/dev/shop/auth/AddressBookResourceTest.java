package dev.shop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.shop.testkit.ShopTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(ShopTestResources.class)
class AddressBookResourceTest {

    static Map<String, Object> address(String line1, boolean isDefault) {
        Map<String, Object> a = new HashMap<>();
        a.put("fullName", "Kiran Rao");
        a.put("phoneNumber", "98450 12345");
        a.put("line1", line1);
        a.put("line2", "2nd Cross");
        a.put("landmark", "Near the temple");
        a.put("city", "Bengaluru");
        a.put("state", "Karnataka");
        a.put("postalCode", "560001");
        a.put("country", "IN");
        a.put("isDefault", isDefault);
        return a;
    }

    static String add(AuthApi.Session s, String line1, boolean isDefault) {
        return s.authorized().body(address(line1, isDefault)).post("/api/v1/me/addresses").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void addListReplaceAndDelete() {
        AuthApi.Session s = AuthApi.newCustomer();
        Response created = s.authorized().body(address("12 MG Road", false)).post("/api/v1/me/addresses");
        created.then().statusCode(201)
                .body("id", notNullValue())
                .body("phoneNumber", equalTo("+919845012345"))
                .body("isDefault", equalTo(true))
                .body("country", equalTo("IN"))
                .body("createdAt", notNullValue());
        String id = created.path("id");
        assertThat(created.getHeader("Location")).endsWith("/api/v1/me/addresses/" + id);

        String second = add(s, "7 Residency Road", false);
        s.authorized().get("/api/v1/me/addresses").then().statusCode(200)
                .body("items", hasSize(2))
                .body("total", equalTo(2))
                .body("items[0].id", equalTo(id))
                .body("items[0].isDefault", equalTo(true))
                .body("items[1].isDefault", equalTo(false));

        Map<String, Object> changed = address("8 Residency Road", true);
        changed.put("city", "Mysuru");
        changed.put("postalCode", "570001");
        s.authorized().body(changed).put("/api/v1/me/addresses/" + second).then().statusCode(200)
                .body("line1", equalTo("8 Residency Road"))
                .body("city", equalTo("Mysuru"))
                .body("isDefault", equalTo(true));
        s.authorized().get("/api/v1/me/addresses").then()
                .body("items[0].id", equalTo(second))
                .body("items.findAll { it.isDefault }", hasSize(1));

        s.authorized().delete("/api/v1/me/addresses/" + id).then().statusCode(204);
        s.authorized().get("/api/v1/me/addresses").then().body("items.id", equalTo(List.of(second)));
    }

    @Test
    void exactlyOneDefaultWhileTheBookIsNotEmpty() {
        AuthApi.Session s = AuthApi.newCustomer();
        String first = add(s, "1 First Street", false);
        String second = add(s, "2 Second Street", true);
        String third = add(s, "3 Third Street", false);
        s.authorized().get("/api/v1/me/addresses").then()
                .body("items.findAll { it.isDefault }.id", equalTo(List.of(second)));

        // the default cannot simply be switched off
        s.authorized().body(address("2 Second Street", false)).put("/api/v1/me/addresses/" + second).then()
                .statusCode(422).contentType("application/problem+json");

        // deleting the default promotes the newest remaining address
        s.authorized().delete("/api/v1/me/addresses/" + second).then().statusCode(204);
        s.authorized().get("/api/v1/me/addresses").then()
                .body("items.findAll { it.isDefault }.id", equalTo(List.of(third)))
                .body("items.id", hasItems(first, third));
    }

    @Test
    void atMostTwentyAddresses() {
        AuthApi.Session s = AuthApi.newCustomer();
        for (int i = 1; i <= 20; i++) {
            add(s, i + " Long Road", false);
        }
        s.authorized().body(address("21 Long Road", false)).post("/api/v1/me/addresses").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/business-rule"));
        s.authorized().get("/api/v1/me/addresses?size=5&page=1").then().statusCode(200)
                .body("items", hasSize(5)).body("total", equalTo(20)).body("page", equalTo(1));
    }

    @Test
    void fieldsAreValidated() {
        AuthApi.Session s = AuthApi.newCustomer();
        Map<String, Object> bad = address(" ", false);
        bad.put("postalCode", "12");
        bad.put("phoneNumber", "123");
        bad.put("country", "XX");
        bad.remove("city");
        s.authorized().body(bad).post("/api/v1/me/addresses").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("line1", "postalCode", "phoneNumber", "country", "city"));

        Map<String, Object> longLine = address("x".repeat(201), false);
        s.authorized().body(longLine).post("/api/v1/me/addresses").then().statusCode(400);
        Map<String, Object> injection = address("1 Road", false);
        injection.put("city", Map.of("$ne", ""));
        s.authorized().body(injection).post("/api/v1/me/addresses").then().statusCode(400);
        s.authorized().post("/api/v1/me/addresses").then().statusCode(400);

        Map<String, Object> abroad = address("10 Downing Street", false);
        abroad.put("country", "gb");
        abroad.put("postalCode", "SW1A 2AA");
        abroad.put("phoneNumber", "+44 20 7946 0958");
        s.authorized().body(abroad).post("/api/v1/me/addresses").then().statusCode(201)
                .body("country", equalTo("GB")).body("phoneNumber", equalTo("+442079460958"));
    }

    @Test
    void anotherUsersAddressIsNotFound() {
        AuthApi.Session owner = AuthApi.newCustomer();
        AuthApi.Session other = AuthApi.newCustomer();
        String id = add(owner, "1 Private Lane", false);

        other.authorized().body(address("hijacked", true)).put("/api/v1/me/addresses/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        other.authorized().delete("/api/v1/me/addresses/" + id).then().statusCode(404);
        other.authorized().get("/api/v1/me/addresses").then().body("items", hasSize(0));
        owner.authorized().get("/api/v1/me/addresses").then().body("items[0].line1", equalTo("1 Private Lane"));
        owner.authorized().delete("/api/v1/me/addresses/not-an-id").then().statusCode(404);
    }

    @Test
    void theAddressBookNeedsAToken() {
        io.restassured.RestAssured.given().get("/api/v1/me/addresses").then().statusCode(401);
        io.restassured.RestAssured.given().contentType("application/json").body(address("1 Road", false))
                .post("/api/v1/me/addresses").then().statusCode(401);
    }
}
