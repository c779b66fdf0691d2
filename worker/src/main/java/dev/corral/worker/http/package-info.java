/**
 * The worker's HTTP/1.1 server. A request travels, in this order and on these threads:
 *
 * <ol>
 *   <li>{@link dev.corral.worker.http.parse} (event loop): bytes to whole requests, strictly;
 *   <li>{@link dev.corral.worker.http.conn} (event loop): the one owner of each connection, which
 *       orders the answers and decides keep-alive, drain and close;
 *   <li>{@link dev.corral.worker.http.call} (handler threads): the call into the application,
 *       and streamed bodies;
 *   <li>{@link dev.corral.worker.http.wire} (event loop): the one response encoder.
 * </ol>
 *
 * <p>{@link dev.corral.worker.http.HttpServer} (the bootstrap) and
 * {@link dev.corral.worker.http.HttpInitializer} (the pipeline) wire them together.
 */
package dev.corral.worker.http;
