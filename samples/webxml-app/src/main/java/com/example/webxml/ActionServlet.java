package com.example.webxml;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Mapped by extension ({@code *.do}): {@code GET /report.do} answers {@code action=report}. */
public class ActionServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String servletPath = request.getServletPath(); // "/report.do"; the path info is null
        String action = servletPath.substring(servletPath.lastIndexOf('/') + 1, servletPath.length() - ".do".length());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("action=" + action);
        response.getWriter().println("servletPath=" + servletPath);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}
