package com.example.boot;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code POST /greetings}, validated: {@code {"name":"..."}}, 1 to 64 characters. */
public record GreetingRequest(@NotBlank @Size(max = 64) String name) {
}
