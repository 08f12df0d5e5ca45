/**
 * Code that the CoRIM command line and the {@code healthmonitor-corim-service} module share. Not an
 * API: nothing here is documented for users, and it may change in any release.
 */
package io.healthmonitor.corim.internal;
