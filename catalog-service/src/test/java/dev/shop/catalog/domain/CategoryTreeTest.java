package dev.shop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.kit.problem.ProblemException;

class CategoryTreeTest {

    private static Category cat(String id, String parent) {
        return new Category(id, "slug-" + id, "Name " + id, null, parent, 0, null, null, 1);
    }

    private final CategoryTree tree = new CategoryTree(List.of(cat("a", null), cat("b", "a"), cat("c", "b"),
            cat("d", "c"), cat("x", null), cat("y", "x")));

    @Test
    void pathsDepthsAndSubtrees() {
        assertThat(tree.path("d")).extracting(Category::id).containsExactly("a", "b", "c", "d");
        assertThat(tree.depth("d")).isEqualTo(4);
        assertThat(tree.height("b")).isEqualTo(3);
        assertThat(tree.subtreeIds("b")).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(tree.find("slug-c")).map(Category::id).contains("c");
        assertThat(tree.roots()).extracting(Category::id).containsExactly("a", "x");
    }

    @Test
    void placementKeepsTheTreeAcyclicAndAtMostFourLevels() {
        tree.checkPlacement(null, "c");
        tree.checkPlacement("y", "b");
        tree.checkPlacement("x", "b");
        assertThatThrownBy(() -> tree.checkPlacement(null, "d")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("parentId");
        assertThatThrownBy(() -> tree.checkPlacement("a", "c")).hasMessageContaining("below itself");
        assertThatThrownBy(() -> tree.checkPlacement("x", "c")).hasMessageContaining("4 levels");
        assertThatThrownBy(() -> tree.checkPlacement(null, "nope")).hasMessageContaining("no category");
    }
}
