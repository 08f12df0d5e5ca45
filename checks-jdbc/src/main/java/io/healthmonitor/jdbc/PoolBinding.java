package io.healthmonitor.jdbc;

/** A pool the check can see: how to read it, and how to borrow from it within a bound. */
record PoolBinding(PoolProbe probe, ConnectionSource source) {
}
