package io.github.poolpilot.sizing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.github.poolpilot.hikari.ManagedPool;
import io.github.poolpilot.hikari.PoolEventListener;
import io.github.poolpilot.hikari.PoolEventListenerFactory;

/**
 * Gives each pool a {@link LoadRecorder} when it starts, and the sizing controller the recorder of each pool.
 */
public final class LoadRecorders implements PoolEventListenerFactory {

	private final Map<ManagedPool, LoadRecorder> recorders = new ConcurrentHashMap<>();

	private volatile @Nullable Thread ignored;

	@Override
	public PoolEventListener create(ManagedPool pool) {
		return this.recorders.computeIfAbsent(pool, (key) -> {
			LoadRecorder recorder = new LoadRecorder();
			recorder.ignore(this.ignored);
			return recorder;
		});
	}

	/**
	 * Return the recorder of a pool.
	 * @param pool the pool
	 * @return the recorder, or {@code null} when the pool has not started
	 */
	@Nullable LoadRecorder recorder(ManagedPool pool) {
		return this.recorders.get(pool);
	}

	/**
	 * Ignore one thread's connection events in every pool, present and future.
	 * @param thread the sizing controller's thread, or {@code null} for none
	 */
	void ignore(@Nullable Thread thread) {
		this.ignored = thread;
		this.recorders.values().forEach((recorder) -> recorder.ignore(thread));
	}

}
