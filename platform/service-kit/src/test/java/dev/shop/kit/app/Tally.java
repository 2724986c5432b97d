package dev.shop.kit.app;

import java.util.List;

import dev.shop.contracts.events.EventContract;
import dev.shop.kit.problem.ProblemException;

/** A tiny aggregate of the test application: a named count that only goes up, and can be closed. */
public final class Tally {

    @EventContract(topic = KitTestResource.TOPIC, type = TallyOpened.TYPE, version = 1)
    public record TallyOpened(String id, String name) {
        public static final String TYPE = "TallyOpened";
    }

    @EventContract(topic = KitTestResource.TOPIC, type = TallyAdded.TYPE, version = 1)
    public record TallyAdded(String id, int by, long total) {
        public static final String TYPE = "TallyAdded";
    }

    private final String id;
    private final String name;
    private final long version;
    private long total;
    private boolean closed;
    private String note;

    public Tally(String id, String name, long total, boolean closed, String note, long version) {
        this.id = id;
        this.name = name;
        this.total = total;
        this.closed = closed;
        this.note = note;
        this.version = version;
    }

    public static Tally open(String id, String name) {
        return new Tally(id, name, 0, false, null, 0);
    }

    public TallyOpened opened() {
        return new TallyOpened(id, name);
    }

    public List<Object> add(int by) {
        if (closed) {
            throw ProblemException.conflict("tally " + id + " is closed");
        }
        total += by;
        return List.of(new TallyAdded(id, by, total));
    }

    /** Closing twice is harmless: nothing changes, nothing is announced. */
    public List<Object> close() {
        closed = true;
        return List.of();
    }

    public void note(String note) {
        this.note = note;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long total() {
        return total;
    }

    public boolean closed() {
        return closed;
    }

    public String note() {
        return note;
    }

    public long version() {
        return version;
    }
}
