package com.example.jersey;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * {@code /greetings}: GET with {@code ?name=} answers JSON; POST takes a JSON body (201) or a
 * form (a text echo); a POST of any other content type gets Jersey's 415.
 */
@Path("greetings")
public class GreetingResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting greet(@QueryParam("name") @DefaultValue("World") String name) {
        return Greeting.of(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(GreetingRequest request, @Context UriInfo uriInfo) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new BadRequestException("a name is required");
        }
        URI location = uriInfo.getAbsolutePathBuilder().queryParam("name", request.name()).build();
        return Response.created(location).entity(Greeting.of(request.name())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String form(@FormParam("name") @DefaultValue("World") String name) {
        return "Hello, " + name + " (from a form)";
    }
}
