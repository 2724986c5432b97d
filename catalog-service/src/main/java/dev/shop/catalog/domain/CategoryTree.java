package dev.shop.catalog.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.shop.kit.problem.ProblemException;

/**
 * The category tree at one moment: lookups by id and slug, sub-trees (a category filter includes sub-categories), and
 * the placement rules (no cycles, at most {@value #MAX_DEPTH} levels).
 */
public final class CategoryTree {

    public static final int MAX_DEPTH = 4;

    private static final Comparator<Category> ORDER = Comparator.comparingInt(Category::sortOrder)
            .thenComparing(Category::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Category::id);

    private final Map<String, Category> byId = new HashMap<>();
    private final Map<String, Category> bySlug = new HashMap<>();
    private final Map<String, List<Category>> children = new HashMap<>();
    private final List<Category> roots = new ArrayList<>();

    public CategoryTree(Collection<Category> categories) {
        for (Category c : categories) {
            byId.put(c.id(), c);
            bySlug.put(c.slug(), c);
        }
        for (Category c : categories) {
            if (c.parentId() == null || !byId.containsKey(c.parentId())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        roots.sort(ORDER);
        children.values().forEach(list -> list.sort(ORDER));
    }

    public static CategoryTree empty() {
        return new CategoryTree(List.of());
    }

    public Optional<Category> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Optional<Category> bySlug(String slug) {
        return Optional.ofNullable(slug == null ? null : bySlug.get(slug));
    }

    /** A category named by id or slug. */
    public Optional<Category> find(String idOrSlug) {
        return byId(idOrSlug).or(() -> bySlug(idOrSlug));
    }

    public List<Category> roots() {
        return List.copyOf(roots);
    }

    public List<Category> children(String id) {
        return List.copyOf(children.getOrDefault(id, List.of()));
    }

    public Collection<Category> all() {
        return byId.values();
    }

    /** The category and every category below it. */
    public Set<String> subtreeIds(String id) {
        Set<String> ids = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(id);
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (ids.add(next)) {
                children.getOrDefault(next, List.of()).forEach(c -> todo.push(c.id()));
            }
        }
        return ids;
    }

    /** Root first, the category itself last. */
    public List<Category> path(String id) {
        List<Category> path = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Category current = byId.get(id);
        while (current != null && seen.add(current.id())) {
            path.add(0, current);
            current = current.parentId() == null ? null : byId.get(current.parentId());
        }
        return path;
    }

    /** 1 for a top-level category. */
    public int depth(String id) {
        return path(id).size();
    }

    /** Levels from the category down to its deepest descendant, itself included (1 for a leaf). */
    public int height(String id) {
        int deepest = 0;
        for (Category child : children.getOrDefault(id, List.of())) {
            deepest = Math.max(deepest, height(child.id()));
        }
        return deepest + 1;
    }

    /**
     * Checks that {@code categoryId} (null for a new category) may sit under {@code parentId} (null for the top level).
     *
     * @throws ProblemException 400 naming {@code parentId} when the parent is unknown, the move makes a cycle or the
     *         tree would get deeper than {@value #MAX_DEPTH} levels
     */
    public void checkPlacement(String categoryId, String parentId) {
        if (parentId == null) {
            return;
        }
        if (!byId.containsKey(parentId)) {
            throw ProblemException.invalid("parentId", "no category " + parentId);
        }
        if (categoryId != null && subtreeIds(categoryId).contains(parentId)) {
            throw ProblemException.invalid("parentId", "a category cannot move below itself");
        }
        int height = categoryId == null ? 1 : height(categoryId);
        if (depth(parentId) + height > MAX_DEPTH) {
            throw ProblemException.invalid("parentId",
                    "the category tree is at most " + MAX_DEPTH + " levels deep");
        }
    }
}
