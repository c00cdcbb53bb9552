package io.batchrender.farm.azure;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import io.batchrender.farm.FarmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creates a pool once, whatever the network does to the answer. {@code POST /pools} is not
 * idempotent: a request whose answer was lost (a 5xx after the pool was made, a dropped
 * connection, a read timeout) is sent again by the client and answers PoolExists for the pool it
 * has just made (https://learn.microsoft.com/rest/api/batchservice/pool/add: 409 PoolExists). So
 * every pool we create carries a token of this creation in its metadata
 * ({@link BatchRequests#META_SUBMISSION}, as jobs do), and PoolExists for a pool with our token
 * is success; for any other pool it is the clear error it was.
 */
final class PoolCreation {

    private PoolCreation() {
    }

    /**
     * Adds {@code pool} (its metadata gains this creation's token).
     *
     * @param exists the one-line error for a pool of that id that is not ours
     */
    static void create(BatchClient client, PoolAddParameter pool, Function<RuntimeException, FarmException> exists) {
        String token = UUID.randomUUID().toString();
        List<MetadataItem> meta = pool.metadata() == null ? new ArrayList<>() : new ArrayList<>(pool.metadata());
        meta.removeIf(m -> BatchRequests.META_SUBMISSION.equals(m.name()));
        meta.add(new MetadataItem().withName(BatchRequests.META_SUBMISSION).withValue(token));
        pool.withMetadata(meta);
        try {
            client.protocolLayer().pools().add(pool);
        } catch (RuntimeException e) {
            if (BatchErrors.code(e).filter("PoolExists"::equals).isEmpty()) {
                throw BatchErrors.explain("creating pool " + pool.id(), e);
            }
            if (!token.equals(tokenOf(client, pool.id()))) {
                throw exists.apply(e);
            }
            // PoolExists with our own token: an earlier try made it and its answer was lost
        }
    }

    private static String tokenOf(BatchClient client, String poolId) {
        try {
            CloudPool p = client.protocolLayer().pools().get(poolId);
            return p.metadata() == null ? "" : p.metadata().stream().filter(m -> BatchRequests.META_SUBMISSION.equals(m.name()))
                    .map(MetadataItem::value).findFirst().orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
