/**
 * {@code WEB-INF/web.xml}, read into immutable records
 * ({@link dev.corral.worker.servlet.webxml.WebXml#parse}): from a 2.3 DOCTYPE file to Servlet 6.1,
 * with the JDK's DOM and no network or file access beyond the stream given. Pure logic: no
 * threads of its own.
 */
package dev.corral.worker.servlet.webxml;
