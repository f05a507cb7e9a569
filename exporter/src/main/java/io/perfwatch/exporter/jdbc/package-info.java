/** The P6Spy module for apps that configure P6Spy themselves: {@link PerfWatchP6Module}. */
@NullMarked
package io.perfwatch.exporter.jdbc;

import org.jspecify.annotations.NullMarked;
