package dev.shop.deploy;

import java.nio.file.Path;

/** Where the kustomizations live, relative to the repository. */
final class Overlays {

    private Overlays() {
    }

    static Path k8s() {
        return ServiceConfigs.repositoryRoot().resolve("deploy/k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static Path secretTemplates() {
        return k8s().resolve("secrets/templates.yaml");
    }
}
