package com.example.jersey;

/** What {@code /greetings} answers: {@code {"greeting":"Hello, X"}}. */
public record Greeting(String greeting) {

    static Greeting of(String name) {
        return new Greeting("Hello, " + name);
    }
}
