package dev.corral.worker.http;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator, except that a {@code 100 Continue} never overtakes the answers to
 * earlier pipelined requests: while the connection still owes those, the interim answer is held
 * back and the dispatcher sends it once they are out.
 */
final class OrderedContinueAggregator extends HttpObjectAggregator {
    private final RequestDispatcher dispatcher;

    OrderedContinueAggregator(int maxContentLength, RequestDispatcher dispatcher) {
        super(maxContentLength);
        this.dispatcher = dispatcher;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse r && r.status().code() == HttpResponseStatus.CONTINUE.code()
                && dispatcher.owesAnswers()) {
            ReferenceCountUtil.release(response);
            dispatcher.continueOwed();
            return null;
        }
        return response;
    }
}
