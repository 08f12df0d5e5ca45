package io.healthmonitor.http;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * grpc-java's health service with the limits a public port needs, and an end. The manager's service
 * keeps every Watch stream, and the service name each one asked for, until its client leaves: a
 * client holding thousands of streams, or names of megabytes, holds the server's memory. This guard
 * refuses names longer than {@link GrpcHealthBinding#MAX_SERVICE_NAME_LENGTH}, Watch streams beyond
 * a maximum, and, once closed, ends the open Watch streams and every new one, so that a server's
 * {@code shutdown()} is not held up by clients that never leave. Thread-safe.
 */
final class GrpcHealthService implements ServerInterceptor {

    private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();
    private static final Status CLOSED = Status.UNAVAILABLE.withDescription("the health service is closed");

    private final ServerServiceDefinition definition;
    private final int maxWatchers;
    private final Set<WatchCall<?, ?>> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    GrpcHealthService(HealthStatusManager statuses, int maxWatchers) {
        this.definition = ServerInterceptors.intercept(statuses.getHealthService(), this);
        this.maxWatchers = maxWatchers;
    }

    ServerServiceDefinition definition() {
        return definition;
    }

    int watchers() {
        return watches.size();
    }

    /** Ends every open Watch stream with {@code UNAVAILABLE}, and every one opened from now on. */
    void close() {
        closed = true;
        watches.forEach(WatchCall::end);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!WATCH.equals(call.getMethodDescriptor().getFullMethodName())) {
            return new NameLimit<>(call, next.startCall(call, headers));
        }
        WatchCall<Q, R> watch = new WatchCall<>(call);
        // Counted before the request arrives: a stream that never sends one holds its place too.
        watches.add(watch);
        if (closed) {
            watch.end();
        } else if (watches.size() > maxWatchers) {
            watch.end(Status.RESOURCE_EXHAUSTED.withDescription("more than " + maxWatchers + " Watch streams are open"));
        }
        if (watch.ended()) {
            watches.remove(watch);
            return new ServerCall.Listener<>() {
            };
        }
        return new NameLimit<>(watch, next.startCall(watch, headers)) {
            @Override
            public void onComplete() {
                watches.remove(watch);
                super.onComplete();
            }

            @Override
            public void onCancel() {
                watches.remove(watch);
                super.onCancel();
            }
        };
    }

    /** Refuses a request whose service name no one can have set, before the health service sees it. */
    private static class NameLimit<Q> extends SimpleForwardingServerCallListener<Q> {
        private final ServerCall<Q, ?> call;
        private boolean refused;   // the transport calls a listener from one thread at a time

        NameLimit(ServerCall<Q, ?> call, ServerCall.Listener<Q> delegate) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            if (message instanceof HealthCheckRequest request
                    && request.getService().length() > GrpcHealthBinding.MAX_SERVICE_NAME_LENGTH) {
                refused = true;
                // The name is not echoed: the answer's trailer would be as long as the request.
                call.close(Status.INVALID_ARGUMENT.withDescription(
                        "service name longer than " + GrpcHealthBinding.MAX_SERVICE_NAME_LENGTH + " characters"), new Metadata());
                return;
            }
            super.onMessage(message);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                super.onHalfClose();
            }
        }
    }

    /**
     * A Watch call that can be ended from another thread than the manager's: both go through this
     * lock, and the manager's messages after the end are dropped instead of failing its status
     * update (a closed call throws on send).
     */
    private static final class WatchCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private final AtomicBoolean ended = new AtomicBoolean();

        WatchCall(ServerCall<Q, R> call) {
            super(call);
        }

        boolean ended() {
            return ended.get();
        }

        void end() {
            end(CLOSED);
        }

        synchronized void end(Status status) {
            if (ended.compareAndSet(false, true)) {
                super.close(status, new Metadata());
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!ended.get()) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!ended.get()) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (ended.compareAndSet(false, true)) {
                super.close(status, trailers);
            }
        }
    }
}
