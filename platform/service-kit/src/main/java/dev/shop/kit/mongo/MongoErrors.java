package dev.shop.kit.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;

/** Classifies MongoDB driver failures the same way in every service. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** A write refused by a unique index (error code 11000): someone else holds that key. */
    public static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
