/**
 * Not API: code that Health Monitor's own modules share (the default daemon threads). It may change
 * in any release; applications must not use it.
 */
package io.healthmonitor.internal;
