package dev.shop.admin.domain;

/**
 * A search of the user directory; every part is optional.
 *
 * @param text matched literally, case-insensitive, in the phone number, username and full name
 * @param role {@code customer} or {@code admin}
 * @param status {@code ACTIVE} or {@code BLOCKED}
 */
public record UserCriteria(String text, String role, String status) {
}
