package com.example.mvc;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /hello?name=X} answers {@code {"greeting":"Hello, X"}}; {@code POST /greetings}
 * takes {@code {"name":"X"}} and answers 201 with the same greeting (no name: 400);
 * {@code GET /pid} answers the serving JVM's process id.
 */
@RestController
public class GreetingController {

    @GetMapping("/hello")
    public Greeting hello(@RequestParam(defaultValue = "World") String name) {
        return Greeting.of(name);
    }

    @PostMapping(path = "/greetings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Greeting create(@RequestBody GreetingRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a name is required");
        }
        return Greeting.of(request.name());
    }

    @GetMapping(path = "/pid", produces = MediaType.TEXT_PLAIN_VALUE)
    public String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
