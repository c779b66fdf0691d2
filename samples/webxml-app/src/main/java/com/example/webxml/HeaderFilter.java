package com.example.webxml;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Mapped at {@code /*}: sets {@code X-Filtered} (to its init parameter, {@code yes}) before the chain runs. */
public class HeaderFilter extends HttpFilter {

    private String value;

    @Override
    public void init() {
        value = getInitParameter("header-value");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Filtered", value);
        chain.doFilter(request, response);
    }
}
