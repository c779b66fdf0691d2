/**
 * One owner per connection: the order of answers (pipelining), keep-alive, {@code 100 Continue},
 * idle and drain closes, the access-log line of each answer, and the 503 of a full worker.
 * Event loop only.
 */
package dev.corral.worker.http.conn;
