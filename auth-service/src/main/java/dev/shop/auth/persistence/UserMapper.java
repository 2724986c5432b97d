package dev.shop.auth.persistence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.bson.types.ObjectId;

import dev.shop.auth.domain.Address;
import dev.shop.auth.domain.User;
import dev.shop.auth.domain.UserStatus;
import dev.shop.kit.aggregate.AggregateMapper;
import dev.shop.kit.validation.PhoneNumber;

/** Maps accounts between the domain and their stored documents. */
public final class UserMapper {

    /** The mapping the kit's aggregate store uses (the static methods serve plain reads). */
    public static final AggregateMapper<User, UserDocument> AGGREGATE = new AggregateMapper<>() {
        @Override
        public User toDomain(UserDocument document) {
            return UserMapper.toDomain(document);
        }

        @Override
        public UserDocument toDocument(User user) {
            return toNewDocument(user);
        }
    };

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

    /** The whole document of an account, at the version it was read (its outbox is the store's). */
    public static UserDocument toNewDocument(User u) {
        UserDocument d = new UserDocument();
        d.id = new ObjectId(u.id());
        d.phoneNumber = u.phoneNumber().e164();
        d.createdAt = u.createdAt();
        d.version = u.version();
        copyMutable(u, d);
        return d;
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
