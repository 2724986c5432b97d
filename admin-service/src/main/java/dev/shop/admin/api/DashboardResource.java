package dev.shop.admin.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import dev.shop.admin.application.Dashboard;
import dev.shop.admin.config.AdminConfig;
import dev.shop.admin.domain.DayWindow;
import dev.shop.contracts.http.Problem;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/admin/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ROLE_ADMIN)
public class DashboardResource {

    private final Dashboard dashboard;
    private final AdminConfig config;

    public DashboardResource(Dashboard dashboard, AdminConfig config) {
        this.dashboard = dashboard;
        this.config = config;
    }

    @GET
    @Operation(summary = "KPIs from the read models: orders and revenue by day, average order value, new users, status "
            + "counts, top products, low stock. `from` and `to` are days (inclusive) in the shop's zone; default the "
            + "last 30 days")
    public Uni<RestResponse<Dashboard.Report>> get(@QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.report(window(from, to)).map(RestResponse::ok);
    }

    private DayWindow window(String rawFrom, String rawTo) {
        List<Problem.Violation> violations = new ArrayList<>();
        QueryValues values = new QueryValues(violations);
        LocalDate from = values.day("from", rawFrom);
        LocalDate to = values.day("to", rawTo);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        AdminConfig.Dashboard settings = config.dashboard();
        LocalDate today = LocalDate.now(config.zone());
        LocalDate end = to != null ? to : from != null ? from.plusDays(settings.defaultDays() - 1L) : today;
        LocalDate start = from != null ? from : end.minusDays(settings.defaultDays() - 1L);
        if (end.isBefore(start)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        DayWindow window = new DayWindow(start, end, config.zone());
        if (window.length() > settings.maxDays()) {
            throw ProblemException.invalid("to", "the range may cover at most " + settings.maxDays() + " days");
        }
        return window;
    }
}
