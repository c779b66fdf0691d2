/**
 * Where application code runs: the handler threads, the call into the application for one
 * request, and the stream a streamed body is written to. Handler threads only, except
 * {@link dev.corral.worker.http.call.LeaderFollowers}, whose threads also take turns driving the
 * event loop.
 */
package dev.corral.worker.http.call;
