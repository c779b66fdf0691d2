package com.example.mvc;

/** The JSON body of {@code POST /greetings}: {@code {"name":"..."}}. */
public record GreetingRequest(String name) {
}
