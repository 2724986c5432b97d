package dev.shop.admin.domain;

/**
 * Checks a chain read in {@code seq} order, one entry at a time (so a long chain never sits in memory): numbers run
 * 1, 2, 3… without gaps or repeats, each entry names the hash of the one before it, and each entry's content still
 * matches its hash. The first entry that fails is reported; the rest are counted but not judged.
 */
public final class ChainVerification {

    /**
     * @param valid whether every entry passed
     * @param entries how many entries were read
     * @param firstBrokenId id of the first entry that failed
     * @param firstBrokenSeq its position
     * @param reason what was wrong with it
     */
    public record Result(boolean valid, long entries, String firstBrokenId, Long firstBrokenSeq, String reason) {
    }

    private long expectedSeq = 1;
    private String expectedPrevHash = AuditChain.GENESIS;
    private long entries;
    private AuditEntry broken;
    private String reason;

    public void accept(AuditEntry entry) {
        entries++;
        if (broken != null) {
            return;
        }
        if (entry.seq() != expectedSeq) {
            fail(entry, entry.seq() < expectedSeq
                    ? "its sequence number " + entry.seq() + " repeats an earlier one"
                    : "entries " + expectedSeq + " to " + (entry.seq() - 1) + " before it are missing");
        } else if (!expectedPrevHash.equals(entry.prevHash())) {
            fail(entry, "it does not name the hash of the entry before it");
        } else if (!AuditChain.hashOf(entry).equals(entry.hash())) {
            fail(entry, "its content no longer matches its hash");
        }
        expectedSeq = entry.seq() + 1;
        expectedPrevHash = entry.hash();
    }

    public Result result() {
        return broken == null
                ? new Result(true, entries, null, null, null)
                : new Result(false, entries, broken.id(), broken.seq(), reason);
    }

    private void fail(AuditEntry entry, String why) {
        broken = entry;
        reason = why;
    }
}
