package dev.shop.auth.persistence;

import java.time.Instant;

/** An address, embedded in its owner's {@link UserDocument}: the owner filter is the document itself. */
public class AddressDocument {
    public String id;
    public String fullName;
    public String phoneNumber;
    public String line1;
    public String line2;
    public String landmark;
    public String city;
    public String state;
    public String postalCode;
    public String country;
    public boolean isDefault;
    public Instant createdAt;
    public Instant updatedAt;
}
