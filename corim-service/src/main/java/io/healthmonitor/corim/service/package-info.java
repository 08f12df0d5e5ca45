/**
 * CoRIM profiles in a service: the stores ({@link io.healthmonitor.corim.service.CorimProfileStore}
 * in memory or {@link io.healthmonitor.corim.service.RedisCorimProfileStore} in Redis), the upload
 * and validation endpoints ({@link io.healthmonitor.corim.service.CorimHttpHandler}), the health
 * check and the meters, on top of the validator of {@code io.healthmonitor.corim}.
 */
package io.healthmonitor.corim.service;
