package org.civicsafety.assessment.common;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The ops dashboard's latency panels compute quantiles from `http_server_requests_seconds_bucket`. */
@Singleton
public class MetricsConfig {
    @Produces
    @Singleton
    public MeterFilter httpServerHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests"))
                    return config;
                return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
            }
        };
    }
}
