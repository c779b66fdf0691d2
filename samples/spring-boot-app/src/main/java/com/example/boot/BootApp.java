package com.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * The application, deployable WAR-style: a Servlet container finds this class through
 * Spring's {@code SpringServletContainerInitializer} (it is a {@code WebApplicationInitializer}),
 * and Boot starts inside that container. {@link #main} runs it standalone, which needs an
 * embedded server on the class path (see the spring-boot-tomcat sample).
 */
@SpringBootApplication
public class BootApp extends SpringBootServletInitializer {

    @Override
    protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
        return builder.sources(BootApp.class);
    }

    public static void main(String[] args) {
        SpringApplication.run(BootApp.class, args);
    }
}
