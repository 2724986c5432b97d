package dev.shop.gateway.proxy;

/**
 * The OpenAPI documents the stub services serve, shaped like SmallRye OpenAPI's output: paths under the service's
 * prefixes, a bearer security scheme of the service's own name, a {@code Problem} schema every service shares and a
 * {@code Page} schema that differs between catalog and cart (the merge must keep both apart). Catalog also documents an
 * internal path the gateway does not expose.
 */
public final class StubApiDocs {

    private StubApiDocs() {
    }

    public static String forService(String name) {
        String paths = switch (name) {
            case "auth" ->
                """
                        "/api/v1/auth/login": {"post": {"operationId": "login", "tags": ["Sessions"],
                            "responses": {"200": {"description": "tokens"},
                                          "401": {"description": "bad", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
                        "/api/v1/me": {"get": {"operationId": "profile", "tags": ["Profile"], "security": [{"SecurityScheme": []}],
                            "responses": {"200": {"description": "profile"}}}}
                        """;
            case "catalog" ->
                """
                        "/api/v1/products": {
                            "get": {"operationId": "list", "tags": ["Products"], "responses": {"200": {"description": "page",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}},
                            "post": {"operationId": "create", "tags": ["Products"], "security": [{"SecurityScheme": []}],
                                "responses": {"201": {"description": "created"}}}},
                        "/api/v1/products/{id}/reviews": {
                            "post": {"operationId": "review", "tags": ["Reviews"], "responses": {"201": {"description": "created"}}}},
                        "/internal/stock": {"get": {"operationId": "stock", "responses": {"200": {"description": "internal"}}}}
                        """;
            case "cart" -> """
                    "/api/v1/cart": {"get": {"operationId": "list", "tags": ["Cart"], "security": [{"SecurityScheme": []}],
                        "responses": {"200": {"description": "cart",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}}}
                    """;
            case "order" ->
                """
                        "/api/v1/orders": {"get": {"operationId": "list", "tags": ["Orders"], "responses": {"200": {"description": "orders"}}},
                                           "post": {"operationId": "place", "tags": ["Orders"], "responses": {"202": {"description": "accepted"}}}},
                        "/api/v1/orders/{id}/status": {"patch": {"operationId": "ship", "tags": ["Orders"], "responses": {"200": {"description": "changed"}}}},
                        "/api/v1/analytics/most-bought": {"get": {"operationId": "mostBought", "tags": ["Analytics"],
                            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                            "responses": {"200": {"description": "products"}}}}
                        """;
            case "admin" ->
                """
                        "/api/v1/admin/users": {"get": {"operationId": "users", "tags": ["Users"], "security": [{"SecurityScheme": []}],
                            "responses": {"200": {"description": "users"}}}}
                        """;
            default -> "";
        };
        String page = name.equals("cart")
                ? "{\"type\": \"object\", \"properties\": {\"lines\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}"
                : "{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\", \"items\": {\"type\": \"object\"}}, \"total\": {\"type\": \"integer\"}}}";
        return """
                {"openapi": "3.0.3",
                 "info": {"title": "%1$s-service API", "version": "1.0.0"},
                 "servers": [{"url": "http://localhost:1234"}],
                 "tags": [{"name": "%1$s-tag"}],
                 "paths": {%2$s},
                 "components": {
                   "schemas": {
                     "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "integer"}}},
                     "Page": %3$s
                   },
                   "securitySchemes": {"SecurityScheme": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
                 }}
                """.formatted(name, paths, page);
    }
}
