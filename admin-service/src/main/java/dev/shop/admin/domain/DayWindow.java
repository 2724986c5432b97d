package dev.shop.admin.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of whole days in the shop's time zone, both ends included: what the dashboard reports on.
 *
 * @param from first day
 * @param to last day
 * @param zone the zone the days are counted in
 */
public record DayWindow(LocalDate from, LocalDate to, ZoneId zone) {

    public DayWindow {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    /** The last {@code days} days up to and including {@code today}. */
    public static DayWindow lastDays(LocalDate today, int days, ZoneId zone) {
        return new DayWindow(today.minusDays(days - 1L), today, zone);
    }

    public long length() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The day an instant falls on in the shop's zone, as the read models store it ({@code 2026-12-01}). */
    public static String dayOf(Instant at, ZoneId zone) {
        return LocalDate.ofInstant(at, zone).toString();
    }
}
