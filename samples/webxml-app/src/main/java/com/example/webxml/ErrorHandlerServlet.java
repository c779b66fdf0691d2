package com.example.webxml;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The error page for IllegalStateException: prints, one {@code key=value} a line, the error
 * attributes the container sets on the error dispatch (status code, exception, request URI,
 * servlet name). It leaves the status as the container set it (500).
 */
public class ErrorHandlerServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("status=" + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        out.println("exception=" + request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        out.println("requestUri=" + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        out.println("servletName=" + request.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME));
    }
}
