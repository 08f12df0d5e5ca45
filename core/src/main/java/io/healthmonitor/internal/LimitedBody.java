package io.healthmonitor.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Collects a body up to a limit and then cancels the rest, so a large or endless body
 * costs neither memory nor time: the HTTP checks of core and checks-nats read what servers send
 * through it. Reactive-streams signals arrive one at a time, so no locking.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Body> {

    /**
     * What was read of a response body: at most the limit, and whether there was more.
     *
     * @param bytes     the bytes read
     * @param truncated whether the body went on past the limit
     */
    public record Body(byte[] bytes, boolean truncated) {
    }

    private final int limit;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private byte[] buffer = new byte[256];
    private int size;
    private Flow.@Nullable Subscription subscription;

    /**
     * A subscriber for one body.
     *
     * @param limit the most bytes to keep, at least 1
     */
    public LimitedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
        subscription = value;
        value.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int room = limit - size;
            if (item.remaining() > room) {
                append(item, room);
                result.complete(new Body(Arrays.copyOf(buffer, size), true));
                Objects.requireNonNull(subscription).cancel();
                return;
            }
            append(item, item.remaining());
        }
        Objects.requireNonNull(subscription).request(1);
    }

    private void append(ByteBuffer item, int count) {
        if (size + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + count, Math.min(limit, buffer.length * 2)));
        }
        item.get(buffer, size, count);
        size += count;
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(Arrays.copyOf(buffer, size), false));
    }
}
