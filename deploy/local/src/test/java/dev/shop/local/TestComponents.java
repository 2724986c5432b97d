package dev.shop.local;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.shop.testkit.FreePorts;

/** Components for launcher tests: small JVMs running {@link FakeService} from the test classes. */
final class TestComponents {

    private TestComponents() {
    }

    static Component fake(String name, Stage stage, int port) {
        return fake(name, stage, port, Map.of());
    }

    static Component fake(String name, Stage stage, int port, Map<String, String> extraEnvironment) {
        Path classes = testClasses();
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return new Component(name, stage, classes.resolve("dev/shop/local/FakeService.class").toString(),
                List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                        classes.toString(), FakeService.class.getName()),
                environment, List.of(port), HealthCheck.http(port, "/q/health/ready"));
    }

    static Path testClasses() {
        try {
            return Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port for a component started later; see {@link FreePorts}. */
    static int freePort() {
        return FreePorts.next();
    }
}
