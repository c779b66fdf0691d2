/**
 * The HTTP sessions of one worker, in memory: the store, the session objects and the events the
 * bridge turns into listener calls. Used by every handler thread at once and by the bridge's
 * periodic sweep; thread-safe without a store-wide lock (the map is concurrent, a session
 * guards only its own state).
 */
package dev.corral.worker.servlet.session;
