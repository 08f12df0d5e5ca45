/**
 * This build's own test plumbing, not published: private server processes for tests that kill
 * their dependency, and the switch that makes integration tests fail instead of skip when their
 * server is absent ({@code -Dhealthmonitor.it.required=true}, set by CI). Users' test kit is
 * healthmonitor-testing.
 */
package io.healthmonitor.testsupport;
