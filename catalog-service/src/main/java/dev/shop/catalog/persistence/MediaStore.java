package dev.shop.catalog.persistence;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import mutiny.zero.flow.adapters.AdaptersToReactiveStreams;

/**
 * Image bytes in GridFS (bucket {@code media}), through the reactive driver. Files carry their content type and the
 * product they were uploaded for in their metadata. Recently read images are kept in a small in-memory cache: an id
 * always names the same bytes, so the cache never needs invalidating, only evicting.
 */
@ApplicationScoped
public class MediaStore {

    public static final String BUCKET = "media";
    private static final long CACHE_BYTES = 32L * 1024 * 1024;

    /** A stored file. */
    public record Media(String id, String contentType, byte[] bytes, Instant uploadedAt, String productId) {
    }

    /** A stored file without its bytes. */
    public record MediaInfo(String id, Instant uploadedAt, String productId) {
    }

    private final GridFSBucket bucket;
    private final Map<String, Media> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    public MediaStore(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.bucket = GridFSBuckets.create(mongo.getDatabase(database).unwrap(), BUCKET);
    }

    public Uni<ObjectId> store(byte[] bytes, String filename, String contentType, String productId) {
        GridFSUploadOptions options = new GridFSUploadOptions()
                .chunkSizeBytes(255 * 1024)
                .metadata(new Document("contentType", contentType).append("productId", productId));
        var source = AdaptersToReactiveStreams.publisher(Multi.createFrom().item(ByteBuffer.wrap(bytes)));
        return Uni.createFrom().publisher(AdaptersToFlow.publisher(bucket.uploadFromPublisher(filename, source,
                options)));
    }

    /** The file, or null when there is none with that id. */
    public Uni<Media> read(ObjectId id) {
        String key = id.toHexString();
        Media cached = cached(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Uni.createFrom().publisher(AdaptersToFlow.publisher(bucket.find(Filters.eq("_id", id)).first()))
                .flatMap(file -> file == null ? Uni.createFrom().nullItem() : download(file));
    }

    public Uni<Void> delete(ObjectId id) {
        synchronized (cache) {
            Media removed = cache.remove(id.toHexString());
            if (removed != null) {
                cachedBytes -= removed.bytes().length;
            }
        }
        return Uni.createFrom().publisher(AdaptersToFlow.publisher(bucket.delete(id))).replaceWithVoid()
                .onFailure(com.mongodb.MongoGridFSException.class).recoverWithNull();
    }

    /** Files uploaded before {@code cutoff}, oldest first, at most {@code limit}. */
    public Multi<MediaInfo> uploadedBefore(Instant cutoff, int limit) {
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(
                bucket.find(Filters.lt("uploadDate", Date.from(cutoff))).limit(limit)))
                .map(file -> new MediaInfo(file.getObjectId().toHexString(), file.getUploadDate().toInstant(),
                        file.getMetadata() == null ? null : file.getMetadata().getString("productId")));
    }

    private Uni<Media> download(GridFSFile file) {
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(bucket.downloadToPublisher(file.getObjectId())))
                .collect().in(java.io.ByteArrayOutputStream::new, (out, buffer) -> {
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    out.write(chunk, 0, chunk.length);
                })
                .map(out -> {
                    Document metadata = file.getMetadata() == null ? new Document() : file.getMetadata();
                    Media media = new Media(file.getObjectId().toHexString(),
                            metadata.getString("contentType"), out.toByteArray(), file.getUploadDate().toInstant(),
                            metadata.getString("productId"));
                    remember(media);
                    return media;
                });
    }

    private Media cached(String id) {
        synchronized (cache) {
            return cache.get(id);
        }
    }

    private void remember(Media media) {
        synchronized (cache) {
            if (media.bytes().length > CACHE_BYTES / 8 || cache.containsKey(media.id())) {
                return;
            }
            cache.put(media.id(), media);
            cachedBytes += media.bytes().length;
            var eldest = cache.entrySet().iterator();
            while (cachedBytes > CACHE_BYTES && eldest.hasNext()) {
                cachedBytes -= eldest.next().getValue().bytes().length;
                eldest.remove();
            }
        }
    }
}
