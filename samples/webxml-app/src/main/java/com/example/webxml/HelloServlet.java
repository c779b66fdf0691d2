package com.example.webxml;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code GET /hello}: prints, one {@code key=value} a line, its init parameter {@code greeting},
 * the context parameter {@code environment} and the attribute StartupListener set.
 */
public class HelloServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("greeting=" + getInitParameter("greeting"));
        out.println("environment=" + getServletContext().getInitParameter("environment"));
        out.println("startedBy=" + getServletContext().getAttribute(StartupListener.ATTRIBUTE));
        out.println("servletName=" + getServletName());
    }
}
