package com.example.boot;

import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * JSON in and out. {@code GET /hello?name=X} answers {@code {"greeting":"Hello, X"}};
 * {@code POST /greetings} takes {@code {"name":"X"}} and answers 201 with the greeting; a body
 * that fails validation or is not JSON gets 400 from Spring's own handling.
 */
@RestController
public class GreetingController {

    @GetMapping("/hello")
    public Greeting hello(@RequestParam(defaultValue = "World") String name) {
        return Greeting.of(name);
    }

    @PostMapping("/greetings")
    public ResponseEntity<Greeting> create(@Valid @RequestBody GreetingRequest request) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/hello").queryParam("name", request.name()).build().encode().toUri();
        return ResponseEntity.created(location).body(Greeting.of(request.name()));
    }
}
