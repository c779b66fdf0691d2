package com.example.jersey;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /pid}: the process id of the JVM that serves the request, as text. */
@Path("pid")
public class PidResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
