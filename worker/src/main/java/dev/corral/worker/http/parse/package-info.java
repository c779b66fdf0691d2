/**
 * Bytes to whole requests, by RFC 9112 and nothing looser: the decoder's state machine, the
 * line grammar, the head's framing rules, the limits and the header/body deadline. Event loop
 * only; everything here is per connection or pure.
 */
package dev.corral.worker.http.parse;
