package io.syncplane.persistence;

import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Applies Syncplane's Liquibase changelog to a data source outside a Spring Boot context (tests, tools); the services
 * get the same changelog through Spring Boot's Liquibase auto-configuration.
 */
public final class SchemaMigrations {

    public static final String CHANGELOG = "classpath:db/changelog/syncplane.xml";

    private SchemaMigrations() {
    }

    public static void apply(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setResourceLoader(new DefaultResourceLoader(SchemaMigrations.class.getClassLoader()));
        try {
            liquibase.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }
}
