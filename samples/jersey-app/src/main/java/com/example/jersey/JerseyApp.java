package com.example.jersey;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;

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
}
