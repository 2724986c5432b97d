package dev.shop.auth.persistence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Updates;

import dev.shop.auth.domain.Address;
import dev.shop.auth.domain.PhoneNumber;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.UserStatus;

/** Maps accounts between the domain and their stored documents. */
public final class UserMapper {

    private UserMapper() {
    }

    public static User toDomain(UserDocument d) {
        List<Address> addresses = new ArrayList<>();
        if (d.addresses != null) {
            for (AddressDocument a : d.addresses) {
                addresses.add(new Address(a.id, a.fullName, a.phoneNumber, a.line1, a.line2, a.landmark, a.city,
                        a.state, a.postalCode, a.country, a.isDefault, a.createdAt, a.updatedAt));
            }
        }
        return new User(d.id.toHexString(), new PhoneNumber(d.phoneNumber), d.username, d.passwordHash, d.fullName,
                d.email, d.roles == null ? new LinkedHashSet<>() : new LinkedHashSet<>(d.roles),
                UserStatus.valueOf(d.status), d.createdAt, d.updatedAt, d.sessionsRevokedAt, addresses, d.version);
    }

    /** A document for a new account (its outbox is filled by the caller). */
    public static UserDocument toNewDocument(User u) {
        UserDocument d = new UserDocument();
        d.id = new ObjectId(u.id());
        d.phoneNumber = u.phoneNumber().e164();
        d.createdAt = u.createdAt();
        d.version = u.version();
        copyMutable(u, d);
        return d;
    }

    /** The {@code $set} of every field a command may change. */
    public static Bson setMutable(User u) {
        UserDocument d = new UserDocument();
        copyMutable(u, d);
        return Updates.combine(
                Updates.set("username", d.username),
                Updates.set("passwordHash", d.passwordHash),
                Updates.set("fullName", d.fullName),
                Updates.set("email", d.email),
                Updates.set("roles", d.roles),
                Updates.set("status", d.status),
                Updates.set("updatedAt", d.updatedAt),
                Updates.set("sessionsRevokedAt", d.sessionsRevokedAt),
                Updates.set("addresses", d.addresses));
    }

    private static void copyMutable(User u, UserDocument d) {
        d.username = u.username();
        d.passwordHash = u.passwordHash();
        d.fullName = u.fullName();
        d.email = u.email();
        d.roles = new ArrayList<>(u.roleList());
        d.status = u.status().name();
        d.updatedAt = u.updatedAt();
        d.sessionsRevokedAt = u.sessionsRevokedAt();
        d.addresses = new ArrayList<>();
        for (Address a : u.addresses()) {
            AddressDocument ad = new AddressDocument();
            ad.id = a.id();
            ad.fullName = a.fullName();
            ad.phoneNumber = a.phoneNumber();
            ad.line1 = a.line1();
            ad.line2 = a.line2();
            ad.landmark = a.landmark();
            ad.city = a.city();
            ad.state = a.state();
            ad.postalCode = a.postalCode();
            ad.country = a.country();
            ad.isDefault = a.isDefault();
            ad.createdAt = a.createdAt();
            ad.updatedAt = a.updatedAt();
            d.addresses.add(ad);
        }
    }
}
