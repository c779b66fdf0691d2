/**
 * The one response encoder and what it writes: the committed head (with the body-allowed
 * rule), the messages a connection is written, status lines and the date cache. Encoding runs
 * on the event loop; heads and messages are immutable and may be made on any thread.
 */
package dev.corral.worker.http.wire;
