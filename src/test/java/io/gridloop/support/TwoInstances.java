package io.gridloop.support;

import java.util.Map;

/**
 * A {@link FreshDistrict} served by two instances of the packaged service on its one database, with the
 * same signing keys, as a deployment behind a load balancer runs it: this resource starts one
 * ({@link ServiceInstance}, which migrates the database and applies the bootstrap), then the test
 * framework starts the other, the one RestAssured calls by default. A test's field of type
 * {@link ServiceInstance} gets the first, so the test can send any request to either.
 */
public class TwoInstances extends FreshDistrict {

    private ServiceInstance other;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = super.start();
        try {
            other = ServiceInstance.start("other-instance", settings);
        } catch (RuntimeException e) {
            super.stop();
            throw e;
        }
        return settings;
    }

    @Override
    public void inject(TestInjector testInjector) {
        super.inject(testInjector);
        testInjector.injectIntoFields(other, new TestInjector.MatchesType(ServiceInstance.class));
    }

    @Override
    public void stop() {
        try {
            if (other != null) {
                other.close();
                other = null;
            }
        } finally {
            super.stop();
        }
    }
}
