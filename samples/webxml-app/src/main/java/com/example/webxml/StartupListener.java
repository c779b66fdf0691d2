package com.example.webxml;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Sets the context attribute {@value #ATTRIBUTE} when the application starts; HelloServlet prints it. */
public class StartupListener implements ServletContextListener {

    public static final String ATTRIBUTE = "com.example.webxml.startedBy";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.setAttribute(ATTRIBUTE, "StartupListener");
        context.log("webxml-app started (environment " + context.getInitParameter("environment") + ")");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().log("webxml-app stopped");
    }
}
