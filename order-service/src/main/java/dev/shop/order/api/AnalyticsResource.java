package dev.shop.order.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.contracts.common.Money;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import dev.shop.order.application.SalesAnalytics;
import io.smallrye.mutiny.Uni;

/** Most-bought products (public; the gateway's {@code /products/most-bought} is an alias) and the admin's sales report. */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
public class AnalyticsResource {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 365;
    static final int DEFAULT_REPORT_DAYS = 30;
    static final int MAX_REPORT_DAYS = 366;
    static final int MOST_BOUGHT_MAX_AGE_SECONDS = 60;
    private static final Pattern CATEGORY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public record ProductRef(String id, String name, String image, Money price) {
    }

    public record MostBoughtItem(int rank, ProductRef product, long units, long orders) {
    }

    public record MostBoughtResponse(int days, String category, List<MostBoughtItem> items) {
    }

    public record SalesDay(LocalDate date, long orders, Money revenue, long units, Money averageOrderValue) {
    }

    public record SalesTotals(long orders, Money revenue, long units, Money averageOrderValue) {
    }

    public record SalesResponse(LocalDate from, LocalDate to, String currency, List<SalesDay> days,
            SalesTotals totals) {
    }

    private final SalesAnalytics analytics;

    public AnalyticsResource(SalesAnalytics analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("/most-bought")
    @PermitAll
    @Operation(summary = "The products bought most over the last days", description = "Units of confirmed and paid "
            + "orders, cancelled ones taken back out. limit 1-50 (10), days 1-365 (30), category = a category id "
            + "(that category exactly, not its sub-categories). Deleted or unlisted products are left out.")
    public Uni<RestResponse<MostBoughtResponse>> mostBought(@QueryParam("limit") String limit,
            @QueryParam("days") String days, @QueryParam("category") String category) {
        List<Problem.Violation> violations = new ArrayList<>();
        int top = integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, violations);
        int window = integer("days", days, DEFAULT_DAYS, 1, MAX_DAYS, violations);
        Optional<String> categoryId = category == null || category.isBlank() ? Optional.empty()
                : Optional.of(category.strip());
        if (categoryId.isPresent() && !CATEGORY_ID.matcher(categoryId.get()).matches()) {
            violations.add(new Problem.Violation("category", "must be a category id"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return analytics.mostBought(top, window, categoryId)
                .map(ranked -> RestResponse.ResponseBuilder.ok(new MostBoughtResponse(window,
                        categoryId.orElse(null), ranked.stream().map(r -> new MostBoughtItem(r.rank(),
                                new ProductRef(r.productId(), r.name(), r.image(), r.price()), r.units(),
                                r.orders())).toList()))
                        // Public and the same for everyone: shared caches may keep it for a minute.
                        .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MOST_BOUGHT_MAX_AGE_SECONDS)
                        .build());
    }

    @GET
    @Path("/sales")
    @RolesAllowed(CurrentUser.ROLE_ADMIN)
    @Operation(summary = "Admin: orders, revenue, units and average order value per day", description = "from and to "
            + "are ISO dates (both included; default: the last 30 days), at most 366 days apart. Sales count on the "
            + "day an order was confirmed or paid; cancellations are taken back out of that day.")
    public Uni<RestResponse<SalesResponse>> sales(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<Problem.Violation> violations = new ArrayList<>();
        LocalDate end = date("to", to, violations).orElse(analytics.today());
        LocalDate start = date("from", from, violations).orElse(end.minusDays(DEFAULT_REPORT_DAYS - 1L));
        if (violations.isEmpty() && start.isAfter(end)) {
            violations.add(new Problem.Violation("from", "must not be after to"));
        } else if (violations.isEmpty() && ChronoUnit.DAYS.between(start, end) + 1 > MAX_REPORT_DAYS) {
            violations.add(new Problem.Violation("from", "the report spans at most " + MAX_REPORT_DAYS + " days"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return analytics.sales(start, end).map(report -> {
            String currency = report.currency();
            List<SalesDay> days = report.days().stream().map(d -> new SalesDay(d.date(), d.orders(),
                    new Money(d.revenue(), currency), d.units(), new Money(d.averageOrderValue(), currency))).toList();
            SalesAnalytics.Day t = report.totals();
            return RestResponse.ok(new SalesResponse(report.from(), report.to(), currency, days,
                    new SalesTotals(t.orders(), new Money(t.revenue(), currency), t.units(),
                            new Money(t.averageOrderValue(), currency))));
        });
    }

    private static int integer(String name, String raw, int fallback, int min, int max,
            List<Problem.Violation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        violations.add(new Problem.Violation(name, "must be an integer between " + min + " and " + max));
        return fallback;
    }

    private static Optional<LocalDate> date(String name, String raw, List<Problem.Violation> violations) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(raw.strip()));
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(name, "must be a date like 2026-12-01"));
            return Optional.empty();
        }
    }
}
