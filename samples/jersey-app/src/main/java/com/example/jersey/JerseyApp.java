package com.example.jersey;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application. Found by Jersey's {@code JerseyServletContainerInitializer}, it is
 * served under {@code /api} ({@code /api/greetings}, {@code /api/pid}); named as the
 * {@code jakarta.ws.rs.Application} init parameter of a {@code ServletContainer} mapped at
 * {@code /*}, the same resources answer at {@code /greetings} and {@code /pid}.
 */
@ApplicationPath("/api")
public class JerseyApp extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(GreetingResource.class, PidResource.class, JacksonFeature.class);
    }

    /** No WADL: it needs a JAXB implementation, which this application does not carry. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
}
