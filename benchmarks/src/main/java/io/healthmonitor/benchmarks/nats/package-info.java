/** JMH benchmarks of the NATS checks against the shared server on 127.0.0.1:4222; see docs/checks-nats.md. */
package io.healthmonitor.benchmarks.nats;
