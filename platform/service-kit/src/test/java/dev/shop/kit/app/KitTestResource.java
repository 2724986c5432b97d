package dev.shop.kit.app;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.shop.kit.outbox.Outbox;
import dev.shop.kit.outbox.OutboxRelay;
import dev.shop.kit.page.Page;
import dev.shop.kit.page.PageParams;
import dev.shop.kit.page.PageRequest;
import dev.shop.kit.problem.ProblemException;
import dev.shop.kit.request.RequestContext;
import dev.shop.kit.security.CurrentUser;
import io.smallrye.mutiny.Uni;

@Path("/kit-test")
public class KitTestResource {

    public static final String TOPIC = "kit.test.widgets.v1";

    public record WidgetRequest(@NotBlank @Size(max = 20) String name, @Min(1) @Max(99) int quantity,
            List<@NotBlank String> tags) {
    }

    public record WidgetId(String id) {
    }

    public record WidgetCreated(String id, String name, int quantity) {
    }

    private final WidgetRepository widgets;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final CurrentUser currentUser;
    private final SelfClient self;

    public KitTestResource(WidgetRepository widgets, Outbox outbox, OutboxRelay relay, CurrentUser currentUser,
            @RestClient SelfClient self) {
        this.widgets = widgets;
        this.outbox = outbox;
        this.relay = relay;
        this.currentUser = currentUser;
        this.self = self;
    }

    @POST
    @Path("/widgets")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = WidgetId.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(responseCode = "409", description = "A widget with that name exists")
    public Uni<RestResponse<WidgetId>> create(@Valid @NotNull WidgetRequest request) {
        Widget widget = new Widget();
        widget.id = new ObjectId();
        widget.name = request.name();
        widget.quantity = request.quantity();
        widget.outbox.add(outbox.event(TOPIC, "WidgetCreated", 1, widget.id.toHexString(),
                new WidgetCreated(widget.id.toHexString(), widget.name, widget.quantity)));
        return widgets.persist(widget)
                .invoke(() -> relay.publishSoon("widgets", widget.id))
                .map(saved -> RestResponse.status(RestResponse.Status.CREATED, new WidgetId(saved.id.toHexString())));
    }

    @GET
    @Path("/widgets/{id}")
    @PermitAll
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        if (!ObjectId.isValid(id)) {
            throw ProblemException.notFound("No widget " + id);
        }
        return widgets.findById(new ObjectId(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No widget " + id))
                .map(w -> Map.of("id", id, "name", w.name, "quantity", w.quantity));
    }

    @GET
    @Path("/boom")
    @PermitAll
    @APIResponse(responseCode = "500", description = "Always: an unexpected failure")
    public String boom() {
        throw new IllegalStateException("secret internals of the database layer");
    }

    @GET
    @Path("/limited")
    @PermitAll
    @APIResponse(responseCode = "429", description = "Always: a rate limit used up")
    public String limited() {
        throw ProblemException.tooManyRequests("Slow down", 30);
    }

    @GET
    @Path("/page")
    @PermitAll
    public Page<Integer> page(@BeanParam PageParams params) {
        PageRequest request = params.toRequest();
        return Page.of(List.of(request.offset()), request, 1000);
    }

    @GET
    @Path("/search")
    @PermitAll
    public Map<String, String> search(@QueryParam("q") String q) {
        return Map.of("q", q == null ? "" : q);
    }

    @POST
    @Path("/upload")
    @PermitAll
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Map<String, Object> upload(@RestForm("file") FileUpload file, @RestForm("alt") String alt) {
        return Map.of("size", file == null ? -1 : file.size(), "alt", alt == null ? "" : alt);
    }

    @GET
    @Path("/unannotated")
    @APIResponse(responseCode = "403", description = "Closed: the endpoint declares no security")
    public String unannotated() {
        return "nobody decided who may call this";
    }

    @GET
    @Path("/me")
    @RolesAllowed("customer")
    public Map<String, Object> me() {
        return Map.of("id", currentUser.id(), "admin", currentUser.isAdmin(),
                "sid", currentUser.sessionId().orElse(""));
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public String admin() {
        return "ok";
    }

    @GET
    @Path("/request-id")
    @PermitAll
    public String requestId() {
        return RequestContext.currentId();
    }

    @GET
    @Path("/relayed-request-id")
    @PermitAll
    public Uni<String> relayedRequestId() {
        return self.requestId();
    }
}
