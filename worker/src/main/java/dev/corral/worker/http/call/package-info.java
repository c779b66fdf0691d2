/**
 * Where application code runs: the handler threads, the call into the application for one
 * request, and the stream a streamed body is written to. Handler threads only, except
 * {@link dev.corral.worker.http.call.HandlerPool#execute}, which event loops call.
 */
package dev.corral.worker.http.call;
