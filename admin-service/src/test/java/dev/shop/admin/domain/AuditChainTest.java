package dev.shop.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.shop.contracts.admin.AuditRecorded;

class AuditChainTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.123456Z");

    @Test
    void theFirstEntryLinksToTheGenesisHashAndEachNextToItsPredecessor() {
        List<AuditEntry> chain = chain(3);

        assertThat(chain.get(0).seq()).isEqualTo(1);
        assertThat(chain.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
        assertThat(chain.get(2).prevHash()).isEqualTo(chain.get(1).hash());
        assertThat(chain.get(0).at()).isEqualTo(Instant.parse("2026-11-21T12:00:00.123Z"));
        assertThat(chain).extracting(AuditEntry::hash).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void theHashCoversTheCanonicalJsonIncludingThePreviousHash() {
        AuditEntry entry = chain(1).get(0);

        assertThat(AuditChain.canonical(entry)).startsWith("{\"action\":\"user.block\",\"actorId\":\"admin-1\",")
                .contains("\"after\":{\"status\":\"BLOCKED\"}", "\"prevHash\":\"" + AuditChain.GENESIS + "\"",
                        "\"seq\":1")
                .doesNotContain("\"hash\"", "null");
        assertThat(AuditChain.hashOf(entry)).isEqualTo(entry.hash());
    }

    @Test
    void anIntactChainVerifies() {
        ChainVerification verification = new ChainVerification();
        chain(5).forEach(verification::accept);

        assertThat(verification.result()).isEqualTo(new ChainVerification.Result(true, 5, null, null, null));
    }

    @Test
    void aChangedFieldIsNamedAtTheChangedEntry() {
        List<AuditEntry> chain = chain(4);
        AuditEntry e = chain.get(2);
        chain.set(2, new AuditEntry(e.id(), e.seq(), e.at(), e.kind(), e.actorId(), e.actorPhone(), "user.unblock",
                e.targetType(), e.targetId(), e.before(), e.after(), e.request(), e.requestId(), e.clientAddress(),
                e.outcome(), e.status(), e.detail(), e.source(), e.sourceEventId(), e.prevHash(), e.hash()));

        ChainVerification.Result result = verify(chain);

        assertThat(result.valid()).isFalse();
        assertThat(result.entries()).isEqualTo(4);
        assertThat(result.firstBrokenId()).isEqualTo("e3");
        assertThat(result.reason()).isEqualTo("its content no longer matches its hash");
    }

    @Test
    void aRehashedEntryIsCaughtByTheLinkOfTheNextOne() {
        List<AuditEntry> chain = chain(3);
        AuditEntry e = chain.get(1);
        AuditEntry forged = new AuditEntry(e.id(), e.seq(), e.at(), e.kind(), e.actorId(), e.actorPhone(), e.action(),
                e.targetType(), e.targetId(), e.before(), e.after(), e.request(), e.requestId(), e.clientAddress(),
                AuditRecorded.FAILED, e.status(), e.detail(), e.source(), e.sourceEventId(), e.prevHash(), null);
        chain.set(1, new AuditEntry(forged.id(), forged.seq(), forged.at(), forged.kind(), forged.actorId(),
                forged.actorPhone(), forged.action(), forged.targetType(), forged.targetId(), forged.before(),
                forged.after(), forged.request(), forged.requestId(), forged.clientAddress(), forged.outcome(),
                forged.status(), forged.detail(), forged.source(), forged.sourceEventId(), forged.prevHash(),
                AuditChain.hashOf(forged)));

        ChainVerification.Result result = verify(chain);

        assertThat(result.firstBrokenId()).isEqualTo("e3");
        assertThat(result.reason()).isEqualTo("it does not name the hash of the entry before it");
    }

    @Test
    void aMissingOrRepeatedEntryIsNamedByItsSuccessor() {
        List<AuditEntry> gap = chain(4);
        gap.remove(1);
        assertThat(verify(gap).firstBrokenId()).isEqualTo("e3");
        assertThat(verify(gap).reason()).isEqualTo("entries 2 to 2 before it are missing");

        List<AuditEntry> repeated = chain(3);
        repeated.add(2, repeated.get(1));
        assertThat(verify(repeated).firstBrokenSeq()).isEqualTo(2);
        assertThat(verify(repeated).reason()).isEqualTo("its sequence number 2 repeats an earlier one");
    }

    private static ChainVerification.Result verify(List<AuditEntry> entries) {
        ChainVerification verification = new ChainVerification();
        entries.forEach(verification::accept);
        return verification.result();
    }

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditChain.Tip tip = AuditChain.Tip.EMPTY;
        for (int i = 1; i <= length; i++) {
            AuditDraft draft = AuditDraft.builder(AuditRecorded.KIND_COMMAND, "user.block").actor("admin-1", null)
                    .target("user", "u-" + i).before("{\"status\":\"ACTIVE\"}").after("{\"status\":\"BLOCKED\"}")
                    .outcome(AuditRecorded.SUCCEEDED, 200, null).source("admin-service", null).build();
            AuditEntry entry = AuditChain.link(draft, "e" + i, tip, NOW.plusSeconds(i - 1));
            entries.add(entry);
            tip = new AuditChain.Tip(entry.seq(), entry.hash());
        }
        return entries;
    }
}
