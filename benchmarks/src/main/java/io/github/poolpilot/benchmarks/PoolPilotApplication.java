package io.github.poolpilot.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.poolpilot.autoconfigure.PoolPilotAutoConfiguration;
import io.github.poolpilot.hikari.PoolPilotMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Starts Pool Pilot the way an application gets it: a Spring application whose only
 * configuration is Spring Boot's data source and transaction manager auto-configurations
 * plus every Pool Pilot auto-configuration. Pool Pilot's are read from
 * {@code META-INF/spring/...AutoConfiguration.imports} on the class path, so that a
 * feature registered there later is measured without changing the benchmark;
 * {@link PoolPilotAutoConfiguration} is always included. Auto-configurations are imported
 * in Spring Boot's order, after the application's own beans, as
 * {@code @EnableAutoConfiguration} would import them.
 *
 * @author Pool Pilot contributors
 */
final class PoolPilotApplication {

	private static final String POOLPILOT_PACKAGE = "io.github.poolpilot.";

	private PoolPilotApplication() {
	}

	/**
	 * Start an application.
	 * @param properties its configuration properties, which take precedence over any
	 * other source
	 * @param meterRegistry whether the application has a {@link SimpleMeterRegistry} bean
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(Map<String, Object> properties, boolean meterRegistry) {
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setRegisterShutdownHook(false);
		application.addInitializers((context) -> {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
			if (meterRegistry) {
				((GenericApplicationContext) context).registerBean("meterRegistry", MeterRegistry.class,
						SimpleMeterRegistry::new);
			}
		});
		return application.run();
	}

	/**
	 * Return the Pool Pilot auto-configurations registered on the class path,
	 * {@link PoolPilotAutoConfiguration} first.
	 * @param classLoader the class loader to read the registrations with
	 * @return the class names
	 */
	static List<String> poolPilotAutoConfigurations(ClassLoader classLoader) {
		Set<String> names = new LinkedHashSet<>();
		names.add(PoolPilotAutoConfiguration.class.getName());
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (candidate.startsWith(POOLPILOT_PACKAGE)) {
				names.add(candidate);
			}
		}
		return new ArrayList<>(names);
	}

	/**
	 * Return whether Pool Pilot's own registration file was found on the class path. When
	 * it was not, only {@link PoolPilotAutoConfiguration} is measured.
	 * @param classLoader the class loader to read the registrations with
	 * @return whether the file lists {@link PoolPilotAutoConfiguration}
	 */
	static boolean isRegistered(ClassLoader classLoader) {
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, classLoader)) {
			if (candidate.equals(PoolPilotAutoConfiguration.class.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the HikariCP pool behind an application's data source, after checking that
	 * Pool Pilot is on its acquire and release path.
	 * @param dataSource the application's data source
	 * @return the pool
	 * @throws IllegalStateException if the data source is not a HikariCP pool with Pool
	 * Pilot's tracker
	 */
	static HikariDataSource hikari(DataSource dataSource) {
		HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
				HikariDataSource.class);
		if (pool == null) {
			throw new IllegalStateException("The application's data source is not a HikariCP pool: " + dataSource);
		}
		if (!(pool.getMetricsTrackerFactory() instanceof PoolPilotMetricsTrackerFactory)) {
			throw new IllegalStateException(pool.getPoolName() + " - Pool Pilot's metrics tracker is not installed; "
					+ "the benchmark would not measure Pool Pilot");
		}
		return pool;
	}

	/**
	 * The application's only configuration: it imports the auto-configurations.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(AutoConfigurationSelector.class)
	static class BenchmarkApplication {

	}

	/**
	 * Imports Spring Boot's data source auto-configurations and Pool Pilot's, sorted by
	 * their {@code before}/{@code after} declarations, once the application's own beans
	 * are known.
	 */
	static class AutoConfigurationSelector implements DeferredImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata metadata) {
			ClassLoader classLoader = AutoConfigurationSelector.class.getClassLoader();
			List<Class<?>> classes = new ArrayList<>();
			classes.add(DataSourceAutoConfiguration.class);
			classes.add(DataSourceTransactionManagerAutoConfiguration.class);
			for (String name : poolPilotAutoConfigurations(classLoader)) {
				classes.add(load(name, classLoader));
			}
			Class<?>[] sorted = Configurations.getClasses(AutoConfigurations.of(classes.toArray(Class<?>[]::new)));
			return Arrays.stream(sorted).map(Class::getName).toArray(String[]::new);
		}

		private static Class<?> load(String name, ClassLoader classLoader) {
			try {
				return Class.forName(name, false, classLoader);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("Auto-configuration '" + name + "' is registered but missing", ex);
			}
		}

	}

}
