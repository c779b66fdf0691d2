/**
 * What the Servlet bridge reads out of a request's text and writes into a response's: form and
 * query parameters, cookies, Accept-Language, Content-Type parameters and HTTP dates. All pure
 * functions of their arguments, callable from any thread; the bridge owns the caching and turns
 * their failures into statuses.
 */
package dev.corral.worker.servlet.request;
