package dev.shop.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Quarkus service in launcher tests: answers 200 on {@code /q/health/ready} at
 * {@code QUARKUS_HTTP_PORT}, or exits with code 3 at once if {@code FAKE_FAIL} is set.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("fake service starting");
        if (System.getenv("FAKE_FAIL") != null) {
            System.out.println("fake service failing on purpose");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
