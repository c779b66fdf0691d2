package com.example.boot;

/** A greeting as JSON: {@code {"greeting":"Hello, X"}}. */
public record Greeting(String greeting) {

    static Greeting of(String name) {
        return new Greeting("Hello, " + name);
    }
}
