package com.example.jersey;

/** The JSON body of {@code POST /greetings}: {@code {"name":"..."}}. */
public record GreetingRequest(String name) {
}
